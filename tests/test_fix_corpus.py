"""``--fix`` on the seeded corpus: the injected mechanical damage goes, the
real article stays.

One CLI run fixes copies of every ``../shared/corpus/seeded/`` file (safe
fixes only), then for every seeded file whose real article is in
``../shared/corpus/real/``:

- every real paragraph (one per line there) is still a line of the fixed
  file, byte for byte, unless an injected defect touched it.  "Touched"
  comes from ``labels.json``: the seeder built some defects *out of* real
  paragraphs (an orphaned quote is a real quote paragraph with its
  quotation stripped; a truncated or split paragraph is a real one cut; a
  stray word is appended to one; mojibake and entity leftovers damage one in
  place).  Such a paragraph is not in the seeded file verbatim, so no fix can
  be expected to keep it; a real paragraph is exempt when it resembles the
  text on a label's lines (containment or a high similarity ratio).  For
  ``.md`` files the headline lives in the front matter (YAML-quoted), so the
  real file's first line is exempt there;
- a label whose defect the check reported with a safe fix (a ``fixable``
  violation of the label's category covering its lines) is gone: its line
  occurs fewer times in the fixed file than in the seeded one;
- after ``--fix`` nothing fixable is left, and a second ``--fix`` fixes
  nothing and changes no byte.
"""

from __future__ import annotations

import difflib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import ftfy
import pytest

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
SEEDED, REAL = CORPUS / "seeded", CORPUS / "real"

CATEGORY_CODES = {
    "duplicate-headline": ("HL001",),
    "boilerplate": ("PW",),
    "orphaned-quote": ("QT001",),
    "unbalanced-quotes": ("QT002",),
    "sentence-fragment": ("TX001",),
    "truncated-paragraph": ("TX002",),
    "duplicate-paragraph": ("TX003",),
    "mojibake": ("TX004",),
    "html-leftover": ("TX005",),
}

pytestmark = pytest.mark.skipif(not SEEDED.is_dir(), reason="shared corpus not available")


def lintnews(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lintnews", "check", "--no-cache", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "NO_COLOR": "1"},
        timeout=900,
    )


@pytest.fixture(scope="module")
def fixed(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("corpus")
    work = root / "articles"
    work.mkdir()
    for f in sorted(SEEDED.iterdir()):
        if f.suffix in (".txt", ".md"):
            shutil.copyfile(f, work / f.name)  # copyfile: not the read-only mode
    before = lintnews("--format", "json", "--exit-zero", "articles", cwd=root)
    first = lintnews("--fix", "--format", "json", "--exit-zero", "articles", cwd=root)
    after_bytes = {f.name: f.read_bytes() for f in work.iterdir()}
    second = lintnews("--fix", "--format", "json", "--exit-zero", "articles", cwd=root)
    return {
        "dir": work,
        "before": json.loads(before.stdout),
        "first": json.loads(first.stdout),
        "first_stderr": first.stderr,
        "second": json.loads(second.stdout),
        "after_bytes": after_bytes,
        "labels": json.loads((SEEDED / "labels.json").read_text(encoding="utf-8")),
    }


def _lines(text: str) -> list[str]:
    return [line.rstrip("\r") for line in text.split("\n")]


def _label_lines(label: dict) -> list[int]:
    return [*range(label["line"], label["end_line"] + 1), *label.get("alt_lines", ())]


def _resembles(real: str, seeded: str) -> bool:
    if not real or not seeded:
        return False
    if real in seeded or seeded in real:
        return True
    if real[:40] in seeded or real[-40:] in seeded or seeded[:40] in real:
        return True
    m = difflib.SequenceMatcher(None, real, seeded, autojunk=False)
    return m.quick_ratio() >= 0.6 and m.ratio() >= 0.6


def test_no_errors_and_fixes_applied(fixed: dict) -> None:
    assert fixed["first"]["errors"] == [], fixed["first"]["errors"]
    assert len(fixed["first"]["fixed"]) >= 100  # the corpus has ~300 labels, most fixable
    # at convergence nothing applicable is left
    assert [v for v in fixed["first"]["violations"] if v["fixable"]] == []


def test_second_fix_is_a_no_op(fixed: dict) -> None:
    assert fixed["second"]["fixed"] == []
    now = {f.name: f.read_bytes() for f in fixed["dir"].iterdir()}
    assert now == fixed["after_bytes"]


def _known_boilerplate() -> dict[str, set[str]]:
    """Real lines the corpus itself lists as boilerplate kept by its annotators.

    ``known_issues.json`` marks them (e.g. "© Reuters", a syndication credit):
    removing them is the fix working, not text of the author's being lost.
    """
    known: dict[str, set[str]] = {}
    for entry in json.loads((REAL / "known_issues.json").read_text(encoding="utf-8")):
        if {"boilerplate", "*"} & set(entry["categories"]):
            known.setdefault(entry["file"], set()).add(entry["text"].strip())
    return known


def test_real_paragraphs_survive(fixed: dict) -> None:
    known = _known_boilerplate()
    by_file: dict[str, list[dict]] = {}
    for label in fixed["labels"]:
        by_file.setdefault(label["file"], []).append(label)
    compared = exempt_total = 0
    missing: list[str] = []
    for name, data in sorted(fixed["after_bytes"].items()):
        real_path = REAL / (Path(name).stem + ".txt")
        if not real_path.exists():
            continue
        seeded_lines = _lines((SEEDED / name).read_text(encoding="utf-8"))
        fixed_lines = set(_lines(data.decode("utf-8")))
        touched = [
            seeded_lines[n - 1]
            for label in by_file.get(name, ())
            for n in _label_lines(label)
            if 0 < n <= len(seeded_lines)
        ]
        # Mojibake of a non-Latin script shares no characters with the real
        # paragraph; compare its repaired form as well.
        touched += [ftfy.fix_encoding(t) for t in touched]
        real = [p for p in _lines(real_path.read_text(encoding="utf-8")) if p.strip()]
        for i, paragraph in enumerate(real):
            if (
                (i == 0 and name.endswith(".md"))
                or paragraph.strip() in known.get(real_path.name, ())
                or any(_resembles(paragraph, t) for t in touched)
            ):
                exempt_total += 1
                continue
            compared += 1
            # Not touched by a label: the seeded file has it verbatim ...
            assert paragraph in seeded_lines, (name, paragraph[:80])
            # ... and so must the fixed file.
            if paragraph not in fixed_lines:
                missing.append(f"{name}: {paragraph[:80]!r}")
    assert missing == []
    assert compared > 1000 and exempt_total < compared / 5


def _covers(v: dict, label: dict) -> bool:
    codes = CATEGORY_CODES[label["category"]]
    if not any(v["code"].startswith(c) for c in codes):
        return False
    return any(v["line"] <= n <= v["end_line"] for n in _label_lines(label))


def test_safe_fixable_defects_removed(fixed: dict) -> None:
    before = [v for v in fixed["before"]["violations"] if v["fixable"]]
    removed, kept = 0, []
    for label in fixed["labels"]:
        path = f"articles/{label['file']}"
        if not any(v["path"] == path and _covers(v, label) for v in before):
            continue
        seeded_lines = _lines((SEEDED / label["file"]).read_text(encoding="utf-8"))
        line = seeded_lines[label["line"] - 1]
        fixed_lines = _lines(fixed["after_bytes"][label["file"]].decode("utf-8"))
        if fixed_lines.count(line) < seeded_lines.count(line):
            removed += 1
        else:
            kept.append((label["file"], label["category"], line[:60]))
    assert kept == []
    assert removed >= 100


def test_every_fixable_rule_documents_its_fix_safety_and_keeps_its_word() -> None:
    """``Rule.fix_safety`` is there for every fixable rule, and the fixes rules
    actually propose on the corpus match what they declare (safe/unsafe)."""
    from lintnews.config import load_config
    from lintnews.engine import Engine
    from lintnews.rules import FixAvailability

    engine = Engine(load_config(SEEDED))
    rules = engine.registry.rules
    for rule in rules.values():
        if rule.fixable:
            assert rule.fix_safety.strip(), f"{rule.code} is fixable but has no fix_safety"
    allowed = {
        True: {FixAvailability.SAFE, FixAvailability.SOMETIMES},
        False: {FixAvailability.UNSAFE, FixAvailability.SOMETIMES},
    }
    seen = 0
    files = sorted(p for p in SEEDED.iterdir() if p.suffix in (".txt", ".md"))[:30]
    for v in engine.lint_paths([str(p) for p in files]).violations():
        if v.fix is not None:
            seen += 1
            assert rules[v.code].fix in allowed[v.fix.safe], (v.code, v.fix.safe)
    assert seen >= 30
