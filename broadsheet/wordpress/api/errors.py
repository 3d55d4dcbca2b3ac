"""WordPress's error shape: {"code", "message", "data": {"status", ...}}."""

from __future__ import annotations

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _


class WPError(Exception):
    """An answer in WordPress's error shape, raised anywhere inside a view."""

    def __init__(self, code: str, message: str, status: int, **data: Any) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status
        self.data = data

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "message": self.message,
            "data": {"status": self.status, **self.data},
        }

    def response(self) -> HttpResponse:
        return json_response(self.as_dict(), status=self.status)


def json_response(
    data: Any, status: int = 200, headers: dict[str, str] | None = None
) -> HttpResponse:
    # ASCII with \u escapes, as WordPress's wp_json_encode writes it; this also keeps any
    # stray surrogate a client sent (and an error message repeats) from breaking the answer.
    body = json.dumps(data, cls=DjangoJSONEncoder, separators=(",", ":"))
    response = HttpResponse(body, status=status, content_type="application/json; charset=UTF-8")
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def auth_status(request: HttpRequest) -> int:
    """WordPress's rest_authorization_required_code(): 401 to strangers, 403 to the known."""
    return 403 if request.user.is_authenticated else 401


def forbidden(request: HttpRequest, code: str = "rest_forbidden", message: str = "") -> WPError:
    return WPError(
        code, message or _("Sorry, you are not allowed to do that."), auth_status(request)
    )


def invalid_param(params: dict[str, str], details: dict[str, Any] | None = None) -> WPError:
    return WPError(
        "rest_invalid_param",
        _("Invalid parameter(s): %(names)s") % {"names": ", ".join(params)},
        400,
        params=params,
        details=details
        or {
            name: {"code": "rest_invalid_param", "message": msg, "data": None}
            for name, msg in params.items()
        },
    )


def missing_param(names: list[str]) -> WPError:
    return WPError(
        "rest_missing_callback_param",
        _("Missing parameter(s): %(names)s") % {"names": ", ".join(names)},
        400,
        params=names,
    )


def no_route() -> WPError:
    return WPError(
        "rest_no_route", _("No route was found matching the URL and request method."), 404
    )
