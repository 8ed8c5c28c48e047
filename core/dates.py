from django.utils.formats import date_format


def format_date_range(start, end=None):
    """Render a date or a range the way the programme writes them.

    Only the parts that differ are repeated: "13 - 15 February 2008",
    "30 November - 3 December 2008", "30 December 2008 - 2 January 2009".
    """
    if end is None or end == start:
        return date_format(start, "j F Y")
    if start.year != end.year:
        first = date_format(start, "j F Y")
    elif start.month != end.month:
        first = date_format(start, "j F")
    else:
        first = date_format(start, "j")
    return f"{first} - {date_format(end, 'j F Y')}"
