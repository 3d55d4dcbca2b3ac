"""Pure scoring for related posts: documents in, vectors and top-k lists out.

No Django here, so the benchmark and the tests drive exactly the code the site runs.

An article becomes two vectors:
- `x`, sparse: sublinear TF-IDF of its whole text (headline, standfirst and body) plus its
  headline and standfirst again (what it says it is about counts extra), and a separate
  TF-IDF block of its categories and tags (a shared rare tag says more than a common one);
- `z`, dense: `x` projected onto the corpus's main topics (latent semantic analysis,
  scikit-learn's TruncatedSVD), which finds same-subject articles that share few words.
Their similarity is a weighted sum of the two cosines. bench/related.py measures why: on
the BBC corpus TF-IDF alone reaches a precision@4 of 0.94, the blend 0.96.

At 100,000 articles the all-pairs matrix (10^10 scores) does not fit in memory, so scores
are computed a chunk of rows at a time from the dense `z` vectors (a BLAS product), only
each row's best few candidates are kept, and those are re-scored exactly with `x`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from itertools import pairwise

import numpy as np
from scipy import sparse
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize
from threadpoolctl import threadpool_limits

_TAG = re.compile(r"<[^>]+>")
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|\w+);")

Neighbours = list[tuple[int, float]]


def html_text(html: str) -> str:
    """The words of stored, sanitised HTML: tags dropped, entities blanked.

    Scoring reads the rendered body rather than re-parsing Markdown, which at 100,000
    articles would take longer than the whole rebuild; tokens only need words, so a
    regular expression is enough for HTML that the sanitiser already made regular.
    """
    return _ENTITY.sub(" ", _TAG.sub(" ", html))


@dataclass(frozen=True, slots=True)
class Document:
    """What the engine knows of an article."""

    id: int
    title: str
    standfirst: str = ""
    body: str = ""
    # Opaque keys of its categories and tags, e.g. ("c3", "t17").
    terms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Params:
    """The engine's knobs; the defaults are the ones bench/related.py measured."""

    # Extra weight of the headline and standfirst over the whole text.
    head_weight: float = 0.2
    # Weight of the categories-and-tags block against the text block.
    terms_weight: float = 0.6
    # Share of the exact TF-IDF cosine in the score; the rest is the topic (LSA) cosine.
    tfidf_share: float = 0.5
    # Topic dimensions; no topic model under `2 * dims` articles, where it would only
    # restate TF-IDF less exactly.
    dims: int = 100
    # A word must appear in two articles to relate anything, and one in more than half of
    # them says nothing about any. The vocabulary is capped so the topic model stays small.
    min_df: int = 2
    max_df: float = 0.5
    max_features: int = 100_000
    # The heaviest entries kept per sparse vector: a bound on memory that costs little
    # quality, since the words carrying an article's weight are its rarer ones.
    keep: int | None = 300
    stop_words: str | None = "english"
    # Stored per article: more than a page shows, so pins and articles that stop being
    # public before the next update still leave a full block.
    k: int = 8
    # Below this nothing is related; a block with nothing above it is not shown.
    threshold: float = 0.15
    # Candidates per row taken from the topic scores before exact re-scoring.
    candidates: int = 24

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass
class Model:
    """Fitted vocabularies, weights and topics: what turns a document into vectors."""

    params: Params
    words: TfidfVectorizer
    terms: TfidfVectorizer | None = None
    # TruncatedSVD's components (dims x features), or None below the size for topics.
    topics: np.ndarray | None = None
    extra: dict[str, object] = field(default_factory=dict)

    def embed(self, docs: Sequence[Document]) -> tuple[sparse.csr_matrix, np.ndarray | None]:
        if not len(docs):
            x = self._sparse(sparse.csr_matrix((0, 0)), docs)
            return x, self.project(x)
        full = self.words.transform(_full_text(d) for d in docs)
        x = self._sparse(full, docs)
        return x, self.project(x)

    def project(self, x: sparse.csr_matrix) -> np.ndarray | None:
        if self.topics is None:
            return None
        return _unit_rows(np.asarray(x @ self.topics.T, dtype=np.float32))

    def _sparse(self, full: sparse.csr_matrix, docs: Sequence[Document]) -> sparse.csr_matrix:
        p = self.params
        if not len(docs):
            width = len(self.words.vocabulary_) + (len(self.terms.vocabulary_) if self.terms else 0)
            return sparse.csr_matrix((0, width), dtype=np.float32)
        head = self.words.transform(_head_text(d) for d in docs)
        text = normalize(normalize(full) + p.head_weight * normalize(head))
        if self.terms is not None:
            terms = self.terms.transform(" ".join(d.terms) for d in docs)
            block = p.terms_weight * normalize(terms)
        else:
            block = sparse.csr_matrix((len(docs), 0), dtype=np.float32)
        out = sparse.hstack([text, block], format="csr", dtype=np.float32)
        return normalize(prune_rows(normalize(out), p.keep)).astype(np.float32)


def _unit_rows(z: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(z, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (z / norms).astype(np.float32)


def _full_text(d: Document) -> str:
    return f"{d.title}\n{d.standfirst}\n{d.body}"


def _head_text(d: Document) -> str:
    return f"{d.title}\n{d.standfirst}"


def _words_vectorizer(p: Params, n_docs: int) -> TfidfVectorizer:
    return TfidfVectorizer(
        sublinear_tf=True,
        # On a tiny site, "in two articles" and "in more than half" would drop the words
        # that matter.
        min_df=min(p.min_df, max(1, n_docs - 1)),
        max_df=p.max_df if n_docs >= 20 else 1.0,
        max_features=p.max_features,
        stop_words=p.stop_words,
        strip_accents="unicode",
        dtype=np.float32,
    )


_WHITESPACE_SEPARATED = r"\S+"


def _terms_vectorizer() -> TfidfVectorizer:
    return TfidfVectorizer(
        lowercase=False,
        token_pattern=_WHITESPACE_SEPARATED,
        sublinear_tf=True,
        dtype=np.float32,
    )


def fit(
    docs: Iterable[Document], params: Params | None = None, *, count: int | None = None
) -> tuple[Model, list[int], sparse.csr_matrix, np.ndarray | None]:
    """Learn vocabularies, weights and topics from `docs`; return their ids and vectors.

    With `count` given, the full texts stream through the vectoriser once, so memory holds
    the headlines and term keys of every document but the body of only one at a time.
    """
    p = params or Params()
    if count is None:
        docs = list(docs)
        count = len(docs)
    ids: list[int] = []
    heads: list[Document] = []

    def full_texts() -> Iterator[str]:
        for d in docs:
            ids.append(d.id)
            heads.append(Document(d.id, d.title, d.standfirst, "", d.terms))
            yield _full_text(d)

    words = _words_vectorizer(p, count)
    try:
        full = words.fit_transform(full_texts())
    except ValueError:
        # No usable word at all (an empty site, or nothing but stop words): one
        # placeholder word keeps every later step total, and nothing relates.
        words = _words_vectorizer(p, 1).set_params(
            stop_words=None, token_pattern=_WHITESPACE_SEPARATED
        )
        words.fit(["\u2060"])
        full = sparse.csr_matrix((len(heads), 1), dtype=np.float32)
    terms: TfidfVectorizer | None = None
    if any(h.terms for h in heads):
        terms = _terms_vectorizer().fit(" ".join(h.terms) for h in heads)
    model = Model(p, words, terms)
    x = model._sparse(full, heads)
    dims = min(p.dims, x.shape[1] - 1)
    if p.dims and len(ids) >= 2 * p.dims and dims >= 2:
        svd = TruncatedSVD(dims, algorithm="randomized", n_iter=4, random_state=0)
        svd.fit(x)
        model.topics = svd.components_.astype(np.float32)
    return model, ids, x, model.project(x)


def prune_rows(m: sparse.csr_matrix, keep: int | None) -> sparse.csr_matrix:
    """Keep the `keep` largest entries of every row (all of them when `keep` is None)."""
    m = m.tocsr()
    lengths = np.diff(m.indptr)
    if keep is None or not len(lengths) or lengths.max() <= keep:
        return m
    mask = np.ones(m.nnz, dtype=bool)
    for r in np.flatnonzero(lengths > keep):
        lo, hi = m.indptr[r], m.indptr[r + 1]
        extra = hi - lo - keep
        mask[lo + np.argpartition(m.data[lo:hi], extra - 1)[:extra]] = False
    indptr = np.concatenate([[0], np.cumsum(np.minimum(lengths, keep))])
    return sparse.csr_matrix((m.data[mask], m.indices[mask], indptr), shape=m.shape)


@dataclass
class Index:
    """Every scored article's vectors, and which of them may be recommended.

    Articles that are public but password-protected are here as queries (their own page
    gets a list) and never as candidates (their text stays out of everyone else's list).
    """

    model: Model
    ids: np.ndarray  # int64, one per row
    x: sparse.csr_matrix
    z: np.ndarray | None
    candidate: np.ndarray  # bool, one per row
    _rows: dict[int, int] | None = field(default=None, repr=False)
    _xt: sparse.csr_matrix | None = field(default=None, repr=False)

    def __len__(self) -> int:
        return len(self.ids)

    def row(self, article_id: int) -> int | None:
        if self._rows is None:
            self._rows = {int(i): r for r, i in enumerate(self.ids.tolist())}
        return self._rows.get(article_id)

    def vectors(self, article_id: int) -> tuple[sparse.csr_matrix, np.ndarray | None] | None:
        r = self.row(article_id)
        if r is None:
            return None
        return self.x[r], None if self.z is None else self.z[r : r + 1]

    def masked(self, article_ids: Iterable[int]) -> Index:
        """The same rows (shared, not copied) with these ids no longer candidates."""
        candidate = self.candidate.copy()
        for i in article_ids:
            if (r := self.row(i)) is not None:
                candidate[r] = False
        return Index(self.model, self.ids, self.x, self.z, candidate, self._rows, self._xt)

    def scores_against(self, x: sparse.csr_matrix, z: np.ndarray | None) -> np.ndarray:
        """One document's exact score against every row (candidates or not)."""
        # A matrix-vector product: one pass over the stored entries, no sparse result.
        exact = (self.x @ np.asarray(x.todense(), dtype=np.float32).ravel()).astype(np.float32)
        if self.z is None or z is None:
            return exact
        share = self.model.params.tfidf_share
        return share * exact + (1 - share) * (self.z @ z.ravel())

    def neighbours(
        self,
        query_ids: Sequence[int],
        x: sparse.csr_matrix,
        z: np.ndarray | None,
        *,
        skip: dict[int, set[int]] | None = None,
        chunk_rows: int = 500,
        threads: int = 1,
        progress: Callable[[int], None] | None = None,
    ) -> list[Neighbours]:
        """For every query row, its best `k` candidates at or above the threshold.

        Never the query's own id, nor any id in `skip[query id]` (its pinned articles,
        which are shown first anyway). Ties are broken by id, so a rebuild is repeatable.
        """
        p = self.model.params
        skip = skip or {}
        use_topics = self.z is not None and z is not None
        share = p.tfidf_share if use_topics else 1.0
        not_candidate = ~self.candidate
        if not use_topics and self._xt is None:
            self._xt = self.x.T.tocsr()
        wanted = max(p.candidates, p.k + 1 + max((len(s) for s in skip.values()), default=0))
        starts = list(range(0, len(query_ids), chunk_rows))

        qids_all = np.asarray(query_ids, dtype=np.int64)
        any_hidden = bool(not_candidate.any())

        def run(start: int) -> list[Neighbours]:
            stop = start + chunk_rows
            qx = x[start:stop]
            n = qx.shape[0]
            qids = qids_all[start:stop]
            # Topic scores pick the candidates; without topics, exact TF-IDF scores do.
            rough = z[start:stop] @ self.z.T if use_topics else (qx @ self._xt).toarray()
            if any_hidden:
                rough[:, not_candidate] = -np.inf
            rows, cols = _best_columns(rough, wanted)
            if not len(rows):
                return [[] for _ in range(n)]
            exact = np.asarray(qx[rows].multiply(self.x[cols]).sum(axis=1)).ravel()
            score = exact if not use_topics else share * exact + (1 - share) * rough[rows, cols]
            found = self.ids[cols]
            ok = (score >= p.threshold) & (found != qids[rows])
            for r in np.flatnonzero(np.isin(qids, list(skip))) if skip else ():
                ok &= ~((rows == r) & np.isin(found, list(skip[int(qids[r])])))
            rows, found, score = rows[ok], found[ok], score[ok]
            # Best first within each row, ties by id, so a rebuild is repeatable; then the
            # first k of every row, all without a Python loop over the pairs.
            order = np.lexsort((found, -score, rows))
            rows, found, score = rows[order], found[order], score[order]
            first = np.searchsorted(rows, np.arange(n))
            top = (np.arange(len(rows)) - first[rows]) < p.k
            rows, found = rows[top], found[top].tolist()
            score = np.round(score[top].astype(np.float64), 6).tolist()
            bounds = np.searchsorted(rows, np.arange(n + 1)).tolist()
            return [
                list(zip(found[lo:hi], score[lo:hi], strict=True)) for lo, hi in pairwise(bounds)
            ]

        results: list[Neighbours] = []

        def collect(chunk: list[Neighbours]) -> None:
            results.extend(chunk)
            if progress:
                progress(len(chunk))

        if threads > 1 and len(starts) > 1:
            # NumPy and SciPy release the GIL in their kernels, so threads share the work;
            # BLAS is held to one thread each, or the cores are oversubscribed.
            with threadpool_limits(1, user_api="blas"), ThreadPoolExecutor(threads) as pool:
                for chunk in pool.map(run, starts):
                    collect(chunk)
        else:
            for start in starts:
                collect(run(start))
        return results


@dataclass
class Layered:
    """A large index as a rebuild left it, with the few rows changed since on top.

    Updates never copy the large index: changed rows are masked out of it (`dead`) and
    scored from the small one, and the two top-k lists merged.
    """

    base: Index
    top: Index | None = None
    dead: frozenset[int] = frozenset()

    def __post_init__(self) -> None:
        self.base.row(0)  # builds the id lookup once, shared by the masked copy
        self._base = self.base.masked(self.dead) if self.dead else self.base

    @property
    def params(self) -> Params:
        return self.base.model.params

    @property
    def model(self) -> Model:
        return self.base.model

    def has(self, article_id: int) -> bool:
        if self.top is not None and self.top.row(article_id) is not None:
            return True
        return article_id not in self.dead and self.base.row(article_id) is not None

    def vectors(self, article_id: int) -> tuple[sparse.csr_matrix, np.ndarray | None] | None:
        if self.top is not None and (found := self.top.vectors(article_id)) is not None:
            return found
        if article_id in self.dead:
            return None
        return self.base.vectors(article_id)

    def ids(self) -> np.ndarray:
        return self.base.ids if self.top is None else np.concatenate([self.base.ids, self.top.ids])

    def live(self) -> np.ndarray:
        """Rows that are current: every row of the base not changed since, and the top."""
        live = np.ones(len(self.base.ids), dtype=bool)
        for i in self.dead:
            if (r := self.base.row(i)) is not None:
                live[r] = False
        if self.top is None:
            return live
        return np.concatenate([live, np.ones(len(self.top.ids), dtype=bool)])

    def scores_against(self, x: sparse.csr_matrix, z: np.ndarray | None) -> np.ndarray:
        """One document's exact score against every row of `ids()`."""
        parts = [self.base.scores_against(x, z)]
        if self.top is not None:
            parts.append(self.top.scores_against(x, z))
        return np.concatenate(parts)

    def neighbours(
        self,
        query_ids: Sequence[int],
        x: sparse.csr_matrix,
        z: np.ndarray | None,
        *,
        skip: dict[int, set[int]] | None = None,
    ) -> list[Neighbours]:
        lists = self._base.neighbours(query_ids, x, z, skip=skip)
        if self.top is None or not len(self.top):
            return lists
        more = self.top.neighbours(query_ids, x, z, skip=skip)
        k = self.params.k
        return [
            sorted(a + b, key=lambda pair: (-pair[1], pair[0]))[:k]
            for a, b in zip(lists, more, strict=True)
        ]


def _best_columns(scores: np.ndarray, wanted: int) -> tuple[np.ndarray, np.ndarray]:
    """(row, column) pairs covering at least each row's `wanted` best positive scores.

    A full argpartition of a 500 x 100,000 block costs more than the product that made
    it, so the cut-off comes from block maxima first: the `wanted`-th largest of the
    maxima of 64-column blocks is a score that at least `wanted` entries reach.
    """
    n, m = scores.shape
    if m <= wanted:
        return np.nonzero(scores > 0)
    block = 64
    if m >= block * wanted * 2:
        whole = m - m % block
        # A view split along its last axis: no copy of the block.
        maxima = scores[:, :whole].reshape(n, -1, block).max(axis=2)
        if whole < m:
            maxima = np.hstack([maxima, scores[:, whole:].max(axis=1, keepdims=True)])
        cut = np.partition(maxima, -wanted, axis=1)[:, -wanted]
    else:
        cut = np.partition(scores, -wanted, axis=1)[:, -wanted]
    cut = np.maximum(cut, np.float32(1e-6))
    return np.nonzero(scores >= cut[:, None])


def build(
    docs: Iterable[Document],
    params: Params | None = None,
    *,
    count: int | None = None,
    queries_only: Sequence[Document] = (),
) -> Index:
    """An index fitted on `docs` (the candidates), plus `queries_only` as non-candidates."""
    model, ids, x, z = fit(docs, params, count=count)
    candidate = np.ones(len(ids), dtype=bool)
    if queries_only:
        qx, qz = model.embed(queries_only)
        ids = [*ids, *(d.id for d in queries_only)]
        x = sparse.vstack([x, qx], format="csr", dtype=np.float32)
        z = None if z is None or qz is None else np.vstack([z, qz])
        candidate = np.concatenate([candidate, np.zeros(len(queries_only), dtype=bool)])
    return Index(model, np.asarray(ids, dtype=np.int64), x, z, candidate)
