"""TX rules: must-fire / must-not-fire tables, fixes, the sample, the corpus."""

from __future__ import annotations

import collections
import difflib
import json
import random
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from _rulecheck import HEAD, apply_fix, fire
from lintnews.plugins.hygiene.align import _GramIndex, changed_ranges, matching_blocks
from lintnews.plugins.hygiene.rules import (
    DUPLICATE,
    HTML_LEFTOVER,
    MOJIBAKE,
    PLACEHOLDER,
    REPEATED,
    RULES,
    SENTENCE_FRAGMENT,
    TRUNCATED,
    _needle_occurrences,
    _placeholder_hint,
)
from lintnews.plugins.quotes.rules import RULES as QT_RULES

from lintnews.checking import ActiveRule, check_article
from lintnews.readers import FORMATS, lintnews_read_article
from lintnews.testing import read_article, run_rule

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SAMPLE = SHARED / "samples" / "scraped-article.txt"
CORPUS = SHARED / "corpus"

# --------------------------------------------------------------------- TX001

FRAGMENT_FIRES = [
    "The allies pledged to work together on defence. concentration.",
    "Webb confessed and the jury took just 15 minutes to find him guilty. little.",
    "Prices fell (meaning you can return the TV by January for any reason). customized.",
    "titles.",
    "the optics.",
    "Austria argued for\n\ndecades that it was the first victim of National Socialism.",
    "The weather was bad.\n\norders of the jumbo jet fell sharply this year.",
]
FRAGMENT_SILENT = [
    "Retaliatory tariffs imposed by China have particularly hurt U.S. farmers.",
    "The game kicks off at 1 p.m. start.",
    "Radiologie, Technische Infrastruktur, etc. zugeordnet.",
    "iPhone sales rose in the quarter.",
    "Flos Showroom\n\ncorso Monforte, 15, Milan",
    "Foto:\n\nличный архив Оли Малышевой.",
    "Read more at\n\nwww.example.com",
    "de Blasio said the city would reopen schools.",
    "Etc.",
    "TOKYO/WASHINGTON (Reuters) – The United States and Japan expressed concern.",
    "said a WeWork spokesperson when contacted by Reuters.",
]


@pytest.mark.parametrize("body", FRAGMENT_FIRES)
def test_fragment_fires(body: str) -> None:
    assert len(fire(SENTENCE_FRAGMENT, body + "\n")) == 1, body


@pytest.mark.parametrize("body", FRAGMENT_SILENT)
def test_fragment_silent(body: str) -> None:
    assert fire(SENTENCE_FRAGMENT, body + "\n") == []


def test_stray_word_position_and_unsafe_fix() -> None:
    source = HEAD + "The allies met. concentration.\n"
    (v,) = run_rule(SENTENCE_FRAGMENT, read_article(source))
    assert (v.line, v.column, v.end_column) == (3, 17, 31)
    assert v.fix is not None and not v.fix.safe
    assert apply_fix(source, v) == HEAD + "The allies met.\n"


# --------------------------------------------------------------------- TX002

TRUNCATED_FIRES = [
    "Create a free account to continue reading and get access to",
    "The house will be turned into a police station, the minister said on",
    "Coloque nos seus favoritos e venha sempre conferir a",
    "The company confirmed the layoffs, and the workers,",
    'McKinley said that "$53 million',
    "Although Hitler was born in Braunau in 1889, Austria argued for\n\ndecades afterwards.",
    "The company, facing losses, confirmed\n\non Monday that it had been contacted.",
]
TRUNCATED_SILENT = [
    "New tools",
    "Meal Prep Menu for Eating Plan A",
    "Challenges that need to be performed within a week, even after the game is over",
    "Pinpoint what your current business focus should be",
    "— Arvind Kejriwal (@ArvindKejriwal) November 1, 2019",
    "We are distributing 50 lakh masks today pic.twitter.com/MYwRz9euaq",
    "(Image credit: All About Space)",
    "I saw a lot of people wasting a lot of time. 🙂",
    'Use code "50OFF699" to get it at Dell for $799.99',
    "Get your branding in place: when it comes to\n\nbuilding your brand, decide your name and"
    "\n\ntagline, select your colors.",
    "She said: “This is a long quote that\n\n“goes on here.”",
]


@pytest.mark.parametrize("body", TRUNCATED_FIRES)
def test_truncated_fires(body: str) -> None:
    found = fire(TRUNCATED, body + "\n")
    assert [v.line for v in found] == [3], body


@pytest.mark.parametrize("body", TRUNCATED_SILENT)
def test_truncated_silent(body: str) -> None:
    assert [v for v in fire(TRUNCATED, body + "\n") if v.line == 3] == []


# --------------------------------------------------------------------- TX003

PARA = "The weather should ease by Thursday morning, allowing crews to restore power."


def test_duplicate_reports_second_copy_and_names_first() -> None:
    source = HEAD + f"{PARA}\n\nOfficials urged calm.\n\n{PARA}\n\nThe end.\n"
    (v,) = run_rule(DUPLICATE, read_article(source))
    assert v.line == 7 and "line 3" in v.message
    assert v.fix is not None and v.fix.safe
    assert apply_fix(source, v) == HEAD + f"{PARA}\n\nOfficials urged calm.\n\nThe end.\n"


def test_duplicate_last_paragraph_fix_leaves_no_blank_lines() -> None:
    source = HEAD + f"{PARA}\n\n{PARA}\n"
    (v,) = run_rule(DUPLICATE, read_article(source))
    assert apply_fix(source, v) == HEAD + f"{PARA}\n"


def test_duplicate_differing_in_spacing_is_unsafe() -> None:
    source = HEAD + f"{PARA}\n\n{PARA.replace(' ', '  ', 1)}\n"
    (v,) = run_rule(DUPLICATE, read_article(source))
    assert v.fix is not None and not v.fix.safe


def test_duplicate_ignores_short_lines() -> None:
    assert fire(DUPLICATE, "Also at Walmart\n\nDeals.\n\nAlso at Walmart\n") == []
    assert fire(DUPLICATE, f"{PARA}\n\n{PARA}\n", **{"min-words": 50}) == []


# --------------------------------------------------------------------- TX004


def test_mojibake_fix_replaces_only_damaged_spans() -> None:
    source = HEAD + "Russiaâ€™s ministry said Washingtonâ€™s move was wrong.\n"
    (v,) = run_rule(MOJIBAKE, read_article(source))
    assert v.fix is not None and v.fix.safe and len(v.fix.edits) == 2
    assert apply_fix(source, v) == HEAD + "Russia’s ministry said Washington’s move was wrong.\n"
    assert (v.line, v.column) == (3, 7)


@pytest.mark.parametrize(
    "body",
    [
        "SÃO PAULO — Brazil’s economy grew.",
        "ESPAÑA won the final.",
        "Âge and Ðorđe are names.",
        "Plain ASCII text.",
        "Что вас вдохновило на создание кулинарной страницы?",
    ],
)
def test_mojibake_silent(body: str) -> None:
    assert fire(MOJIBAKE, body + "\n") == []


def test_mojibake_in_cyrillic_and_headline() -> None:
    source = "Whatâ€™s new\n\nÐ¯ Ð»ÑŽÐ±Ð»ÑŽ Ð³Ð¾Ñ‚Ð¾Ð²Ð¸Ñ‚ÑŒ.\n"
    found = run_rule(MOJIBAKE, read_article(source))
    assert [v.line for v in found] == [1, 3]


def _difflib_blocks(a: str, b: str) -> list[tuple[int, int, int]]:
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return [tuple(m) for m in matcher.get_matching_blocks()]


def _align_cases(seed: int, n: int) -> Iterator[tuple[str, str]]:
    """Random pairs: tiny alphabets (ties, short blocks), repetitive texts, mojibake."""
    import ftfy

    rng = random.Random(seed)
    prose = (
        "The ministry said Washington’s move was “wrong” — and Müller agreed. "
        "Я люблю готовить блюда самых разных кухонь, as the chef put it. "
    ) * 3
    for _ in range(n):
        kind = rng.randrange(3)
        if kind == 0:
            alphabet = rng.choice(["ab", "abc", "a b", "abcd ", "xyÃ©"])
            a = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 90)))
            b = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 90)))
        elif kind == 1:
            unit = "".join(rng.choice("ab ") for _ in range(rng.randint(1, 9)))
            a = (unit * 60)[: rng.randint(0, 400)]
            chars = list(a)
            for _ in range(rng.randint(0, 6)):
                at = rng.randint(0, len(chars))
                chars[at : at + rng.randint(0, 3)] = rng.choice(["", "é", "ab", "Ã©", " "])
            b = "".join(chars)
        else:
            start = rng.randrange(len(prose) // 2)
            good = prose[start : start + rng.randint(0, 300)]
            damaged = good.encode("utf-8").decode("cp1252", "replace")
            cut = rng.randint(0, len(good))
            a = damaged[:cut] + good[cut:] if rng.random() < 0.5 else damaged
            b = ftfy.fix_encoding(a)
        yield (a, b) if rng.random() < 0.5 else (b, a)


@pytest.mark.parametrize("seed", range(4))
def test_align_matches_difflib(seed: int) -> None:
    for a, b in _align_cases(seed, 150):
        expected = _difflib_blocks(a, b)
        assert matching_blocks(a, b) == expected, (a, b)
        opcodes = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
        assert changed_ranges(a, b) == [op[1:] for op in opcodes if op[0] != "equal"]


def _few_common_cases(seed: int, n: int) -> Iterator[tuple[str, str]]:
    """Pairs sharing a few characters in short runs: non-Latin mojibake and
    its repair, random texts mixing a small shared alphabet with private ones."""
    import ftfy

    rng = random.Random(seed)
    words = [
        *("Я", "люблю", "готовить", "блюда", "самых", "разных", "кухонь"),
        *("Καλημέρα", "κόσμε", "東京で会いましょう", "مرحبا", "بالعالم", "שלום", "עולם"),
    ]
    for _ in range(n):
        if rng.random() < 0.3:
            good = " ".join(rng.choice(words) for _ in range(rng.randint(1, 20)))
            good += rng.choice(["", ".", "!", ", 2018", " — ok"])
            a = good.encode("utf-8").decode(rng.choice(["cp1252", "latin-1"]), "replace")
            b = ftfy.fix_encoding(a)
        else:
            shared = rng.sample(" ,.!-ab1", rng.randint(1, 6))
            own_a = rng.sample("ÐÑ€ŸžÂÃxyzqwvk", rng.randint(1, 8))
            own_b = rng.sample("абвгдеёжзийк", rng.randint(1, 8))
            p = rng.random()
            a = "".join(
                rng.choice(shared) if rng.random() < p else rng.choice(own_a)
                for _ in range(rng.randint(0, 100))
            )
            b = "".join(
                rng.choice(shared) if rng.random() < p else rng.choice(own_b)
                for _ in range(rng.randint(0, 100))
            )
        yield (a, b) if rng.random() < 0.5 else (b, a)


@pytest.mark.parametrize("seed", range(3))
def test_align_gram_index_matches_difflib(seed: int) -> None:
    indexed = 0
    for a, b in _few_common_cases(seed, 700):
        common = set(a) & set(b)
        indexed += bool(common) and _GramIndex.build(a, b, common) is not None
        assert matching_blocks(a, b) == _difflib_blocks(a, b), (a, b)
    assert indexed > 300  # the index answered most of them


def test_align_long_blocks_and_ties() -> None:
    text = "Saturn’s moon Titan has vast plains and dunes of frozen hydrocarbons. " * 4
    for a, b in [
        (text, text),
        ("", text),
        (text.encode("utf-8").decode("cp1252"), text),
        (text[:150] + "Ã©" + text[150:], text),
        ("ab" * 50, "ba" * 50),
    ]:
        assert matching_blocks(a, b) == _difflib_blocks(a, b)


# --------------------------------------------------------------------- TX005


def test_html_entities_decoded_and_tags_deleted() -> None:
    source = HEAD + "Swift&nbsp;won &amp; left. <p>Read on.</p>\n"
    found = run_rule(HTML_LEFTOVER, read_article(source))
    assert len(found) == 4 and all(v.fix is not None and v.fix.safe for v in found)
    out = source
    for v in sorted(found, key=lambda v: v.column, reverse=True):
        out = apply_fix(out, v)
    assert out == HEAD + "Swift\u00a0won & left. Read on.\n"


@pytest.mark.parametrize(
    "body",
    ["If a < b and c > d, stop.", "I <3 this.", "Mail <name@example.com> now.", "R&D; costs."],
)
def test_html_silent(body: str) -> None:
    assert fire(HTML_LEFTOVER, body + "\n") == []


# --------------------------------------------------------------------- TX006/TX007


@pytest.mark.parametrize(
    ("body", "fires"),
    [
        ("Revenue was $XX million.", True),
        ("The mayor, [INSERT NAME], spoke.", True),
        ("TKTK", True),
        ("Lorem ipsum dolor sit amet.", True),
        ("Die TK-Safe App der Techniker Krankenkasse (TK) startet.", False),
        ("Super Bowl XX was played in 1986.", False),
    ],
)
def test_placeholder(body: str, fires: bool) -> None:
    assert bool(fire(PLACEHOLDER, body + "\n")) is fires


def test_placeholder_hint_matches_where_the_plain_alternation_does() -> None:
    plain = re.compile(r"T[Kk]|XX|\[|[Ll]orem|LOREM")
    rng = random.Random(0)
    pieces = ["T", "K", "k", "X", "[", "L", "l", "orem", "OREM", "o", " ", "x", "é"]
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        assert bool(plain.search(text)) is _placeholder_hint(text), text


@pytest.mark.parametrize(
    ("body", "fires"),
    [
        ("The the minister spoke.", True),
        ("He went to to the shop.", True),
        ("He had had enough.", False),
        ("She said that that was wrong.", False),
        ("Walla Walla is a city.", False),
        ("Die die Daten speichern.", False),
    ],
)
def test_repeated_word(body: str, fires: bool) -> None:
    found = fire(REPEATED, body + "\n")
    assert bool(found) is fires
    if fires:
        source = HEAD + body + "\n"
        assert apply_fix(source, found[0]).count(" to to ") == 0


@pytest.mark.parametrize(
    ("body", "words", "count"),
    [
        ("Über “the the” — İts its end. Aba aba and a a.", ["the", "its", "a", "aba"], 4),
        ("Mixed case: THE the, and a\ta.", ["the", "a"], 2),
        ("New York New York is a song; so so.", ["new york", "so"], 2),
        ("Nothing doubled here, only banana apples.", ["a", "the"], 0),
    ],
)
def test_repeated_word_lists(body: str, words: list[str], count: int) -> None:
    assert len(fire(REPEATED, body + "\n", words=words)) == count


@pytest.mark.parametrize("seed", range(3))
def test_needle_occurrences_answer_like_find(seed: int) -> None:
    """Any span holds an occurrence iff it holds one of the doubled words."""
    rng = random.Random(seed)
    for _ in range(2000):
        words = tuple(rng.choice(["a", "an", "ba", "aba", "é", "a*", "?", "a a"]) for _ in range(3))
        text = "".join(rng.choice(["a", " ", "n", "b", "é", "*", "?", "ab"]) for _ in range(30))
        found = _needle_occurrences(text, words)
        assert found == sorted(found)
        for _ in range(5):
            i = rng.randint(0, len(text))
            j = rng.randint(i, len(text))
            held = any(f"{w} {w}" in text[i:j] for w in words)
            assert held == any(i <= s and e <= j for s, e in found), (words, text, i, j)


def test_every_rule_documents_itself() -> None:
    for rule in RULES:
        doc = rule.documentation()
        assert "## Example" in doc and rule.bad_example and rule.good_example, rule.code
        assert rule.fixable == bool(rule.fix_safety), rule.code


# --------------------------------------------------------------------- the sample


@pytest.mark.skipif(not SAMPLE.exists(), reason="../shared (sample article) not present")
def test_sample_article_hygiene() -> None:
    article = read_article(SAMPLE.read_text(encoding="utf-8"))
    found = [v for rule in RULES for v in run_rule(rule, article)]
    fragment = [v for v in found if v.code == "TX001"]
    assert [(v.line, v.column) for v in fragment] == [(10, 255)]
    assert article.source.splitlines()[9][254:] == "concentration."
    lines = {v.line for v in found}
    assert not lines & {5, 8, 16, 24, 28, 40, 46, 48}
    # the paywall prompts on 14 and 44 are cut off (and 44 repeats 14)
    assert {(v.code, v.line) for v in found} == {
        ("TX001", 10),
        ("TX002", 14),
        ("TX002", 44),
        ("TX003", 44),
    }


# --------------------------------------------------------------------- the corpus

CATEGORY = {
    "QT001": "orphaned-quote",
    "QT002": "unbalanced-quotes",
    "TX001": "sentence-fragment",
    "TX002": "truncated-paragraph",
    "TX003": "duplicate-paragraph",
    "TX004": "mojibake",
    "TX005": "html-leftover",
}
#: Lines of the real corpus that are genuinely damaged but missing from
#: known_issues.json: f5c90a6d splits one sentence over two paragraphs
#: ("... before an English crowd" / "that’s hissing and calling ...").
EXTRA_KNOWN = {("f5c90a6d", 45), ("f5c90a6d", 47)}
#: Cuts that end on a content word after which a sentence could end ("the
#: key", "a European Space"): indistinguishable from the unpunctuated list and
#: table lines real copy has, so truncated-paragraph recall is held to 90%.
RECALL_FLOOR = {"truncated-paragraph": 0.9}


def _violations(path: Path) -> list:
    rules = [r for r in (*RULES, *QT_RULES) if r.enabled_by_default]
    active = [ActiveRule(r, r.default_options(), r.severity) for r in rules]
    text = path.read_text(encoding="utf-8")
    article = lintnews_read_article(str(path), text, FORMATS.get(path.suffix, "text"), None)
    result = check_article(article, active, str(path))
    assert not result.errors, result.errors
    return result.violations


@pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus not present beside the repo")
def test_no_false_positives_on_real_articles() -> None:
    known = collections.defaultdict(list)
    for k in json.loads((CORPUS / "real" / "known_issues.json").read_text("utf-8")):
        known[k["file"]].append(k)
    false = []
    for path in sorted((CORPUS / "real").glob("*.txt")):
        for v in _violations(path):
            cat = CATEGORY.get(v.code, v.code)
            if (path.name[:8], v.line) in EXTRA_KNOWN or any(
                k["line"] <= v.line <= k["end_line"]
                and (cat in k["categories"] or "*" in k["categories"])
                for k in known[path.name]
            ):
                continue
            false.append(f"{path.name[:8]}:{v.line} {v.code} {v.message}")
    assert false == []


@pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus not present beside the repo")
def test_recall_on_seeded_articles() -> None:
    labels = json.loads((CORPUS / "seeded" / "labels.json").read_text("utf-8"))
    by_file = collections.defaultdict(list)
    for label in labels:
        if label["category"] in CATEGORY.values():
            by_file[label["file"]].append(label)
    found: collections.Counter[str] = collections.Counter()
    total: collections.Counter[str] = collections.Counter()
    missed = []
    for name, file_labels in sorted(by_file.items()):
        violations = _violations(CORPUS / "seeded" / name)
        for label in file_labels:
            lines = set(range(label["line"], (label.get("end_line") or label["line"]) + 1))
            lines |= set(label.get("alt_lines") or [])
            hit = any(
                CATEGORY.get(v.code) == label["category"]
                and any(v.line <= x <= max(v.end_line, v.line) for x in lines)
                for v in violations
            )
            total[label["category"]] += 1
            found[label["category"]] += hit
            if not hit:
                missed.append(f"{name[:8]}:{label['line']} {label['category']}")
    for category, n in total.items():
        assert found[category] / n >= RECALL_FLOOR.get(category, 1.0), (category, missed)
