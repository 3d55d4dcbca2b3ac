"""`broadsheet manage related rebuild` and `related show ID`."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from broadsheet.articles.models import Article
from broadsheet.related.models import RelatedArticle

Site = dict[str, list[Article]]


def test_it_rebuilds_with_progress_on_stderr_and_a_summary_on_stdout(site: Site) -> None:
    out, err = io.StringIO(), io.StringIO()
    call_command("related", "rebuild", stdout=out, stderr=err)
    assert out.getvalue().startswith("Related posts rebuilt for 12 articles in ")
    assert "scoring  [##############################] 100% 12/12 articles" in err.getvalue()
    assert "[" not in out.getvalue()
    assert RelatedArticle.objects.count() > 12


def test_it_keeps_quiet_when_asked(site: Site) -> None:
    err = io.StringIO()
    call_command("related", "rebuild", "--no-progress", stdout=io.StringIO(), stderr=err)
    assert err.getvalue() == ""


def test_it_shows_one_articles_block_on_stdout(site: Site) -> None:
    call_command("related", "rebuild", "--no-progress", stdout=io.StringIO())
    observatory = site["astronomy"][3]
    out = io.StringIO()
    call_command("related", "show", str(observatory.pk), stdout=out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 3
    pk, path, _title = lines[0].split("\t")
    assert int(pk) in {a.pk for a in site["astronomy"]}
    assert path == Article.objects.get(pk=int(pk)).get_absolute_url()


def test_it_fails_on_an_unknown_article(db: None) -> None:
    with pytest.raises(CommandError, match="no article with id 999"):
        call_command("related", "show", "999")
