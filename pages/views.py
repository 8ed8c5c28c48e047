from django.template.response import TemplateResponse

from core.pagination import paginate

from .search import SearchForm, search_site, shown_results


def search(request):
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    results = None
    if query:
        results = paginate(request, search_site(query, request))
        results.object_list = shown_results(results.object_list)
    return TemplateResponse(
        request,
        "pages/search.html",
        {"form": form, "query": query, "results": results, "noindex": True},
    )


def robots_txt(request):
    return TemplateResponse(request, "robots.txt", content_type="text/plain; charset=utf-8")
