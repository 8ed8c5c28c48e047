"""Dates in the visitor's language, as core.dates writes them: {{ day|full_date }}, {{ day|month_year }}."""

from django import template

from core.dates import format_full_date, format_month

register = template.Library()


@register.filter
def full_date(day):
    return format_full_date(day) if day else ""


@register.filter
def month_year(day):
    return format_month(day) if day else ""
