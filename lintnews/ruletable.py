"""Renders the rule list for ``lintnews rules`` (text, json, markdown).

The Markdown form is the README's rule table (``scripts/gen_rule_table.py``
writes it there and ``tests/test_readme.py`` checks it is current), so the
documentation and the code cannot drift apart.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from lintnews.rules import Rule

__all__ = ["FORMATS", "distribution", "render", "rule_to_dict"]

FORMATS = ("text", "json", "markdown")


def distribution(rule: Rule, registry: Any = None) -> str:
    """Which package provides the rule: ``lintnews``, a third party, or ``local``."""
    if rule.plugin.startswith("local:"):
        return "local"
    versions = getattr(registry, "versions", {}) or {}
    pinned = versions.get(rule.plugin, "")
    return pinned.split("==", 1)[0] if pinned else "lintnews"


def rule_to_dict(rule: Rule, registry: Any = None) -> dict[str, Any]:
    return {
        "code": rule.code,
        "name": rule.name,
        "plugin": rule.plugin,
        "distribution": distribution(rule, registry),
        "severity": rule.severity.value,
        "fixable": rule.fixable,
        "fix": rule.fix.value,
        "enabled_by_default": rule.enabled_by_default,
        "summary": rule.summary,
        "options": {
            name: {"default": opt.default, "doc": opt.doc} for name, opt in rule.options.items()
        },
    }


def _md_cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def markdown_table(rules: Sequence[dict[str, Any]]) -> str:
    """A GitHub Markdown table of rule dicts (as from :func:`rule_to_dict`)."""
    lines = [
        "| Code | Name | Plugin | Severity | Fixable | Default | Summary |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in rules:
        lines.append(
            f"| {r['code']} | `{r['name']}` | {r['plugin']} | {r['severity']} | "
            f"{'yes' if r['fixable'] else 'no'} | {'on' if r['enabled_by_default'] else 'off'} | "
            f"{_md_cell(r['summary'])} |"
        )
    return "\n".join(lines) + "\n"


def text_table(rules: Sequence[dict[str, Any]]) -> str:
    headers = ("CODE", "NAME", "PLUGIN", "SEVERITY", "FIX", "SUMMARY")
    rows = [
        (
            r["code"],
            r["name"] + ("" if r["enabled_by_default"] else " (opt-in)"),
            r["plugin"],
            r["severity"],
            r["fix"] if r["fixable"] else "-",
            r["summary"],
        )
        for r in rules
    ]
    widths = [max([len(h), *(len(row[i]) for row in rows)]) for i, h in enumerate(headers[:-1])]
    out = []
    for row in [headers, *rows]:
        cells = [cell.ljust(w) for cell, w in zip(row[:-1], widths, strict=True)]
        out.append("  ".join([*cells, row[-1]]).rstrip())
    out.append(f"\n{len(rows)} rules")
    return "\n".join(out) + "\n"


def render(rules: Sequence[Rule], fmt: str, registry: Any = None) -> str:
    dicts = [rule_to_dict(r, registry) for r in sorted(rules, key=lambda r: r.code)]
    if fmt == "json":
        return json.dumps(dicts, indent=2, ensure_ascii=False, default=str) + "\n"
    if fmt == "markdown":
        return markdown_table(dicts)
    return text_table(dicts)
