"""Russian morphology and Snowball stemmers, shared by search and article intake.

The pymorphy3 dictionary is loaded once per process (about a tenth of a second and some
megabytes); a PyStemmer object must not be shared between threads, so each thread has its own.
"""

import logging
import threading
from functools import cache

import pymorphy3
import Stemmer

_stemmers = threading.local()


@cache
def russian_analyzer() -> pymorphy3.MorphAnalyzer:
    logging.getLogger("pymorphy3").setLevel(logging.WARNING)  # no "Loading dictionaries" line
    return pymorphy3.MorphAnalyzer(lang="ru")


def stemmer(language: str) -> Stemmer.Stemmer:
    """This thread's Snowball stemmer for ``language`` ("russian", "english")."""
    found = getattr(_stemmers, language, None)
    if found is None:
        found = Stemmer.Stemmer(language)
        setattr(_stemmers, language, found)
    return found
