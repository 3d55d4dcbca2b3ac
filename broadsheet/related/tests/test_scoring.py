"""The pure scoring functions, on a tiny corpus written for the purpose."""

from __future__ import annotations

import numpy as np

from broadsheet.related.scoring import Document, Params, build, html_text, prune_rows
from broadsheet.related.tests.corpus import SUBJECTS


def corpus(copies: int = 1) -> tuple[list[Document], dict[int, str]]:
    docs, subject_of = [], {}
    for subject, items in SUBJECTS.items():
        for copy in range(copies):
            for title, standfirst, body in items:
                i = len(docs) + 1
                # Copies differ a little, so the topic model has more than twelve texts.
                docs.append(Document(i, title, standfirst, f"{body} Note {copy}."))
                subject_of[i] = subject
    return docs, subject_of


def test_it_picks_articles_on_the_same_subject() -> None:
    docs, subject_of = corpus()
    index = build(docs, Params(k=3))
    lists = index.neighbours(index.ids.tolist(), index.x, index.z)
    assert index.z is None  # too few articles for a topic model: TF-IDF alone
    for doc, found in zip(docs, lists, strict=True):
        assert found, doc.title
        assert {subject_of[i] for i, _ in found} == {subject_of[doc.id]}, doc.title


def test_it_picks_the_same_subject_with_the_topic_model_too() -> None:
    docs, subject_of = corpus(copies=3)
    index = build(docs, Params(k=4, dims=4))
    assert index.z is not None
    lists = index.neighbours(index.ids.tolist(), index.x, index.z)
    for doc, found in zip(docs, lists, strict=True):
        assert len(found) == 4
        assert {subject_of[i] for i, _ in found} == {subject_of[doc.id]}, doc.title


def test_it_never_lists_an_article_itself_or_a_skipped_one() -> None:
    docs, _ = corpus(copies=3)
    index = build(docs, Params(k=8, dims=4))
    skip = {1: {2, 3}}
    lists = index.neighbours(index.ids.tolist(), index.x, index.z, skip=skip)
    for doc, found in zip(docs, lists, strict=True):
        assert doc.id not in [i for i, _ in found]
    assert not {2, 3} & {i for i, _ in lists[0]}


def test_it_lists_nothing_below_the_threshold() -> None:
    docs = [
        Document(1, "Comets and telescopes", "", "Astronomers watch the comet."),
        Document(2, "Sourdough crust", "", "Bakers bake the loaf in the oven."),
        Document(3, "Late goal", "", "The striker scored for the club."),
    ]
    index = build(docs, Params())
    assert index.neighbours([1, 2, 3], index.x, index.z) == [[], [], []]


def test_it_keeps_non_candidates_out_of_every_list() -> None:
    docs, _ = corpus()
    hidden = docs[0]
    index = build(docs[1:], Params(), queries_only=[hidden])
    lists = index.neighbours(index.ids.tolist(), index.x, index.z)
    assert all(hidden.id not in [i for i, _ in found] for found in lists)
    # ...while it still gets a list of its own.
    assert lists[-1]


def test_it_weighs_shared_terms() -> None:
    base = "A report on the annual figures of the region."
    docs = [
        Document(1, "First", "", base, ("t1",)),
        Document(2, "Second", "", base, ("t2",)),
        Document(3, "Third", "", base, ("t1",)),
        Document(4, "Fourth", "", base, ("t2",)),
    ]
    index = build(docs, Params(k=1, threshold=0.0))
    lists = index.neighbours([1, 2], index.x[:2], index.z)
    assert [lists[0][0][0], lists[1][0][0]] == [3, 4]


def test_it_survives_a_site_without_words() -> None:
    index = build([Document(1, ""), Document(2, "")], Params())
    assert index.neighbours([1, 2], index.x, index.z) == [[], []]
    empty = build([], Params())
    assert len(empty) == 0


def test_it_reads_words_out_of_html() -> None:
    text = html_text('<h2 id="why">Why &amp; how</h2><p>Ports <em>grew</em>&nbsp;fast</p>')
    assert text.split() == ["Why", "how", "Ports", "grew", "fast"]


def test_it_prunes_each_row_to_its_heaviest_entries() -> None:
    from scipy import sparse

    m = sparse.csr_matrix(np.array([[0.1, 0.5, 0.3, 0.9], [0.2, 0.0, 0.0, 0.1]]))
    pruned = prune_rows(m, 2).toarray()
    assert pruned.tolist() == [[0.0, 0.5, 0.0, 0.9], [0.2, 0.0, 0.0, 0.1]]
