from django.template.response import TemplateResponse
from wagtail.models import Site

from core.pagination import paginate

from .search import SearchForm, search_site


def search(request):
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    results = None
    if query:
        site = Site.find_for_request(request)
        results = paginate(request, search_site(query, site, request))
    return TemplateResponse(
        request,
        "pages/search.html",
        {"form": form, "query": query, "results": results, "noindex": True},
    )


def robots_txt(request):
    return TemplateResponse(request, "robots.txt", content_type="text/plain; charset=utf-8")
