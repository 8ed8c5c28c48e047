from django.conf import settings
from django.core.paginator import EmptyPage, Paginator
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from .cache import cached_unless_preview


class ListingPaginator(Paginator):
    """Django's paginator, reading a page of a queryset in two steps: the keys of its rows in the listing's
    order, which an index of that order holds, then those rows. In one step the database reads every wide row
    before the page and sorts them with their joins, so page 500 cost several times page 1 (docs/performance.md)."""

    def _get_page(self, object_list, number, paginator):
        if isinstance(object_list, QuerySet):
            keys = list(object_list.values_list("pk", flat=True))
            rows = {row.pk: row for row in self.object_list.order_by().filter(pk__in=keys)} if keys else {}
            object_list = [rows[key] for key in keys if key in rows]
        return super()._get_page(object_list, number, paginator)


def paginate(request, queryset, per_page=None, key=None):
    """Return the requested page of a listing.

    A missing or malformed ``?page=`` (``abc``, ``-1``, ``1.5``) shows the first
    page; a well-formed number past the end is a 404, so no URL ever errors.

    With a ``key`` naming the listing (whatever narrows or orders it included), each of its pages is read once
    per content generation, in the shared cache only: every combination of filters and pages makes an entry.
    """
    paginator = ListingPaginator(queryset, per_page or settings.PAGINATE_BY, allow_empty_first_page=True)
    raw = request.GET.get("page", "")
    number = (int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 10 else 1) or 1
    if key is None:
        return page_or_404(paginator, number)

    def read():  # a 404 is raised, not kept
        return paginator.count, list(page_or_404(paginator, number).object_list)

    # A preview's listing may differ (a draft's settings): previews read it every time.
    paginator.count, rows = cached_unless_preview(request, f"listing:{key}:{number}", read, per_worker=False)
    return paginator._get_page(rows, number, paginator)  # Django's hook for making a Page


def page_or_404(paginator, number):
    try:
        return paginator.page(number)
    except EmptyPage:
        raise Http404(_("There is no page %(number)s of this listing.") % {"number": number}) from None
