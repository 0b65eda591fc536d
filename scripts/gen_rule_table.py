"""Write the built-in rule table into README.md (between the rules-table markers).

Only rules of the ``lintnews`` distribution itself are listed, so a
third-party plugin installed in the same environment does not leak into the
README.  ``tests/test_readme.py`` fails when the table is stale; run
``python scripts/gen_rule_table.py`` to refresh it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"
START = "<!-- rules-table:start -->"
END = "<!-- rules-table:end -->"


def builtin_rules() -> list[dict[str, object]]:
    """``lintnews rules --format json``, built-in rules only (run in a clean directory)."""
    proc = subprocess.run(
        [sys.executable, "-m", "lintnews", "rules", "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
        cwd=README.parent / "scripts",
    )
    return [r for r in json.loads(proc.stdout) if r["distribution"] == "lintnews"]


def table() -> str:
    from lintnews.ruletable import markdown_table

    return markdown_table(builtin_rules())


def replace_table(text: str, new_table: str) -> str:
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{new_table}{END}{tail}"


def current_table(text: str) -> str:
    return text.split(START, 1)[1].split(END, 1)[0].lstrip("\n")


def main() -> int:
    text = README.read_text(encoding="utf-8")
    updated = replace_table(text, table())
    if updated != text:
        README.write_text(updated, encoding="utf-8")
        print("README.md: rule table updated")
    else:
        print("README.md: rule table already current")
    return 0


if __name__ == "__main__":
    sys.exit(main())
