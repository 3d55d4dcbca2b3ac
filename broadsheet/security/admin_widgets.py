"""A guard for Django's admin autocomplete widgets against values their field cannot hold.

AutocompleteSelect(Multiple) looks up the selected values as given to render the chosen
options, without checking them first: `?categories=abc` on an add page (Django fills the
form's initial data from the query string), or a posted form with such a value, made the
lookup raise (ValueError, or OverflowError for a number past the column's range), so a
500 instead of the form with its error. Found by the URL fuzz test; it affects every
`autocomplete_fields` in every app, so it is fixed once here, where the admin is set up.
"""

from __future__ import annotations

from typing import Any

from django.contrib.admin.widgets import AutocompleteMixin
from django.core.exceptions import ValidationError

_original_optgroups = AutocompleteMixin.optgroups


def _storable(field: Any, value: Any) -> bool:
    try:
        # to_python checks the type; run_validators the range (integer fields carry the
        # database's own limits as validators).
        field.run_validators(field.to_python(value))
    except (ValidationError, ValueError, TypeError, OverflowError):
        return False
    return True


def _checked_optgroups(self: Any, name: str, value: Any, attr: Any = None) -> Any:
    remote = self.field.remote_field
    opts = remote.model._meta
    target = opts.get_field(getattr(remote, "field_name", None) or opts.pk.attname)
    value = [v for v in value if v in (None, "") or _storable(target, v)]
    return _original_optgroups(self, name, value, attr)


def install() -> None:
    AutocompleteMixin.optgroups = _checked_optgroups  # type: ignore[method-assign]
