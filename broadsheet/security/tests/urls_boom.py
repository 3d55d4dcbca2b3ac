"""The site's URLs plus one view that fails, for the error-page tests."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from broadsheet.urls import urlpatterns as site_patterns


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("something broke")


urlpatterns = [path("boom/", boom), *site_patterns]
handler404 = "broadsheet.views.not_found"
handler500 = "broadsheet.views.server_error"
