"""The built-in rules on data shaped like the held-out evaluation, built from DEV data only.

``benchmarks/heldout/make_sets.py`` builds, from the DEV corpus's real articles
(``../shared/corpus/real``), the subsets ``/work/shared/tools/score.py`` scores:

* ``leftovers/``: page text, real paragraphs with prompts, widgets, menus and footers
  from ``benchmarks/heldout/bank.py`` inserted as blocks (in varied case, sometimes cut
  off) plus non-prompt leftovers (captions, real bylines, time stamps); labels per block.
* ``extractors/``: ``<tool>__<id>.txt`` with three made-up extractors' habits (the
  headline repeated exact, in capitals, with a site name or a byline; prompts between
  paragraphs; a paragraph repeated); labels per paragraph.
* ``quotes/clean`` and ``quotes/seeded``: real and synthetic quote-heavy articles, and the
  same with quotations deleted programmatically (``“…,” X said.`` -> ``X said.``, ``“…,”
  said X, who …`` -> ``said X, who …``, ``X said: “…”`` -> ``X said:``, ``“…” according
  to X`` -> ``according to X``, multi-sentence quotes).

The ``tuned`` prompt bank is the one the PW rules were improved on; the ``fresh`` bank
was written afterwards and never used for tuning, so its floors are the honest measure
of generality.  Floors sit a little below the figures measured on this sample
(first 15 articles, seed 20240501, 8 synthetic quote articles).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCORE = SHARED / "tools" / "score.py"
CORPUS = SHARED / "corpus"

needs_shared = pytest.mark.skipif(
    not (SCORE.exists() and (CORPUS / "real").is_dir()),
    reason="../shared (corpus and score.py) is absent",
)

#: measured on the sample: tuned leftovers P 1.00 R 1.00, extractors HL+PW 0.94,
#: quotes 0.84; fresh leftovers P 1.00 R 0.71 (0.57 before wave 4), extractors HL+PW
#: 0.88 (0.74 before)
FLOORS = {
    "tuned": {"leftovers_r": 0.9, "extractors_r": 0.85},
    "fresh": {"leftovers_r": 0.65, "extractors_r": 0.8},
}


def _score(tmp_path: Path, bank: str) -> dict:
    out = tmp_path / bank
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "heldout" / "make_sets.py"),
            "--corpus", str(CORPUS),
            "--out", str(out),
            "--limit", "15",
            "--synthetic", "8",
            "--bank", bank,
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    report = tmp_path / f"{bank}.json"
    proc = subprocess.run(
        [
            sys.executable,
            str(SCORE),
            "--data", str(out),
            "--lintnews", f"{sys.executable} -m lintnews check --format json",
            "--quiet",
            "--json", str(report),
        ],
        capture_output=True,
        text=True,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout[-2000:]
    return json.loads(report.read_text("utf-8"))["subsets"]


@needs_shared
@pytest.mark.parametrize("bank", ["tuned", "fresh"])
def test_rules_generalise_to_heldout_shaped_sets(tmp_path: Path, bank: str) -> None:
    s = _score(tmp_path, bank)
    floors = FLOORS[bank]

    # precision first: no structural false positive on real copy from HL, PW or QT
    for name in ("clean", "quotes_clean"):
        fam = s[name]["fp_per_100_by_family"]
        assert fam["HL"] == fam["PW"] == fam["QT"] == 0.0, (name, s[name]["fp_per_code"])
    left = s["leftovers"]
    assert left["pw_precision"] >= 0.98, left["fp_examples"]
    assert left["pw_recall"] >= floors["leftovers_r"], left["recall_per_prompt_kind"]

    ext = s["extractors"]
    assert ext["recall_hl_pw"] >= floors["extractors_r"], ext["boilerplate_recall_per_kind"]
    assert ext["positives"]["duplicate-headline"]["recall"] >= 0.9
    assert ext["positives"]["duplicate-paragraph"]["recall"] >= 0.9
    assert ext["fp_per_100_article_paragraphs"] <= 0.5, ext["fp_per_code"]

    assert s["quotes_seeded"]["qt_recall"] >= 0.75, s["quotes_seeded"]["qt_recall_by"]


#: benchmarks/heldout/cta_bank.py (230 leftovers, 213 hard negatives, written before the
#: wave 4 rule changes): the rules were improved on the misses of the tune half only.
#: Measured: tune R 1.00, test R 0.77 (0.36 and 0.40 before), no negative flagged.
BANK_FLOORS = {"tune": 0.95, "test": 0.72}


@pytest.mark.parametrize("half", ["tune", "test"])
def test_line_bank_recall_and_hard_negatives(half: str) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks" / "heldout"))
    try:
        import eval_bank
    finally:
        sys.path.pop(0)
    got = eval_bank.evaluate(half)
    assert got["fp"] == 0, "a hard negative of the line bank was flagged (run with --show)"
    assert got["recall"] >= BANK_FLOORS[half]
