"""Widgets of the admin's edit forms."""

from django import forms


class ThemeCheckboxes(forms.CheckboxSelectMultiple):
    """An item's themes (core.admin_forms.ThemedItemForm says which) as checkboxes in columns, not a multiple
    select that needs Ctrl-click."""

    class Media:
        css = {"all": ["core/admin/theme_checkboxes.css"]}
