"""The commented starter ``lintnews.toml`` that ``lintnews init`` writes.

Kept as a Python string (not package data) so ``lintnews init`` needs no
resource lookup; ``tests/test_cli.py`` checks that the file it writes loads
without errors, so the template cannot drift from the config schema.
"""

from __future__ import annotations

__all__ = ["TEMPLATE"]

TEMPLATE = """\
# lintnews configuration (every key is described in the README, "Configuration").
# Every key is optional; the values shown commented out are the defaults.

# Rules to run: codes ("HL001"), prefixes ("PW") or names ("duplicate-headline").
# Empty means every rule that is enabled by default.
# select = []
# Rules to add to the selection (opt-in rules) and rules to skip.
# extend-select = []
# ignore = []

# Lowest severity that makes `lintnews check` exit with 1: "error", "warning" or "info".
fail-on = "warning"

# Files checked when a directory is given (globs relative to this file).
# include = ["**/*.txt", "**/*.md", "**/*.markdown", "**/*.html", "**/*.htm"]
# exclude = [".git", ".venv", "node_modules", ...]   # replaces the defaults
# extend-exclude = ["archive/**"]                    # adds to them
# respect-gitignore = true

# Language of the articles (sentence splitting, readability formulas).
language = "en"

# Files larger than this many bytes are skipped with a message.
# max-file-size = 10485760

# Report `lintnews: disable` comments that suppress nothing.
# report-unused-suppressions = false

# Local plugins (a module name or a .py file relative to this file), loaded only when listed.
# plugins = ["newsroom_rules.py"]

# Rules to skip for some paths.
[per-file-ignores]
# "archive/**" = ["RD"]

# Severity overrides by code, prefix or name.
[severity]
# PW = "error"
# "duplicate-paragraph" = "info"

# Reader format by glob, for extensions lintnews does not know.
[readers]
# "*.news" = "markdown"

# Encoding by glob, for files that are not UTF-8.
[encoding]
# "archive/**" = "latin-1"

# Per-rule options, by code or name: see `lintnews explain CODE`.
[rules]
# [rules.RD001]
# max-grade = 14
"""
