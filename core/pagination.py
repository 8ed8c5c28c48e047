from django.conf import settings
from django.core.paginator import EmptyPage, Paginator
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _


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


def paginate(request, queryset, per_page=None):
    """Return the requested page of a listing.

    A missing or malformed ``?page=`` (``abc``, ``-1``, ``1.5``) shows the first
    page; a well-formed number past the end is a 404, so no URL ever errors.
    """
    paginator = ListingPaginator(queryset, per_page or settings.PAGINATE_BY, allow_empty_first_page=True)
    raw = request.GET.get("page", "")
    number = int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 10 else 1
    try:
        return paginator.page(number or 1)
    except EmptyPage:
        raise Http404(_("There is no page %(number)s of this listing.") % {"number": number}) from None
