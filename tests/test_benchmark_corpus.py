"""The benchmark harness's varied corpus (``benchmarks/run.py --vary``): edited copies
that still parse as the articles they copy."""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from run import varied  # noqa: E402

TEXT = (
    "Officials announced tuesday a sweeping reform\n\n"
    "The government said the regulations would strengthen protections "
    "for consumers, according to statements released yesterday by ministers.\n\n"
    "Analysts expected further announcements about financial oversight.\n"
)
MARKDOWN = (
    "---\ntitle: Officials announced reforms\nauthor: newsroom\n---\n"
    "# Officials announced reforms\n\n"
    "The government said the regulations would strengthen protections "
    "for consumers, according to statements released yesterday by ministers.\n"
)


def _words(text: str) -> list[str]:
    return text.split()


def test_a_copy_only_extends_long_words_of_the_body() -> None:
    edited = varied(TEXT.encode(), 1).decode()
    assert edited != TEXT
    assert edited.split("\n")[0] == TEXT.split("\n")[0]  # the headline line is kept
    old, new = _words(TEXT), _words(edited)
    assert len(old) == len(new)
    changed = [(a, b) for a, b in zip(old, new, strict=True) if a != b]
    assert changed
    for a, b in changed:
        assert b.startswith(a.rstrip(".,")) or b.startswith(a)
        assert re.fullmatch(r"[a-z]{6,}", re.sub(r"\W+$", "", a))


def test_copies_differ_from_each_other_and_are_deterministic() -> None:
    copies = {varied(TEXT.encode(), k) for k in range(1, 6)}
    assert len(copies) == 5
    assert varied(TEXT.encode(), 3) == varied(TEXT.encode(), 3)


def test_front_matter_is_kept_whole() -> None:
    edited = varied(MARKDOWN.encode(), 2).decode()
    assert edited.split("\n")[:4] == MARKDOWN.split("\n")[:4]
    assert edited != MARKDOWN
