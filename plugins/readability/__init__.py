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

from .rules import LANGUAGES, RULES
from .scoring import score_article

__all__ = ["lintnews_article_metrics", "lintnews_rules", "metrics_options"]


@hookimpl
def lintnews_rules() -> Sequence[Rule]:
    return RULES


def metrics_options(config: Any) -> dict[str, Any]:
    """The ``language`` setting for the metrics, taken from RD001's configuration.

    The configuration object is another module's; ask it politely and fall
    back to the default when it cannot answer.
    """
    language = "auto"
    getter = getattr(config, "rule_options", None)
    if callable(getter):
        try:
            options = getter("RD001") or {}
            language = str(options.get("language", language))
        except Exception:
            language = "auto"
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
