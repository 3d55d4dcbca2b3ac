"""The site's content generation: one number that changes whenever anything readers see does.

Page-cache keys include it, so a change makes every cached page unreachable at once (a
versioned key scheme: nothing is purged one by one, and nothing stale can be missed).
"""

from __future__ import annotations

import io
import logging
import os
import pickle
import threading
import time
import zlib
from dataclasses import dataclass

from django.core.cache import cache, caches
from django.core.cache.backends.filebased import FileBasedCache
from django.core.signals import setting_changed

from broadsheet.caching.backends import ResilientRedisCache

KEY = "broadsheet:generation"
log = logging.getLogger(__name__)

# File cache: path of the generation's file -> the file last decoded (kept open) and its value.
_seen_files: dict[str, _SeenFile] = {}
_seen_lock = threading.Lock()
_FILE_READ_LIMIT = 4096
# The generation's file when the cache is file-based, "" when it is not, None: not known yet.
_file_path: str | None = None


@dataclass(frozen=True, slots=True)
class _SeenFile:
    fd: int
    device: int
    inode: int
    value: int


def current() -> int | None:
    """The generation, starting one if there is none; None when the cache is unusable."""
    path = _file_path if _file_path is not None else _find_file_path()
    if path:
        value = _from_file(path)
        if value is not None:
            return value
    value = cache.get(KEY)
    if value is None:
        value = time.time_ns() // 1000
        # add(), so two processes starting a generation at once agree on one.
        if not cache.add(KEY, value, timeout=None):
            value = cache.get(KEY)
    return value


def bump() -> None:
    """Start a new generation (microseconds since the epoch, so it doubles as a
    Last-Modified time and always moves forward)."""
    cache.set(KEY, time.time_ns() // 1000, timeout=None)


# A bump lost while Redis was unreachable is made up for when it answers again.
ResilientRedisCache.after_outage.append(bump)


def _find_file_path() -> str:
    """The generation's file when the cache is file-based, else "" (the same for every
    thread: it depends only on the CACHES setting)."""
    global _file_path
    backend = caches["default"]
    _file_path = backend._key_to_file(KEY) if isinstance(backend, FileBasedCache) else ""
    return _file_path


def _forget_file_path(*, setting: str, **kwargs: object) -> None:
    global _file_path
    if setting == "CACHES":
        _file_path = None


setting_changed.connect(_forget_file_path, dispatch_uid="broadsheet.caching.generation")


def _from_file(path: str) -> int | None:
    """The generation from the file cache, decoded only when its file was replaced: every
    page-cache lookup asks for it, and a full get (key hashing, open, unpickling,
    decompressing) costs ten times one stat().

    Exact, not a time-based guess. The cache never rewrites a value's file in place: set()
    writes a new file and renames it over the old one, so a new value is a new inode. The
    file last decoded is kept open, so its inode cannot be freed and reused by a later file:
    while the path still names that inode, the value is the one decoded from it. None means
    "ask the cache" (no file yet, or bytes this code cannot decode).
    """
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    seen = _seen_files.get(path)
    if seen is not None and seen.inode == st.st_ino and seen.device == st.st_dev:
        return seen.value
    with _seen_lock:
        return _decode_file(path)


def _decode_file(path: str) -> int | None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return None
    keep = False
    try:
        raw = os.read(fd, _FILE_READ_LIMIT)
        if len(raw) >= _FILE_READ_LIMIT:
            return None
        try:
            # FileBasedCache's layout: the pickled expiry, then the zlib-compressed pickled
            # value. The file is the cache's own, as trusted as any value the cache returns.
            data = io.BytesIO(raw)
            expiry = pickle.load(data)  # noqa: S301
            value = pickle.loads(zlib.decompress(data.read()))  # noqa: S301
        except Exception:  # another layout (a newer Django): the cache's own get decides
            return None
        if (expiry is not None and expiry < time.time()) or not isinstance(value, int):
            return None
        st = os.fstat(fd)  # the inode decoded, whatever the path names by now
        old = _seen_files.get(path)
        _seen_files[path] = _SeenFile(fd, st.st_dev, st.st_ino, value)
        keep = True
        if old is not None:
            os.close(old.fd)
        return value
    finally:
        if not keep:
            os.close(fd)
