from django.conf import settings
from django.core.paginator import EmptyPage, Paginator
from django.http import Http404
from django.utils.translation import gettext as _


def paginate(request, queryset, per_page=None):
    """Return the requested page of a listing.

    A missing or malformed ``?page=`` (``abc``, ``-1``, ``1.5``) shows the first
    page; a well-formed number past the end is a 404, so no URL ever errors.
    """
    paginator = Paginator(queryset, per_page or settings.PAGINATE_BY, allow_empty_first_page=True)
    raw = request.GET.get("page", "")
    number = int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 10 else 1
    try:
        return paginator.page(number or 1)
    except EmptyPage:
        raise Http404(_("There is no page %(number)s of this listing.") % {"number": number}) from None
