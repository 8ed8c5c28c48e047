"""Forms of the admin's edit views."""

from django.db.models import Q
from wagtail.admin.forms import WagtailAdminModelForm

from .admin_widgets import ThemeCheckboxes


class ThemedItemForm(WagtailAdminModelForm):
    """An item's form offering, as checkboxes, the published themes (the field's ``limit_choices_to`` keeps
    them English) and the ones the item already has whatever their state, so saving never drops a theme an
    editor could not see; any other theme posted is refused as an invalid choice."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        themes = self.fields["themes"]
        themes.widget = ThemeCheckboxes()  # given its choices by the queryset below
        own = self.instance.theme_ids() if self.instance.pk else []
        themes.queryset = themes.queryset.filter(Q(live=True) | Q(pk__in=own))
