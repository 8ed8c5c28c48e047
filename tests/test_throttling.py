"""Throttling that protects, not punishes: guesses are limited per name (or shared password) and client
address together. An attacker locks out only themselves, whatever headers they forge; the person whose
name they guess still signs in; the shared passwords of view restrictions get the same limits.
"""

import http.client
import re
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import User
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from .factories import make_site_tree

ATTACKER, ADMIN = "198.51.100.7", "203.0.113.9"
RIGHT_PASSWORD = "the-right-password-123"


def sign_in(client, password, address, username="admin"):
    return client.post("/admin/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


def assert_locked_out(response):
    assert response.status_code == 429
    html = response.content.decode()
    assert "Too many failed attempts" in html and "Try again in 15 minutes" in html
    assert response["Retry-After"] == "900"


@pytest.mark.django_db
def test_bad_passwords_lock_out_that_name_from_that_address_only(client, settings):
    User.objects.create_superuser("admin", password=RIGHT_PASSWORD)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "guess", ATTACKER).status_code == 200
    assert_locked_out(sign_in(client, "guess", ATTACKER))
    assert_locked_out(sign_in(client, RIGHT_PASSWORD, ATTACKER))  # even the right password, from there

    # The real admin, elsewhere, is not punished for the attacker's guesses.
    assert sign_in(client, RIGHT_PASSWORD, ADMIN).status_code == 302


# Through the shipped nginx, which every client reaches from its own address


class Browser:
    """A client with cookies, talking to nginx from one source address (127.0.0.2, 127.0.0.3...)."""

    def __init__(self, port, source):
        self.port, self.source, self.cookies = port, source, SimpleCookie()

    def request(self, method, path, body=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10, source_address=(self.source, 0))
        cookie = "; ".join(f"{name}={morsel.value}" for name, morsel in self.cookies.items())
        all_headers = {"Host": "localhost", "Cookie": cookie, **(headers or {})}
        if body is not None:
            all_headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=all_headers)
            response = connection.getresponse()
            for value in response.headers.get_all("Set-Cookie") or []:
                self.cookies.load(value)
            return response.status, response.read().decode()
        finally:
            connection.close()

    def sign_in(self, password, headers=None):
        _, form = self.request("GET", "/admin/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
        fields = {"csrfmiddlewaretoken": token, "username": "admin", "password": password, "next": "/admin/"}
        return self.request("POST", "/admin/login/", urlencode(fields), headers)


@pytest.fixture
def proxy_port(proxy, settings):
    settings.CLIENT_ADDRESS_HEADER = "X-Real-IP"  # as production settings do behind the shipped nginx
    return proxy.port


def test_forged_forwarding_headers_through_nginx_neither_lift_nor_spread_a_lockout(proxy_port, settings):
    User.objects.create_superuser("admin", password=RIGHT_PASSWORD)
    attacker = Browser(proxy_port, "127.0.0.2")
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        # Each guess claims to come from somewhere new, or from the real admin's own address.
        forged = f"192.0.2.{attempt}" if attempt % 2 else "127.0.0.3"
        status, _ = attacker.sign_in("guess", {"X-Forwarded-For": forged, "X-Real-IP": forged})
        assert status == (200 if attempt < settings.AXES_FAILURE_LIMIT - 1 else 429)
    status, html = attacker.sign_in(RIGHT_PASSWORD, {"X-Forwarded-For": "192.0.2.99", "X-Real-IP": "192.0.2.99"})
    assert status == 429 and "Try again in 15 minutes" in html

    status, _ = Browser(proxy_port, "127.0.0.3").sign_in(RIGHT_PASSWORD)
    assert status == 302  # signed in: the admin's address is not the attacker's


# View restrictions' shared passwords


@pytest.mark.django_db
def test_a_page_password_is_throttled_per_page_and_address(client, settings):
    page = make_site_tree()["response"]
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="shelter-2026"
    )
    url = f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"

    def guess(password, address):
        return client.post(url, {"password": password, "return_url": "/response/"}, REMOTE_ADDR=address)

    statuses = [guess(f"guess-{n}", ATTACKER).status_code for n in range(50)]
    assert statuses[: settings.AXES_FAILURE_LIMIT - 1] == [200] * (settings.AXES_FAILURE_LIMIT - 1)
    assert set(statuses[settings.AXES_FAILURE_LIMIT - 1 :]) == {429}  # 5 guesses checked, not 50
    assert_locked_out(guess("shelter-2026", ATTACKER))

    right = guess("shelter-2026", ADMIN)
    assert right.status_code == 302 and right["Location"] == "/response/"


@pytest.mark.django_db
def test_a_collection_password_for_documents_is_throttled_too(client, settings):
    collection = Collection.get_first_root_node().add_child(name="Restricted")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.PASSWORD, password="files-2026"
    )
    url = f"/documents/authenticate_with_password/{restriction.pk}/"
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(url, {"password": "guess", "return_url": "/"}, REMOTE_ADDR=ATTACKER)
    assert_locked_out(client.post(url, {"password": "files-2026", "return_url": "/"}, REMOTE_ADDR=ATTACKER))
    assert client.post(url, {"password": "files-2026", "return_url": "/"}, REMOTE_ADDR=ADMIN).status_code == 302
