"""The admin's date tags: {% time_zone_note %} in the schedule dialog."""

from django import template

from core.admin_dates import time_zone_note

register = template.Library()
register.simple_tag(time_zone_note)
