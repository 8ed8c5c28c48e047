import math

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.template.loader import render_to_string


class SecurityHeadersMiddleware:
    """Headers Django does not set itself: Permissions-Policy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class PreviewFramingMiddleware:
    """Let the admin frame its previews of public pages.

    Wagtail renders a preview through a dummy request for the item's public URL, so it gets the
    public pages' CSP with ``frame-ancestors 'none'`` and the admin's preview panel stays blank.
    Placed after django-csp's middleware, so its answer is read on the way out.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "is_dummy", False):
            response._csp_replace = {"frame-ancestors": ["'self'"]}
        return response


class DatabaseUnavailableMiddleware:
    """When the database is unreachable, visitors get a plain 'try again later' page, 503."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DatabaseError) or not _database_is_down():
            return None
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = str(math.ceil(settings.DATABASE_RETRY_SECONDS))  # when a worker tries again
        response["Cache-Control"] = "no-store"
        return response


def _database_is_down():
    try:
        connection.ensure_connection()
        return False
    except DatabaseError:
        return True
