"""While the database is down, pages answer 503 with Retry-After (and the request id), not a
500: the site recovers by itself once the database is back (see bench/faults.py)."""

from __future__ import annotations

import pytest
from django.test import Client


@pytest.mark.urls("broadsheet.security.tests.urls_boom")
def test_it_answers_503_while_the_database_is_unreachable(db: None) -> None:
    client = Client(raise_request_exception=False)
    response = client.get("/db-down/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "no-store" in response["Cache-Control"]
    assert response["X-Request-ID"] in response.content.decode()
    assert "Back in a moment" in response.content.decode()


@pytest.mark.urls("broadsheet.security.tests.urls_boom")
def test_it_still_answers_500_for_other_errors(db: None) -> None:
    assert Client(raise_request_exception=False).get("/boom/").status_code == 500
