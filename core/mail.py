"""Mail that degrades: a failure to deliver is logged, recorded for the dashboard and never fails a request.

Wagtail sends password resets and moderation notices from inside the editor's or visitor's request, and
only some of its callers catch a failure (a refused connection, but not a refused login or greeting), so
the backend takes every failure itself: it logs it as an error, records it (core.models.EmailDelivery)
for the dashboard panel that tells administrators, and answers that nothing was sent, as Django's own
backends do when asked to fail silently. The reset form says the same whether or not an account exists
or its mail went out.
"""

import logging

from django.conf import settings
from django.core import checks
from django.core.mail.backends import smtp

from .models import EmailDelivery

logger = logging.getLogger(__name__)


class EmailBackend(smtp.EmailBackend):
    """Django's SMTP backend, through which a failure is logged and recorded instead of raised."""

    def __init__(self, fail_silently=False, **kwargs):
        # Every failure is caught here, to be logged and recorded, whatever the caller asked for.
        super().__init__(fail_silently=False, **kwargs)
        self.unreachable = False  # one failed connection per batch, not one wait per message

    def open(self):
        if self.unreachable:
            return None
        try:
            return super().open()
        except Exception as error:
            self.unreachable = True
            self.failed(error)
            return None

    def send_messages(self, email_messages):
        try:
            sent = super().send_messages(email_messages)
        except Exception as error:
            self.failed(error)
            return 0
        if sent:
            EmailDelivery.succeeded()
        return sent

    @property
    def server(self):
        return f"{self.host}:{self.port}"

    def failed(self, error):
        # The log has the traceback with the server's reply, for operators; the record shown in the admin
        # only the error's class. Neither has the message or the credentials.
        logger.error("Mail could not be delivered through %s (%s)", self.server, type(error).__name__, exc_info=error)
        EmailDelivery.failed(error)


class NoMailServerError(ConnectionError):
    """No mail server is configured (EMAIL_URL or EMAIL_HOST)."""


class NoMailServerEmailBackend(EmailBackend):
    """Production without a mail server: every message is a logged, recorded failure, never a silent loss."""

    server = "no mail server (neither EMAIL_URL nor EMAIL_HOST is set)"

    def open(self):
        if not self.unreachable:
            self.unreachable = True
            self.failed(NoMailServerError())
        return None


@checks.register("email", deploy=True)
def check_mail_server(app_configs, **kwargs):
    if settings.EMAIL_BACKEND != f"{__name__}.{NoMailServerEmailBackend.__name__}":
        return []
    return [
        checks.Warning(
            "No mail server is configured: password resets and moderation notices will not be sent.",
            hint="Set EMAIL_URL, or EMAIL_HOST and its companions (README, Email).",
            id="core.W001",
        )
    ]
