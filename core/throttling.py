"""Throttling that protects, not punishes: guesses are limited per account (or shared password) and
client address together, so an attacker locks out only themselves, never the person they pretend to be.

django-axes counts the failures and refuses (settings: AXES_*); this module tells it who the client
is and extends it to the shared passwords of page and collection view restrictions.
"""

import functools
import ipaddress
import math

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import render


def client_address(request):
    """The client's IP address: the header the proxy in front *overwrites* (CLIENT_ADDRESS_HEADER, e.g.
    nginx's ``X-Real-IP $remote_addr``), else the connection's own address.

    Never a header a proxy appends to, such as X-Forwarded-For: its first entries are whatever the
    client sent.
    """
    if settings.CLIENT_ADDRESS_HEADER:
        value = request.META.get("HTTP_" + settings.CLIENT_ADDRESS_HEADER.upper().replace("-", "_"), "")
        try:
            return str(ipaddress.ip_address(value.strip()))
        except ValueError:
            pass  # not behind the proxy after all (a local run): the connection's address
    return request.META.get("REMOTE_ADDR")


def lockout_response(request, original_response=None, credentials=None):
    """429 with when to try again, in words and in Retry-After."""
    minutes = math.ceil(get_cool_off(request).total_seconds() / 60)
    # Rendered now: axes' middleware answers with it after the template-response phase.
    response = render(request, "account_locked.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(minutes * 60)
    return response


def throttled_password_view(view, restriction_argument):
    """A Wagtail view checking a view restriction's shared password, with the sign-in limits: per
    restriction and client address. A wrong password re-renders the form (200); a right one redirects."""

    @functools.wraps(view)
    def throttled(request, *args, **kwargs):
        if request.method != "POST":
            return view(request, *args, **kwargs)
        credentials = {"username": f"{view.__module__}:{kwargs[restriction_argument]}"}
        if not AxesProxyHandler.is_allowed(request, credentials):
            return lockout_response(request)
        response = view(request, *args, **kwargs)
        if response.status_code == 200:
            user_login_failed.send(sender=__name__, credentials=credentials, request=request)
            if getattr(request, "axes_locked_out", False):
                return lockout_response(request)
        return response

    return throttled
