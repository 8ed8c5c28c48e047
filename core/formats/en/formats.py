"""English dates as the UN writes them, day month year ("1 December 2026"), where Django writes or reads one:
Django's English is the United States' ("Dec. 1, 2026", and 12/01/2026 read as 1 December)."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
# ISO and the written form only: a numeric day and month in either order is never guessed at.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d %B %Y"]
DATETIME_INPUT_FORMATS = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"]
