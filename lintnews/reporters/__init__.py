"""Built-in output formats, registered as an ordinary plugin.

Other formats (sarif, github, junit...) arrive through the same
``lintnews_output_formats`` hook, from this package or from third parties,
so ``--format`` choices are whatever the loaded plugins offer.  Reporter
classes are imported only when the hook is called.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lintnews.hookspecs import hookimpl


@hookimpl
def lintnews_output_formats() -> Mapping[str, Any]:
    from lintnews.reporters.github import GithubReporter
    from lintnews.reporters.gitlab import GitlabReporter
    from lintnews.reporters.html import HtmlReporter
    from lintnews.reporters.json import JsonReporter
    from lintnews.reporters.jsonlines import JsonLinesReporter
    from lintnews.reporters.junit import JunitReporter
    from lintnews.reporters.sarif import SarifReporter
    from lintnews.reporters.text import FullReporter, TextReporter

    return {
        "text": TextReporter,
        "full": FullReporter,
        "json": JsonReporter,
        "json-lines": JsonLinesReporter,
        "sarif": SarifReporter,
        "github": GithubReporter,
        "junit": JunitReporter,
        "gitlab": GitlabReporter,
        "html": HtmlReporter,
    }
