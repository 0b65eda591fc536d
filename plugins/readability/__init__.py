"""Built-in plugin ``readability`` (RD): reading ease, grade level, long
sentences and paragraphs, and per-article readability metrics.

The hot path counts words, sentences and syllables itself (see
:mod:`.syllables` for why not textstat); :mod:`.textstat_offline` runs real
textstat without network access for reference figures.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from lintnews.hookspecs import hookimpl
from lintnews.rules import Rule

from .rules import LANGUAGES, READING_EASE, RULES
from .scoring import score_article

__all__ = ["lintnews_article_metrics", "lintnews_rules", "metrics_options"]


@hookimpl
def lintnews_rules() -> Sequence[Rule]:
    return RULES


def metrics_options(config: Any) -> dict[str, Any]:
    """The ``language`` setting for the metrics, taken from RD001's configuration.

    Why RD001's: the metrics are the figures RD001 judges, and an article it
    scores as English (``language = "en"``) should be measured as one.  The
    ``[rules.RD001]`` table may be keyed by code or by name, as the engine
    accepts both; anything else (no config, an invalid value, which the
    engine reports on its own) falls back to ``"auto"``.
    """
    tables = getattr(config, "rule_options", None)
    language: object = "auto"
    if isinstance(tables, Mapping):
        for key, table in tables.items():
            named = key.strip().upper() == READING_EASE.code or (
                key.strip().lower() == READING_EASE.name
            )
            if named and isinstance(table, Mapping) and "language" in table:
                language = table["language"]
    return {"language": language if language in LANGUAGES else "auto"}


@hookimpl
def lintnews_article_metrics(article: Any, config: Any) -> Mapping[str, Any]:
    """``{"readability": {...}}``: counts and scores of the article body.

    ``flesch_reading_ease`` and ``flesch_kincaid_grade`` are present only for
    English articles with at least one body word; other articles report
    ``"language": "non-en"`` and the two shares the language guess used.
    """
    scores = score_article(article, metrics_options(config))
    return {"readability": scores.as_metrics()}
