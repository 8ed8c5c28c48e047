from django.conf import settings
from django.template.response import TemplateResponse
from django.utils.functional import SimpleLazyObject

from core.cache import query_digest
from core.pagination import paginate

from .search import SearchForm, search_site, shown_results


def search(request):
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""

    def read_results():
        results = paginate(request, search_site(query, request))
        results.object_list = shown_results(results.object_list)
        return results

    return TemplateResponse(
        request,
        "pages/search.html",
        {
            "form": form,
            "query": query,
            # Read when the results are rendered, not when their HTML is kept ({% cached_content %}), which is as
            # long as their ranking.
            "results": SimpleLazyObject(read_results) if query else None,
            "noindex": True,
            "content_key": f"search:{query_digest(request)}",
            "content_cache_seconds": settings.SEARCH_CACHE_SECONDS,
        },
    )


def robots_txt(request):
    return TemplateResponse(request, "robots.txt", content_type="text/plain; charset=utf-8")
