#!/usr/bin/env python3
"""Recall and precision of the PW rules on the line bank in ``cta_bank.py``.

    .venv/bin/python benchmarks/heldout/eval_bank.py [--half tune|test|all] [--show]

Each bank text becomes one paragraph of a short article of plain news copy
(headline, two paragraphs before it, one after), and every PW rule runs on
it with its default options.  A positive counts as found when a PW
violation covers part of it; a negative is a false positive when any PW
rule reports anything in its article (the surrounding copy alone is
clean, which the script checks).  ``--show`` prints the misses and false
positives: look at them only for the ``tune`` half, or the ``test`` figures
stop being an honest measure.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from lintnews.plugins.boilerplate import RULES

from lintnews.testing import read_article, run_rule

sys.path.insert(0, str(Path(__file__).resolve().parent))
import cta_bank

HEAD = "Ministers agree new rules for rail freight\n\n"
BEFORE = (
    "LONDON - Transport ministers agreed on Tuesday to open rail freight lines to new "
    "operators from next year, ending a monopoly that has lasted three decades.\n\n"
    "The deal, reached after two days of talks, still needs the approval of parliament.\n\n"
)
AFTER = "\n\nOperators will be able to bid for slots from April, the ministry said.\n"


def pw_hits(text: str) -> tuple[bool, list[str]]:
    """(a PW violation covers ``text``, codes of every PW violation in the article)."""
    source = HEAD + BEFORE + text + AFTER
    start = len(HEAD + BEFORE)
    end = start + len(text)
    art = read_article(source)
    covered, codes = False, []
    for rule in RULES:
        for v in run_rule(rule, art):
            codes.append(rule.code)
            if v.span.start < end and v.span.end > start:
                covered = True
    return covered, codes


def evaluate(half: str, show: bool = False) -> dict[str, float]:
    assert not pw_hits("The talks will resume in June.")[1], "context copy is not clean"
    pos = cta_bank.half(cta_bank.POSITIVES, half)
    neg = cta_bank.half(cta_bank.NEGATIVES, half)
    found: Counter[str] = Counter()
    total: Counter[str] = Counter()
    misses, fps = [], []
    for kind, text in pos:
        total[kind] += 1
        hit, _ = pw_hits(text)
        found[kind] += hit
        if not hit:
            misses.append((kind, text))
    for kind, text in neg:
        _, codes = pw_hits(text)
        if codes:
            fps.append((kind, text, sorted(set(codes))))
    tp = sum(found.values())
    recall = tp / len(pos)
    precision = tp / (tp + len(fps)) if tp + len(fps) else 1.0
    print(f"half={half}: positives {len(pos)}, negatives {len(neg)}")
    print(f"  recall {recall:.3f} ({tp}/{len(pos)})  false positives {len(fps)}/{len(neg)}")
    print(f"  precision {precision:.3f} (TP / (TP + negatives flagged))")
    print("  recall per kind: " + ", ".join(
        f"{k} {found[k]}/{total[k]}" for k in sorted(total)
    ))  # fmt: skip
    if show:
        for kind, text in misses:
            print(f"  MISS [{kind}] {text!r}")
        for kind, text, codes in fps:
            print(f"  FP   [{kind}] {text!r} {codes}")
    return {"recall": recall, "precision": precision, "fp": float(len(fps))}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--half", choices=("tune", "test", "all"), default="tune")
    ap.add_argument("--show", action="store_true", help="print misses and false positives")
    args = ap.parse_args()
    evaluate(args.half, args.show)


if __name__ == "__main__":
    main()
