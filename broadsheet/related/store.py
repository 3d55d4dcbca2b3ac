"""The engine's fitted model and vectors, kept in the data folder between tasks.

A publish must update every list in under a second at 100,000 articles, which rules out
refitting; so the full rebuild leaves its vocabulary, weights, topics and every article's
vectors here (`index.npz`), and each update after it records only the rows it changed
(`changes.npz`, small) until the next rebuild folds them in. Nothing here is the truth:
the database is, and a missing or unreadable index just means a full rebuild.

The files sit in the data folder, beside the media, which every web and worker process of
one site already shares. A lock file serialises writers across processes; a worker keeps
the loaded index in memory and reloads only when the files change.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from django.conf import settings
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from broadsheet.related.scoring import Index, Layered, Model, Params

log = logging.getLogger(__name__)

FORMAT = 1
# One changed row: sparse vector, topic vector, may it be recommended. None: removed.
Row = tuple[sparse.csr_matrix, np.ndarray | None, bool] | None


def folder() -> Path:
    path = Path(settings.DATA_DIR) / "related"
    path.mkdir(parents=True, exist_ok=True)
    return path


@contextmanager
def locked() -> Iterator[None]:
    """Only one process changes the index (and the lists computed from it) at a time."""
    with open(folder() / "lock", "a") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


@dataclass
class Stored:
    """The index as the last rebuild left it, with the rows changed since on top."""

    base: Index
    changes: dict[int, Row] = field(default_factory=dict)
    _layered: Layered | None = None

    @property
    def index(self) -> Layered:
        if self._layered is None:
            kept = [(i, r) for i, r in self.changes.items() if r is not None]
            top = None
            if kept:
                x = sparse.vstack([r[0] for _, r in kept], format="csr", dtype=np.float32)
                zs = [r[1] for _, r in kept]
                z = None if any(v is None for v in zs) else np.vstack(zs)
                top = Index(
                    self.base.model,
                    np.asarray([i for i, _ in kept], dtype=np.int64),
                    x,
                    z,
                    np.asarray([r[2] for _, r in kept], dtype=bool),
                )
            self._layered = Layered(self.base, top, frozenset(self.changes))
        return self._layered

    def change(self, article_id: int, row: Row) -> None:
        self.changes[article_id] = row
        self._layered = None


_cache: tuple[tuple[Any, ...], Stored] | None = None


def _key() -> tuple[Any, ...]:
    out: list[Any] = []
    for name in ("index.npz", "changes.npz"):
        try:
            st = (folder() / name).stat()
            out.append((st.st_mtime_ns, st.st_size, st.st_ino))
        except FileNotFoundError:
            out.append(None)
    return tuple(out)


def load() -> Stored | None:
    """The stored index, from this process's memory when the files have not changed."""
    global _cache
    key = _key()
    if key[0] is None:
        return None
    if _cache is not None and _cache[0] == key:
        return _cache[1]
    try:
        with np.load(folder() / "index.npz", allow_pickle=False) as f:
            base = _index_from(f)
        changes: dict[int, Row] = {}
        if key[1] is not None:
            with np.load(folder() / "changes.npz", allow_pickle=False) as f:
                changes = _changes_from(f, base.z is not None)
    except (OSError, ValueError, KeyError) as e:
        log.warning("related posts: unreadable index, a rebuild will replace it (%s)", e)
        return None
    stored = Stored(base, changes)
    _cache = (_key(), stored)
    return stored


def save_full(index: Index) -> None:
    """Replace the index with a freshly built one and forget earlier changes."""
    global _cache
    _write(folder() / "index.npz", _index_arrays(index))
    (folder() / "changes.npz").unlink(missing_ok=True)
    _cache = (_key(), Stored(index))


def save_changes(stored: Stored) -> None:
    global _cache
    ids = list(stored.changes)
    kept = [stored.changes[i] for i in ids if stored.changes[i] is not None]
    has_z = stored.base.z is not None
    x = (
        sparse.vstack([r[0] for r in kept], format="csr", dtype=np.float32)
        if kept
        else sparse.csr_matrix((0, stored.base.x.shape[1]), dtype=np.float32)
    )
    arrays = {
        "ids": np.asarray(ids, dtype=np.int64),
        "present": np.asarray([stored.changes[i] is not None for i in ids], dtype=bool),
        "candidate": np.asarray([r[2] for r in kept], dtype=bool),
        **_csr_arrays("x", x),
        "z": np.vstack([r[1] for r in kept]) if has_z and kept else np.zeros((0, 0), np.float32),
    }
    _write(folder() / "changes.npz", arrays)
    _cache = (_key(), stored)


def forget() -> None:
    """Drop the in-memory copy (tests replace the data folder's files under it)."""
    global _cache
    _cache = None


def _write(path: Path, arrays: dict[str, np.ndarray]) -> None:
    # Written beside the target and renamed over it, so a reader never sees half a file.
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            np.savez(f, **arrays)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _csr_arrays(prefix: str, m: sparse.csr_matrix) -> dict[str, np.ndarray]:
    return {
        f"{prefix}_data": m.data.astype(np.float32),
        f"{prefix}_indices": m.indices.astype(np.int32),
        f"{prefix}_indptr": m.indptr.astype(np.int64),
        f"{prefix}_shape": np.asarray(m.shape, dtype=np.int64),
    }


def _csr_from(f: Any, prefix: str) -> sparse.csr_matrix:
    shape = tuple(int(n) for n in f[f"{prefix}_shape"])
    return sparse.csr_matrix(
        (f[f"{prefix}_data"], f[f"{prefix}_indices"], f[f"{prefix}_indptr"]), shape=shape
    )


def _text(value: str) -> np.ndarray:
    return np.frombuffer(value.encode(), dtype=np.uint8)


def _untext(array: np.ndarray) -> str:
    return array.tobytes().decode()


# TfidfVectorizer settings that matter when transforming, kept as JSON rather than a
# pickle: a pickled scikit-learn object may not load under the next version.
_VECTORIZER_KEYS = (
    "lowercase",
    "strip_accents",
    "stop_words",
    "token_pattern",
    "ngram_range",
    "analyzer",
    "norm",
    "use_idf",
    "smooth_idf",
    "sublinear_tf",
    "binary",
)


def _vectorizer_arrays(prefix: str, v: TfidfVectorizer | None) -> dict[str, np.ndarray]:
    if v is None:
        return {}
    vocab = sorted(v.vocabulary_, key=v.vocabulary_.__getitem__)
    settings_ = {k: v.get_params()[k] for k in _VECTORIZER_KEYS}
    return {
        f"{prefix}_vocab": _text("\n".join(vocab)),
        f"{prefix}_idf": v.idf_.astype(np.float64),
        f"{prefix}_settings": _text(json.dumps(settings_)),
    }


def _vectorizer_from(f: Any, prefix: str) -> TfidfVectorizer | None:
    if f"{prefix}_vocab" not in f:
        return None
    settings_ = json.loads(_untext(f[f"{prefix}_settings"]))
    settings_["ngram_range"] = tuple(settings_["ngram_range"])
    vocab = _untext(f[f"{prefix}_vocab"]).split("\n")
    v = TfidfVectorizer(vocabulary={w: i for i, w in enumerate(vocab)}, dtype=np.float32)
    v.set_params(**settings_)
    v.idf_ = f[f"{prefix}_idf"]
    v._validate_vocabulary()
    return v


def _index_arrays(index: Index) -> dict[str, np.ndarray]:
    model = index.model
    meta = {"format": FORMAT, "params": model.params.as_dict()}
    arrays = {
        "meta": _text(json.dumps(meta)),
        "ids": index.ids,
        "candidate": index.candidate,
        **_csr_arrays("x", index.x),
        **_vectorizer_arrays("words", model.words),
        **_vectorizer_arrays("terms", model.terms),
    }
    if index.z is not None and model.topics is not None:
        arrays["z"] = index.z
        arrays["topics"] = model.topics
    return arrays


def _index_from(f: Any) -> Index:
    meta = json.loads(_untext(f["meta"]))
    if meta.get("format") != FORMAT:
        raise ValueError("index written by another version")
    params = Params(**meta["params"])
    words = _vectorizer_from(f, "words")
    if words is None:
        raise ValueError("index without a vocabulary")
    model = Model(params, words, _vectorizer_from(f, "terms"))
    z = None
    if "topics" in f:
        model.topics = f["topics"]
        z = f["z"]
    return Index(model, f["ids"], _csr_from(f, "x"), z, f["candidate"])


def _changes_from(f: Any, has_z: bool) -> dict[int, Row]:
    ids, present, candidate = f["ids"], f["present"], f["candidate"]
    x = _csr_from(f, "x")
    z = f["z"] if has_z else None
    out: dict[int, Row] = {}
    row = 0
    for i, here in zip(ids.tolist(), present.tolist(), strict=True):
        if here:
            out[i] = (x[row], None if z is None else z[row : row + 1], bool(candidate[row]))
            row += 1
        else:
            out[i] = None
    return out
