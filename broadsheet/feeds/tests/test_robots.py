from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client


@pytest.mark.django_db
def test_it_names_the_sitemap_and_keeps_crawlers_out_of_admin_and_search(
    client: Client,
) -> None:
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /admin/" in lines
    assert "Disallow: /?s=" in lines
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in lines
