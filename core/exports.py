"""Spreadsheet exports of admin listings that open safely in Excel or LibreOffice."""

from .text import clean_text

# What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class SafeExportMixin:
    """For an IndexView with ``list_export``: cells XLSX can hold, and no CSV cell a spreadsheet would run.

    Wagtail already writes XLSX cells as text; a CSV cell is what the spreadsheet makes of it, so a cell
    that could start a formula gets a leading apostrophe, which shows it as the text it is.
    """

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if not isinstance(value, str):
            return value
        value = clean_text(value)  # openpyxl refuses what XML 1.0 does, in rows saved before text was cleaned
        if export_format == self.FORMAT_CSV and value.startswith(FORMULA_STARTS):
            return f"'{value}"
        return value
