"""/healthz: for load balancers and monitors."""

from __future__ import annotations

import pytest
from django.test import Client


@pytest.mark.django_db
def test_it_answers_200_json(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json()["database"] == "ok"
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_it_answers_head(client: Client) -> None:
    assert client.head("/healthz").status_code == 200


@pytest.mark.django_db
def test_it_refuses_post(client: Client) -> None:
    assert client.post("/healthz").status_code == 405


@pytest.mark.django_db
def test_it_is_never_redirected(client: Client) -> None:
    assert client.get("/healthz").status_code == 200
    assert client.get("/healthz/").status_code == 404
