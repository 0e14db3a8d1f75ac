"""Answers kept between requests, filed under the register's version.

Why this can never show a draft or a stale count: every answer is computed from published
meetings only, and is stored under the version number that database triggers raise in the
same transaction as any write that reaches a published meeting or a shared name
(meetings.models.RegisterVersion); publishing and withdrawing a meeting are such writes. A request
reads the version first. If a write commits after that read, the answer it computes is at
least as new as the version it is filed under; readers that come after the commit read the
new version and never see the old entry. Rolled-back writes leave the version as it was,
and so do they the data.
"""

import hashlib
import pickle
import zlib
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.utils import translation

from meetings.models import RegisterVersion

T = TypeVar("T")
TIMEOUT = 24 * 60 * 60
_MISSING = object()


def digest(value) -> str:
    """A short, fixed-length key part for a value of any length (a query, a selection):
    the same for equal values, in every process."""
    return hashlib.sha256(repr(value).encode()).hexdigest()


def register_version() -> int | None:
    return RegisterVersion.objects.filter(pk=1).values_list("version", flat=True).first()


def cached(key: str, compute: Callable[[], T]) -> T:
    """``compute()``, or what it gave for ``key`` at the register's current version, in the
    interface language: answers hold names of countries, formats and topics, and a Russian
    reader must never be served the names an English one was."""
    language = translation.get_language() or "en"
    return kept(register_version(), f"analysis:{language}:{key}", compute)


def kept(version: int | None, key: str, compute: Callable[[], T], *, compressed=False) -> T:
    """``compute()``, or what it gave for ``key`` at the register's ``version``, read by the
    caller before anything was computed; without a version, nothing is kept. A
    ``compressed`` answer is kept zlib-compressed: each worker holds up to the cache's
    MAX_ENTRIES of them, and the large ones (a list's rendered facets, a meeting page's data)
    shrink to a seventh or a third."""
    if version is None:
        return compute()
    versioned = f"summitry:{version}:{key}"
    found = cache.get(versioned, _MISSING)
    if found is _MISSING:
        found = compute()
        stored = (
            zlib.compress(pickle.dumps(found, pickle.HIGHEST_PROTOCOL), 1) if compressed else found
        )
        cache.set(versioned, stored, TIMEOUT)
    elif compressed:
        found = pickle.loads(zlib.decompress(found))
    return found
