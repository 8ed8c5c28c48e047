"""Mail through a real SMTP connection: password resets and moderation notices arrive, and a failing mail
server is logged and shown to administrators without failing the request or telling a visitor anything."""

import email
import email.policy
import logging
import re
import socketserver
import threading

import pytest
from django.contrib.auth.models import Group, User

from deploy.nginx.config import free_port

from .test_admin import page_form
from .test_production import run_django

RESET_URL = "/admin/password_reset/"
EMAIL_FAILING = "Email is not being delivered"


class SMTPServer(socketserver.ThreadingTCPServer):
    """A tiny mail server on 127.0.0.1, in this process: it keeps what it accepts in ``messages``.

    ``refuse`` makes it answer a connection with 554 (as a server that will not serve this client), and
    ``refuse_recipients`` refuses every recipient with 550.
    """

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, refuse=False, refuse_recipients=False):
        super().__init__(("127.0.0.1", 0), SMTPSession)
        self.refuse, self.refuse_recipients = refuse, refuse_recipients
        self.messages = []

    @property
    def port(self):
        return self.server_address[1]


class SMTPSession(socketserver.StreamRequestHandler):
    def reply(self, line):
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self):
        if self.server.refuse:
            self.reply("554 No SMTP service here")
            return
        self.reply("220 127.0.0.1 test mail server")
        while line := self.rfile.readline():
            verb = line[:4].decode().upper()
            if verb in ("HELO", "EHLO", "MAIL", "RSET", "NOOP"):
                self.reply("250 OK")
            elif verb == "RCPT":
                self.reply("550 No such user here" if self.server.refuse_recipients else "250 OK")
            elif verb == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                lines = []
                while (data := self.rfile.readline()) != b".\r\n":
                    lines.append(data[1:] if data.startswith(b"..") else data)
                self.server.messages.append(email.message_from_bytes(b"".join(lines), policy=email.policy.default))
                self.reply("250 OK: queued")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("502 Command not implemented")


@pytest.fixture
def mail_server(settings):
    """Start a mail server (``mail_server(refuse=...)``) and send the site's mail to it."""
    servers = []

    def start(**behaviour):
        server = SMTPServer(**behaviour)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        send_mail_to(settings, server.port)
        return server

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def send_mail_to(settings, port):
    # pytest-django swaps in Django's in-memory backend for tests; these tests want the real one.
    settings.EMAIL_BACKEND = "core.mail.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 2


@pytest.fixture
def amina(db):
    return User.objects.create_user("amina", email="amina@example.org", password="an-old-password-1")


@pytest.fixture
def administrator(db):
    return User.objects.create_superuser("admin", email="admin@example.org", password="not-used")


def ask_for_a_reset(client, address="amina@example.org"):
    response = client.post(RESET_URL, {"email": address})
    assert response.status_code == 302, response.content.decode()[:500]
    return response


def test_a_reset_link_arrives_and_resets_the_password(client, amina, mail_server):
    server = mail_server()
    ask_for_a_reset(client)
    [message] = server.messages
    assert message["To"] == "amina@example.org"
    # At the admin's public address (WAGTAILADMIN_BASE_URL), whatever host the request came to.
    link = re.search(r"^http://testserver(/admin/password_reset/confirm/\S+/)", message.get_content(), re.M).group(1)
    form = client.get(link, follow=True)
    response = client.post(
        form.redirect_chain[-1][0], {"new_password1": "A-new-passphrase-9", "new_password2": "A-new-passphrase-9"}
    )
    assert response.status_code == 302
    amina.refresh_from_db()
    assert amina.check_password("A-new-passphrase-9")


def nothing_listening(settings, mail_server):
    send_mail_to(settings, free_port())


def server_refusing_the_connection(settings, mail_server):
    mail_server(refuse=True)


def server_refusing_the_recipient(settings, mail_server):
    mail_server(refuse_recipients=True)


def production_without_a_mail_server(settings, mail_server):
    settings.EMAIL_BACKEND = "core.mail.NoMailServerEmailBackend"  # what production settings choose


@pytest.mark.parametrize(
    "break_mail, error",
    [
        (nothing_listening, "ConnectionRefusedError"),
        (server_refusing_the_connection, "SMTPConnectError"),
        (server_refusing_the_recipient, "SMTPRecipientsRefused"),
        (production_without_a_mail_server, "NoMailServerError"),
    ],
    ids=lambda value: value.__name__.replace("_", " ") if callable(value) else None,
)
def test_a_failing_mail_server_is_logged_and_shown_to_administrators(
    client, settings, amina, administrator, mail_server, caplog, break_mail, error
):
    break_mail(settings, mail_server)
    with caplog.at_level(logging.ERROR):
        ask_for_a_reset(client)
    [record] = [record for record in caplog.records if record.name == "core.mail"]
    assert record.levelno == logging.ERROR and error in record.getMessage()

    client.force_login(administrator)
    html = client.get("/admin/").content.decode()
    assert EMAIL_FAILING in html and error in html
    assert "Since " in html and "password reset links and moderation notices are not being sent" in html


def test_a_visitor_cannot_tell_whether_an_account_exists_when_mail_fails(client, settings, amina):
    send_mail_to(settings, free_port())
    for_an_account, for_nobody = ask_for_a_reset(client), ask_for_a_reset(client, "nobody@example.org")
    assert for_an_account["Location"] == for_nobody["Location"]
    assert without_csrf_token(client.get(for_an_account["Location"])) == without_csrf_token(
        client.get(for_nobody["Location"])
    )


def without_csrf_token(response):
    """The page without the CSRF token, which changes at each response (BREACH protection)."""
    return re.sub(r'"CSRF_TOKEN": "\w+"', "", response.content.decode())


def test_only_administrators_are_told_and_only_while_mail_fails(client, settings, amina, administrator, mail_server):
    send_mail_to(settings, free_port())
    ask_for_a_reset(client)
    editor = User.objects.create_user("editor", password="not-used")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    assert EMAIL_FAILING not in client.get("/admin/").content.decode()

    client.force_login(administrator)
    assert EMAIL_FAILING in client.get("/admin/").content.decode()
    server = mail_server()
    client.logout()
    ask_for_a_reset(client)
    assert len(server.messages) == 1
    client.force_login(administrator)
    assert EMAIL_FAILING not in client.get("/admin/").content.decode()


@pytest.fixture
def moderator(db):
    user = User.objects.create_user("moderator", email="moderator@example.org", password="not-used")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def page_editor(db):
    user = User.objects.create_user("page-editor", email="editor@example.org", password="not-used")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def submit_for_moderation(client, page, editor):
    client.force_login(editor)
    response = client.post(f"/admin/pages/{page.pk}/edit/", page_form(page, "submit", title="Revised title"))
    assert response.status_code == 302, response.content.decode()[:2000]
    page.refresh_from_db()
    assert page.workflow_in_progress


def test_moderators_are_told_of_a_page_submitted_for_moderation(client, site_tree, moderator, page_editor, mail_server):
    server = mail_server()
    submit_for_moderation(client, site_tree["standard"], page_editor)
    assert [message["To"] for message in server.messages] == ["moderator@example.org"]
    assert "Revised title" in server.messages[0]["Subject"]


def test_a_refusing_mail_server_never_fails_a_submission_for_moderation(
    client, site_tree, moderator, page_editor, administrator, mail_server
):
    """Wagtail catches a refused connection but not a refused greeting: the submission would fail with a 500."""
    mail_server(refuse=True)
    submit_for_moderation(client, site_tree["standard"], page_editor)
    client.force_login(administrator)
    assert EMAIL_FAILING in client.get("/admin/").content.decode()


@pytest.mark.slow
def test_local_runs_print_mail_to_the_console_and_production_warns_without_a_mail_server():
    code = "import django; django.setup(); from django.conf import settings; print(settings.EMAIL_BACKEND)"
    base = {
        "DJANGO_SETTINGS_MODULE": "unodc_site.settings.base",
        "SECRET_KEY": "a-long-random-production-secret-key-0123456789-abcdefghijklmnop",
        "EMAIL_URL": "",
        "EMAIL_HOST": "",
    }
    assert run_django(code, **base).stdout.strip() == "django.core.mail.backends.console.EmailBackend"
    production = {
        **base,
        "DJANGO_SETTINGS_MODULE": "unodc_site.settings.production",
        "ALLOWED_HOSTS": "www.example.org",
        "SITE_URL": "https://www.example.org",
        "REDIS_URL": "redis://127.0.0.1:6379/15",
    }
    check = (
        "import django; django.setup(); from django.core.management import call_command; "
        "call_command('check', '--deploy', '--fail-level', 'WARNING')"
    )
    result = run_django(check, **production)
    assert result.returncode != 0 and "core.W001" in result.stderr and "No mail server is configured" in result.stderr
    assert run_django(check, **{**production, "EMAIL_URL": "smtp://mail.example.org:587/?tls=True"}).returncode == 0


@pytest.mark.parametrize(
    "env, expected",
    [
        ({}, None),
        (
            {"EMAIL_URL": "smtp://site%40example.org:p%40ss%3Aword@mail.example.org:2525/?tls=True"},
            ("mail.example.org", 2525, "site@example.org", "p@ss:word", True, False),
        ),
        ({"EMAIL_URL": "smtps://mail.example.org"}, ("mail.example.org", 465, "", "", False, True)),
        ({"EMAIL_URL": "smtp://mail.example.org/?tls=1"}, ("mail.example.org", 587, "", "", True, False)),
        (
            {"EMAIL_HOST": "mail.example.org", "EMAIL_HOST_USER": "site", "EMAIL_HOST_PASSWORD": "secret"},
            ("mail.example.org", 25, "site", "secret", False, False),
        ),
        (
            {"EMAIL_HOST": "mail.example.org", "EMAIL_PORT": "2465", "EMAIL_USE_SSL": "true"},
            ("mail.example.org", 2465, "", "", False, True),
        ),
    ],
)
def test_the_mail_server_comes_from_email_url_or_email_host(monkeypatch, env, expected):
    from unodc_site.settings.env import email_server

    for name in (
        "EMAIL_URL",
        "EMAIL_HOST",
        "EMAIL_PORT",
        "EMAIL_HOST_USER",
        "EMAIL_HOST_PASSWORD",
        "EMAIL_USE_TLS",
        "EMAIL_USE_SSL",
    ):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert email_server() == expected


@pytest.mark.parametrize(
    "url",
    [
        "http://mail.example.org",
        "smtp://user:secret-password@mail.example.org:port",
        "smtp://mail.example.org/?tls=1&ssl=1",
    ],
)
def test_a_wrong_email_url_stops_the_start_without_printing_it(url):
    result = run_django("import django; django.setup()", SECRET_KEY="x" * 60, EMAIL_URL=url)
    assert result.returncode != 0 and "ImproperlyConfigured" in result.stderr
    assert "secret-password" not in result.stderr
