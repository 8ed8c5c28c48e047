from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.decorators.cache import cache_control
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.documents.views import serve as document_views

from core import health, permissions, serving
from core.throttling import throttled_password_view
from pages import views as pages_views
from pages.sitemaps import sitemap_index, sitemap_section

urlpatterns = [
    # Before Wagtail's own: its page chooser names any page by id, drafts included, to any staff role.
    path("admin/choose-page/<int:parent_page_id>/", permissions.PublicPagesBrowseView.as_view()),
    path("admin/choose-page/chosen-multiple/", permissions.PublicPagesChosenMultipleView.as_view()),
    # Before wagtail-localize's own, which name any page or snippet to any staff role (same names).
    path(
        "admin/localize/submit/page/<int:page_id>/",
        require_admin_access(permissions.PageRolesSubmitPageTranslationView.as_view()),
    ),
    path(
        "admin/localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
        require_admin_access(permissions.OwnItemsSubmitSnippetTranslationView.as_view()),
    ),
    path(
        "admin/localize/update/<int:translation_source_id>/",
        require_admin_access(permissions.OwnSourcesUpdateTranslationsView.as_view()),
    ),
    path(
        "admin/localize/api/snippets/<slug:app_label>/<slug:model_name>/",
        require_admin_access(permissions.OwnItemsSnippetsAPIViewSet.as_view({"get": "list"})),
    ),
    path(
        "admin/localize/api/snippets/<slug:app_label>/<slug:model_name>/<str:pk>/",
        require_admin_access(permissions.OwnItemsSnippetsAPIViewSet.as_view({"get": "retrieve"})),
    ),
    path(
        "admin/localize/reports/translations/",
        require_admin_access(permissions.OwnTranslationsReportView.as_view()),
    ),
    path(
        "admin/localize/reports/translations/results/",
        require_admin_access(permissions.OwnTranslationsReportView.as_view(results_only=True)),
    ),
    path("admin/", include(wagtailadmin_urls)),
    # An index of the sections' pages (pages/sitemaps.py), at the address robots.txt gives.
    path("sitemap.xml", sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemap_section, name="sitemap_section"),
    path("robots.txt", pages_views.robots_txt, name="robots_txt"),
    # Browsers and audits ask for /favicon.ico whatever the pages link to (static/img/favicon.svg).
    path(
        "favicon.ico",
        cache_control(public=True, max_age=86400)(serve),
        {"path": "favicon.ico", "document_root": settings.BASE_DIR / "static" / "img"},
    ),
    path("healthz", health.healthz, name="healthz"),
    # Wagtail's checks of view restrictions' shared passwords, with the sign-in limits (same addresses).
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        throttled_password_view(document_views.authenticate_with_password, "restriction_id"),
    ),
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        throttled_password_view(wagtail_views.authenticate_with_password, "page_view_restriction_id"),
    ),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.SERVE_MEDIA:
    # Local runs serve uploads themselves (static files come from WhiteNoise);
    # production leaves MEDIA_URL to a web server or object storage.
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]

# Pages and search in each language: English where it has always been, the others under their
# prefix (/fr/...). The language comes from the address alone, never from the browser's settings.
urlpatterns += i18n_patterns(
    path("search/", pages_views.search, name="search"),
    # Wagtail's page view, each address's page found once per content generation (same address, same name).
    re_path(wagtail_urls.serve_pattern, serving.serve, name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
