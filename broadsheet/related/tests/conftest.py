from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from broadsheet.articles.models import Article
from broadsheet.articles.tests.factories import make_article, make_author
from broadsheet.related import store
from broadsheet.related.tests.corpus import SUBJECTS


@pytest.fixture(autouse=True)
def own_index(settings, tmp_path: Path) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """Every test gets its own index folder, and no index left in memory by another."""
    settings.DATA_DIR = tmp_path
    store.forget()
    yield
    store.forget()


@pytest.fixture
def site(db: None) -> dict[str, list[Article]]:
    """Twelve published articles, four on each of three subjects."""
    writer = make_author("Ada", slug="ada")
    out: dict[str, list[Article]] = {}
    for subject, items in SUBJECTS.items():
        out[subject] = [
            make_article(title, standfirst=standfirst, body=body, author=writer)
            for title, standfirst, body in items
        ]
    return out


def shown(article: Article) -> list[int]:
    """The ids in `article`'s related block, in order, as the page reads them."""
    from broadsheet.related.queries import related_articles

    return [a.pk for a in related_articles(article)]
