"""Property tests of the fix loop over generated damaged articles.

An article is a real headline and real clean paragraphs (from
``../shared/corpus/real/``, kept only where the built-in rules report nothing
on them in their own article), with injected mechanical damage: the headline
repeated, a paywall prompt paragraph, an ``&nbsp;`` entity, a paragraph
repeated, mojibake.  After the fix loop (safe fixes, all default rules):

- every clean paragraph and the headline are still lines of the text, byte
  for byte;
- each damaged paragraph is repaired exactly (``&nbsp;`` -> U+00A0,
  mojibake -> the original characters);
- the injected defects' rules report nothing any more;
- a second fix run changes nothing.

Examples per run: 60 (bounded for CI).  A longer run::

    LINTNEWS_HYPOTHESIS_PROFILE=long .venv/bin/pytest tests/test_fix_properties.py
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lintnews.config import load_config
from lintnews.decoding import DecodedText
from lintnews.engine import Engine
from lintnews.fixing import fix_text

settings.register_profile(
    "ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "long", max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("LINTNEWS_HYPOTHESIS_PROFILE", "ci"))

REAL = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "real"
pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason="shared corpus not available")

PROMPTS = (
    "Register now to get free unlimited access to",
    "Subscribe now to continue reading this article.",
    "Already a subscriber? Log in to keep reading.",
)

#: at most this many real files feed the pool (module set-up time)
POOL_FILES = 20


@cache
def engine() -> Engine:
    return Engine(load_config(REAL.parent))


@cache
def pool() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(headlines, clean paragraphs) on which the rules report nothing."""
    headlines: list[str] = []
    paragraphs: list[str] = []
    eng = engine()
    for path in sorted(REAL.glob("*.txt"))[:POOL_FILES]:
        text = path.read_text(encoding="utf-8")
        lines = text.split("\n")
        result = eng.check_decoded(str(path), DecodedText(text))
        flagged = {
            n
            for v in result.violations
            if v.code[:2] != "RD"
            for n in range(v.line, v.end_line + 1)
        }
        if lines and 1 not in flagged and 20 <= len(lines[0]) <= 120:
            headlines.append(lines[0])
        for n, line in enumerate(lines[2:], 3):
            if (
                n not in flagged
                and 60 <= len(line) <= 500
                and line[:1].isupper()
                and line.endswith(".")
                and "&" not in line
            ):
                paragraphs.append(line)
    return tuple(dict.fromkeys(headlines)), tuple(dict.fromkeys(paragraphs))


def _mojibake(text: str) -> str | None:
    try:
        return text.encode("utf-8").decode("cp1252")
    except UnicodeDecodeError:
        return None


@st.composite
def articles(draw: st.DrawFn) -> dict:
    headlines, paragraphs = pool()
    headline = draw(st.sampled_from(headlines))
    clean = draw(st.lists(st.sampled_from(paragraphs), min_size=3, max_size=8, unique=True))
    body: list[tuple[str, str]] = [("clean", p) for p in clean]  # (kind, text)
    expected_gone: set[str] = set()
    repaired: list[tuple[str, str]] = []  # (damaged text, text after the fix)
    if draw(st.booleans()):
        body.insert(0, ("damage", headline))
        expected_gone.add("HL001")
    if draw(st.booleans()):
        at = draw(st.integers(1, len(body)))
        body.insert(at, ("damage", draw(st.sampled_from(PROMPTS))))
        expected_gone.add("PW001")
    if draw(st.booleans()):
        i = draw(st.integers(0, len(clean) - 1))
        spaces = [k for k, ch in enumerate(clean[i]) if ch == " "]
        k = draw(st.sampled_from(spaces))
        damaged = clean[i][:k] + "&nbsp;" + clean[i][k + 1 :]
        body[body.index(("clean", clean[i]))] = ("damage", damaged)
        repaired.append((damaged, clean[i][:k] + "\u00a0" + clean[i][k + 1 :]))
        expected_gone.add("TX005")
    if draw(st.booleans()):
        cands = [p for kind, p in body if kind == "clean"]
        p = draw(st.sampled_from(cands))
        at = [b for b in body].index(("clean", p))
        body.insert(at + 1, ("damage", p))
        expected_gone.add("TX003")
    if draw(st.booleans()):
        cands = [p for kind, p in body if kind == "clean" and not p.isascii() and _mojibake(p)]
        if cands:
            p = draw(st.sampled_from(cands))
            bad = _mojibake(p)
            assert bad is not None
            body[body.index(("clean", p))] = ("damage", bad)
            repaired.append((bad, p))
            expected_gone.add("TX004")
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    text = newline.join([headline, "", *(p for _, p in body for p in (p, ""))][:-1]) + newline
    protected = [headline, *(p for kind, p in body if kind == "clean")]
    return {
        "text": text,
        "protected": protected,
        "repaired": repaired,
        "gone": expected_gone,
    }


def _lines(text: str) -> list[str]:
    return [line.rstrip("\r") for line in text.split("\n")]


@given(articles())
def test_fix_keeps_every_clean_paragraph_and_is_stable(article: dict) -> None:
    eng = engine()
    outcome = fix_text(eng, "article.txt", DecodedText(article["text"]))
    assert outcome.converged and outcome.errors == []
    lines = _lines(outcome.text)
    for paragraph in article["protected"]:
        assert paragraph in lines, paragraph[:80]
    for damaged, want in article["repaired"]:
        assert damaged not in lines
        assert want in lines, (damaged[:60], want[:60])
    after = eng.check_decoded("article.txt", DecodedText(outcome.text))
    left = {v.code for v in after.violations}
    assert not (article["gone"] & left), (article["gone"] & left, outcome.text[:400])
    again = fix_text(eng, "article.txt", DecodedText(outcome.text))
    assert again.text == outcome.text and again.fixed == []


def test_pool_is_big_enough_and_prompts_are_safe_fixable() -> None:
    headlines, paragraphs = pool()
    assert len(headlines) >= 10 and len(paragraphs) >= 100
    eng = engine()
    for prompt in PROMPTS:
        text = f"{headlines[0]}\n\n{paragraphs[0]}\n\n{prompt}\n\n{paragraphs[1]}\n"
        result = eng.check_decoded("a.txt", DecodedText(text))
        assert any(v.code == "PW001" and v.fixable for v in result.violations), prompt
