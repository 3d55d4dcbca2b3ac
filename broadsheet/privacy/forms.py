from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class ExportForm(forms.Form):
    email = forms.EmailField(label=_("Email address"), max_length=254)


class EraseForm(forms.Form):
    email = forms.EmailField(label=_("Email address"), max_length=254)
    mode = forms.ChoiceField(
        label=_("Comments"),
        choices=[
            ("anonymise", _("Anonymise: keep the text, remove name, email, website and IP")),
            ("delete", _("Delete them")),
        ],
        initial="anonymise",
        widget=forms.RadioSelect,
    )
    confirm = forms.BooleanField(label=_("I understand that this cannot be undone."), required=True)
