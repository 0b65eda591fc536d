"""Every hook a lintnews plugin may implement: the plugin author's contract.

A plugin is a module (or object) with functions decorated by
``lintnews.hookimpl`` and named after the specifications below.  As in
pytest, an implementation may accept fewer arguments than its specification
names, so new arguments can be added here without breaking plugins.

Plugins are found through the ``lintnews`` entry-point group; the built-in
rules, readers and output formats are registered through that same group.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from lintnews.article import Article
    from lintnews.config import Config
    from lintnews.reporters.base import Reporter
    from lintnews.rules import Rule

hookspec = pluggy.HookspecMarker("lintnews")
hookimpl = pluggy.HookimplMarker("lintnews")


@hookspec
def lintnews_rules() -> Sequence[Rule]:
    """Declare the rules this plugin provides.

    Every code must start with a two-letter prefix that no other plugin
    uses; a clash is a load-time error naming both plugins.  Called once per
    process; return the same rule objects every time.
    """


@hookspec
def lintnews_reader_formats() -> Mapping[str, str]:
    """Map file extensions (``".md"``) to the format names this plugin reads.

    The user may override the mapping per glob with ``[readers]`` in config.
    """


@hookspec(firstresult=True)
def lintnews_read_article(
    path: str | None, text: str, format: str, config: Config
) -> Article | None:
    """Build an :class:`~lintnews.article.Article` from decoded ``text``.

    Return ``None`` for formats this plugin does not read; the first reader
    to answer wins.  Raise :class:`lintnews.errors.InputError` for input that
    cannot be read (broken front matter, say): the message becomes a one-line
    error for that file and the run goes on.
    """


@hookspec
def lintnews_output_formats() -> Mapping[str, type[Reporter] | str]:
    """Map output format names (``"sarif"``) to reporter classes.

    A value may be the class itself or a lazy reference, the string
    ``"package.module:ClassName"``: the registry imports that module only
    when the format is used (``--format sarif``), so listing the formats
    costs no imports.  Returning classes keeps working.  A reference that
    does not import, or names nothing, is a plugin error when its format is
    chosen (or when every format is resolved, as ``output_formats()`` does).
    """


@hookspec
def lintnews_article_metrics(article: Article, config: Config) -> Mapping[str, Any] | None:
    """Measure one article (readability scores, word counts...).

    Every returned mapping is merged into the file's ``metrics`` object in the
    JSON output, so a desk can track the figures over time.  Keys should be
    namespaced by the plugin (``"readability"``: {...}).
    """


@hookspec
def lintnews_configure(config: Config) -> None:
    """Called once the configuration is resolved, before any file is read."""


@hookspec
def lintnews_check_run(articles: Sequence[Any], config: Config) -> None:
    """See every article of the run once it is over (observer hook).

    ``articles`` holds one :class:`~lintnews.rules.ArticleDigest` per file and
    per run-level rule.  Checks across articles that report violations are
    written as run-level rules (``Rule(digest=..., check_run=...)``), which the
    engine feeds from this same stream; this hook is for plugins that only
    observe (statistics, dashboards).
    """
