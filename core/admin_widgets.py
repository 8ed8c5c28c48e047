"""Widgets of the admin's edit forms."""

from django import forms


class ThemeCheckboxes(forms.CheckboxSelectMultiple):
    """An item's themes as checkboxes in columns, not a multiple select that needs Ctrl-click.

    Offers the published themes (the field's ``limit_choices_to`` keeps them English), and the ones the item
    already has whatever their state, so saving never drops a theme an editor could not see.
    """

    class Media:
        css = {"all": ["core/admin/theme_checkboxes.css"]}

    def optgroups(self, name, value, attrs=None):
        return [
            (group, [option for option in options if option["selected"] or option["value"].instance.live], index)
            for group, options, index in super().optgroups(name, value, attrs)
        ]
