"""The site's URLs plus one view that fails, for the error-page tests."""

from django.db.utils import OperationalError
from django.http import HttpRequest, HttpResponse
from django.urls import path

from broadsheet.urls import urlpatterns as site_patterns


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("something broke")


def db_down(request: HttpRequest) -> HttpResponse:
    raise OperationalError("connection failed: the database system is shutting down")


urlpatterns = [path("boom/", boom), path("db-down/", db_down), *site_patterns]
handler404 = "broadsheet.views.not_found"
handler500 = "broadsheet.views.server_error"
