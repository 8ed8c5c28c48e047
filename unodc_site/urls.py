from django.conf import settings
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from pages import views as pages_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("search/", pages_views.search, name="search"),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.SERVE_MEDIA:
    # Local runs serve uploads themselves (static files come from WhiteNoise);
    # production leaves MEDIA_URL to a web server or object storage.
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]

urlpatterns += [
    path("", include(wagtail_urls)),
]
