"""Built-in output formats, registered as an ordinary plugin.

Other formats (sarif, github, junit...) arrive through the same
``lintnews_output_formats`` hook, from this package or from third parties,
so ``--format`` choices are whatever the loaded plugins offer.  Reporter
classes are named by lazy ``"module:Class"`` references and imported only
when their format is used.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lintnews.hookspecs import hookimpl


@hookimpl
def lintnews_output_formats() -> Mapping[str, Any]:
    # Lazy references: the registry imports a reporter module only when its
    # format is used, so a text run does not import the SARIF, HTML or JUnit
    # (xml.etree) reporters just to list their names.
    return {
        "text": "lintnews.reporters.text:TextReporter",
        "full": "lintnews.reporters.text:FullReporter",
        "json": "lintnews.reporters.json:JsonReporter",
        "json-lines": "lintnews.reporters.jsonlines:JsonLinesReporter",
        "sarif": "lintnews.reporters.sarif:SarifReporter",
        "github": "lintnews.reporters.github:GithubReporter",
        "junit": "lintnews.reporters.junit:JunitReporter",
        "gitlab": "lintnews.reporters.gitlab:GitlabReporter",
        "html": "lintnews.reporters.html:HtmlReporter",
    }
