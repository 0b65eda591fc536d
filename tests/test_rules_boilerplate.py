"""PW rules: must-fire / must-not-fire tables, fixes, options, the sample, the corpus."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from lintnews.plugins.boilerplate import RULES

from lintnews.testing import read_article, run_rule
from lintnews.violations import Violation

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLE = SHARED / "samples" / "scraped-article.txt"
BY_CODE = {r.code: r for r in RULES}
HEAD = "Japan and U.S. vow to collaborate more on defence\n\n"
LEDE = "TOKYO (Reuters) - The ministers met on Friday, officials said.\n\n"
TAIL = "\n\nThe statement followed a virtual meeting of the four ministers.\n"


def pw(text: str) -> list[Violation]:
    """PW violations of a one-line paragraph placed between two paragraphs of copy."""
    art = read_article(HEAD + LEDE + text + TAIL)
    return [v for rule in RULES for v in run_rule(rule, art)]


def apply(source: str, v: Violation) -> str:
    assert v.fix is not None
    for e in sorted(v.fix.edits, key=lambda e: e.span.start, reverse=True):
        source = source[: e.span.start] + e.replacement + source[e.span.end :]
    return source


# Each kind: prompts in wordings that are *not* in the phrase lists are part of the
# table on purpose, so the shape-based detector (PW010) is tested too.
MUST_FIRE = {
    "PW001": [
        "Register now to get free unlimited access to",
        "Subscribe to continue reading",
        "To continue reading, please log in or create a free account.",
        "You've reached your limit of free articles. Subscribe for full access.",
        "Support independent journalism - become a member today.",
        # the corpus's other languages and locked-story labels
        "Jetzt abonnieren und weiterlesen",
        "Exclusive for subscribers",
    ],
    "PW002": [
        "Sign up for our newsletter",
        "Get the latest headlines sent straight to your inbox every morning",
        "Suscríbete a nuestro boletín",
    ],
    "PW003": [
        "Share this story on Facebook",
        "Want more stories like this? Follow us on Facebook.",
        "Facebook Twitter WhatsApp Email",
        "Partager sur Facebook",
        "Follow @examplenews",
        "Gift this article",
    ],
    "PW004": [
        "Advertisement",
        "- ADVERTISEMENT -",
        "Story continues below advertisement",
        "Anzeige",
        "Ads by Google",
    ],
    "PW005": [
        "READ MORE: Japan and U.S. vow to cooperate",
        "Related stories",
        "Baca juga: Harga minyak naik lagi",
        "You might be interested in",
        "Popular on Example News",
    ],
    "PW006": [
        "We use cookies to improve your experience on our site.",
        "We and our partners use cookies to personalise ads.",
        "Ce site utilise des cookies.",
        "Do Not Sell My Personal Information",
    ],
    "PW007": [
        "Our Standards: Thomson Reuters Trust Principles.",
        "This article was originally published on The Conversation.",
        "Reprinted with permission from the Daily Star.",
        "Copyright 2019 The Associated Press. All rights reserved.",
        "Todos los derechos reservados.",
        "The views expressed are those of the author and not of Example News.",
        "(Reporting by Jane Doe; Editing by John Smith) Our Standards:",
    ],
    "PW009": ["Written by publishing team", "Posted by admin", "By Web Desk"],
    "PW011": [
        "Skip to main content",
        "Home | World | Business | Opinion",
        "Home › Tech › Europe",
        "Menu Search Sign in",
        "Back to top",
        "Download the Example News app",
        "What do you think? Let us know in the comments.",
        "Available on the App Store and Google Play",
        "Laisser un commentaire",
    ],
    "PW010": [
        "Liked this story? Share it with a friend.",
        "Want to keep reading? Start your 14-day trial",
        "Join 50,000 readers who get our morning email",
        "Members get ad-free access to all our reporting. Join now",
        "Keep up with the latest news: get alerts on your phone",
        "Don't miss a story: sign up for The Daily Brief",
        "This article is available to premium members. Upgrade your plan to continue",
        "Want unlimited access to our reporting? Subscribe for",
        "Our journalism relies on your support. Contribute today.",
        "Subscribe for less than 50 cents a day",
        "Stay up to date with our free newsletter",
        "Become a member and support",
        "Cet article est réservé aux abonnés.",
    ],
}

MUST_NOT_FIRE = [
    # copy *about* paywalls and newsletters
    "The Times introduced a metered paywall in 2011, letting readers view 20 free articles "
    "a month before asking them to subscribe.",
    "“Subscribe to continue reading” messages annoyed many readers, the survey found.",
    "Many newspapers now ask readers to subscribe to continue reading.",
    "Readers can sign up for the newsletter on the council's website.",
    "Subscribers will get access to the full archive from next month, the company announced.",
    "Users must create an account and verify their email before posting.",
    # credit lines and bylines of real people
    "Additional reporting by David Bronstrom, Go Min Park; Editing by David Dolan",
    "By Reuters Staff",
    "By Kiyoshi Takenaka",
    "STAFF",
    # deals copy, ordinary sentences that start like a marker
    "Sign up for a Hulu ad-free account for $11.99 a month",
    "Get 4 Months of Amazon Music Unlimited for $1",
    "Advertising revenue fell 12% in the quarter.",
    "More than 200 people were evacuated.",
    "Related party transactions rose sharply.",
    "Share prices rose on Monday.",
    "Follow the money, investigators say.",
    "Watch the skies tonight for the meteor shower.",
    "He paused to continue reading the statement aloud.",
    "Cases first appeared in West Michigan at the end of August.",
    "This article was reprinted on Wired.com.",
    # lines that look like site chrome but are copy
    "29 November 2018 | 20 January 2019",
    "Milan Design Week 2018 | Michael Anastassiades’ light installation for FLOS",
    "The search continued overnight.",
    "Next, the committee will vote.",
    "Home is where the heart is.",
    # news copy with the vocabulary of prompts (wave 4 line bank's kinds)
    "Get Dashlane Password Manager for Free (Upgrade to Premium for $4.99/mo)",
    "Originally published in 1851, the novel sold poorly.",
    "Licensed under pressure, the drug was withdrawn a year later.",
    "Get the app right and the customers will come, he said.",
    "Jenkins urged viewers to subscribe to his channel before the ban.",
    "You can register to vote online or by post.",
    "Join the discussion, the chair urged MPs.",
    "Les cookies publicitaires sont dans le viseur de la CNIL.",
    "Die Zeitung hat inzwischen mehr als 100.000 Abonnenten.",
    "Sponsored by the state, the programme trains 5,000 nurses a year.",
    "Latest figures show inflation at 3.2%.",
    "Mit Material von dpa und AFP",
    "Reporting by Ana Ruiz; Writing by Tom Achebe; Editing by Raj Patel",
]


@pytest.mark.parametrize(
    ("code", "text"), [(c, t) for c, texts in MUST_FIRE.items() for t in texts]
)
def test_must_fire(code: str, text: str) -> None:
    found = pw(text)
    assert [v.code for v in found] == [code], found
    assert found[0].line == 5


@pytest.mark.parametrize("text", MUST_NOT_FIRE)
def test_must_not_fire(text: str) -> None:
    assert pw(text) == []


def test_every_rule_has_fire_examples_or_a_special_test() -> None:
    assert set(BY_CODE) - set(MUST_FIRE) == {"PW008"}, "PW008 has its own tests"


@pytest.mark.parametrize(
    ("name", "hints"), [("cookie", "COOKIE_HINTS"), ("syndication", "FOOTER_HINTS")]
)
def test_hint_words_cover_every_builtin_phrase_and_scanned_pattern(name: str, hints: str) -> None:
    """PW006/PW007 skip lines holding none of their hint words: every built-in phrase,
    and every pattern those rules scan for anywhere in a line, must hold one."""
    from lintnews.plugins.boilerplate import phrases, rules

    words = getattr(rules, hints)
    data = phrases.load(name)
    scanned = [p for p in data.patterns if not p.startswith("^")] if name == "syndication" else []
    if name == "cookie":
        scanned = list(data.patterns)
    for text in list(data.phrases) + scanned:
        low = text.lower().replace("\\", "")
        assert any(h in low for h in words), text


def test_hint_shortcuts_are_off_with_user_phrases() -> None:
    art = read_article(HEAD + LEDE + "Mind the biscuit jar" + TAIL)
    assert run_rule(BY_CODE["PW006"], art, **{"extend-phrases": ["biscuit jar"]})
    assert run_rule(BY_CODE["PW007"], art, **{"extend-phrases": ["biscuit jar"]})


def test_phrase_fix_deletes_the_paragraph_and_one_separator() -> None:
    source = HEAD + LEDE + "Register now to get free unlimited access to" + TAIL
    (v,) = run_rule(BY_CODE["PW001"], read_article(source))
    assert v.fix is not None and v.fix.safe
    assert apply(source, v) == HEAD + LEDE.rstrip("\n") + TAIL


def test_byline_fix_keeps_the_line_above() -> None:
    source = HEAD + "Japan and U.S. vow\nWritten by publishing team" + TAIL
    (v,) = run_rule(BY_CODE["PW009"], read_article(source))
    assert apply(source, v) == HEAD + "Japan and U.S. vow" + TAIL


def test_shape_guess_fix_is_unsafe() -> None:
    (v,) = pw("Liked this story? Share it with a friend.")
    assert v.fix is not None and not v.fix.safe


def test_author_box_empty_and_filled() -> None:
    body = HEAD + LEDE + "Editing by David Dolan\n\nAbout the author\n\npublishing team\n"
    (v,) = run_rule(BY_CODE["PW008"], read_article(body))
    assert (v.line, v.end_line) == (7, 9) and "Empty" in v.message
    assert v.fix is not None and v.fix.safe
    assert apply(body, v) == HEAD + LEDE + "Editing by David Dolan\n"
    filled = HEAD + LEDE + "About the Author\n\nJane Doe covers trade for the paper.\n"
    (v,) = run_rule(BY_CODE["PW008"], read_article(filled))
    assert v.fix is not None and not v.fix.safe
    # a section that happens to be called so, with the story going on after it
    long_tail = HEAD + "About the author\n\n" + "\n\n".join(["More copy here."] * 6) + "\n"
    assert run_rule(BY_CODE["PW008"], read_article(long_tail)) == []


def test_options_extend_and_replace_phrases() -> None:
    source = HEAD + LEDE + "Become a Gazette insider now" + TAIL
    rule = BY_CODE["PW001"]
    assert run_rule(rule, read_article(source)) == []
    assert len(run_rule(rule, read_article(source), **{"extend-phrases": ["gazette insider"]})) == 1
    replaced = HEAD + LEDE + "Subscribe to continue reading" + TAIL
    assert run_rule(rule, read_article(replaced), phrases=["gazette insider"]) == []


def test_documentation_examples() -> None:
    for rule in RULES:
        doc = rule.documentation()
        assert rule.summary and rule.explanation
        assert rule.fix_safety or not rule.fixable
        assert "## Example" in doc and "## Use instead" in doc
        bad = run_rule(rule, read_article(HEAD + rule.bad_example))
        good = run_rule(rule, read_article(HEAD + rule.good_example))
        assert bad and not good, rule.code


@pytest.mark.skipif(not SAMPLE.exists(), reason="../shared (the motivating sample) is absent")
def test_sample_article() -> None:
    art = read_article(SAMPLE.read_text(encoding="utf-8"))
    found = [v for rule in RULES for v in run_rule(rule, art)]
    lines = {line for v in found for line in range(v.line, v.end_line + 1)}
    assert {6, 14, 44, 48, 51, 52, 53} <= lines
    assert not lines & {8, 16, 24, 28, 40, 46}
    assert any(v.line == 51 and v.end_line == 53 for v in found)


def _corpus_violations(path: Path, prefixes: tuple[str, ...]) -> list[Violation]:
    from lintnews.checking import ActiveRule, check_article
    from lintnews.manager import PluginRegistry
    from lintnews.readers import FORMATS, lintnews_read_article

    reg = _corpus_violations.__dict__.setdefault("reg", PluginRegistry())
    rules = [
        ActiveRule(r, r.default_options(), r.severity)
        for r in reg.rules.values()
        if r.prefix in prefixes and not r.is_run_level and r.enabled_by_default
    ]
    fmt = FORMATS.get(path.suffix, "text")
    art = lintnews_read_article(str(path), path.read_text(encoding="utf-8"), fmt, None)
    return check_article(art, rules, str(path)).violations


CORPUS = SHARED / "corpus"


@pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus is absent (not in this checkout)")
def test_corpus_recall_and_precision() -> None:
    """100% HL001/PW recall on seeded/, no HL/PW violation on real/ outside known issues."""
    known = json.loads((CORPUS / "real" / "known_issues.json").read_text())
    false_positives = []
    for path in sorted((CORPUS / "real").glob("*.txt")):
        for v in _corpus_violations(path, ("HL", "PW")):
            cat = "duplicate-headline" if v.code == "HL001" else "boilerplate"
            exempt = any(
                k["file"] == path.name
                and k["line"] <= v.line <= k["end_line"]
                and (cat in k["categories"] or "*" in k["categories"])
                for k in known
            )
            if not exempt:
                false_positives.append((path.name, v.line, v.code))
    assert false_positives == []

    labels = json.loads((CORPUS / "seeded" / "labels.json").read_text())
    cache: dict[str, list[Violation]] = {}
    missed = []
    for label in labels:
        cat = label["category"]
        if cat not in ("duplicate-headline", "boilerplate"):
            continue
        path = CORPUS / "seeded" / label["file"]
        if label["file"] not in cache:
            cache[label["file"]] = _corpus_violations(path, ("HL", "PW"))
        wanted = set(range(label["line"], label["end_line"] + 1)) | set(
            label.get("alt_lines") or ()
        )
        ok = any(
            (v.code == "HL001" if cat == "duplicate-headline" else v.code.startswith("PW"))
            and any(v.line <= n <= v.end_line for n in wanted)
            for v in cache[label["file"]]
        )
        if not ok:
            missed.append((label["file"], label["line"], cat))
    assert missed == []


def test_twins_are_every_letter_ignorecase_folds_to_ascii() -> None:
    """Line.hint_low trusts ``str.lower`` for hint words except on these letters."""
    import re

    from lintnews.plugins.boilerplate.lines import _TWINS

    rx = re.compile("[a-z]", re.IGNORECASE)
    found = [chr(c) for c in range(0x80, 0x110000) if rx.match(chr(c))]
    assert tuple(found) == _TWINS


@pytest.mark.parametrize(
    "text",
    ["This story is for subscribers only", "This content is for subscribers only",
     "This article is free for subscribers until midnight"],
)  # fmt: skip
def test_self_cue_pre_test_holds_for_twin_letters(text: str) -> None:
    """PW010's lowered pre-test for a self-reference ("this story") must not veto a
    line the case-insensitive regex matches through a twin letter ("Thıs story"):
    each twin spelling of the cue is flagged as the ASCII line is."""
    ascii_codes = [v.code for v in pw(text)]
    assert "PW010" in ascii_codes
    for spelling in ("Th\u0131s", "Thi\u017f", "TH\u0130S"):  # ı, ſ, İ
        source = text.replace("This", spelling)
        assert [v.code for v in pw(source)] == ascii_codes, source


@pytest.mark.parametrize(
    "text",
    ["Tell a friend about it", "Thank YOU for it", "Merci à vous", "ſee what yOU think",
     "The government voted", "Nobody came", "Kelvin \u212aeeps yours"],
)  # fmt: skip
def test_reader_address_shortcut_matches_the_full_scan(text: str) -> None:
    from lintnews.plugins.boilerplate.lines import iter_lines
    from lintnews.plugins.boilerplate.shape import has_reader_address

    art = read_article(HEAD + LEDE + text + TAIL)
    (line,) = [ln for ln in iter_lines(art) if ln.text == text]
    assert line.addressed == has_reader_address(text)


def _sre_parse() -> Any:
    """The regex parser module: ``re._parser`` from 3.11, ``sre_parse`` on 3.10."""
    try:
        import re._parser as sp  # type: ignore[import-not-found]
    except ImportError:  # Python 3.10
        import sre_parse as sp
    return sp


def _covered(seq: list, hints: tuple[str, ...]) -> bool:
    """Does every match of the parsed regex sequence ``seq`` hold a hint (or a digit,
    hint "\\d")?  Runs of literals, optional and alternative literals are expanded into
    every string they can match; other elements are covered when all their branches
    are (a group, a repeat of at least one)."""
    import itertools

    c = _sre_parse()  # opcodes and categories

    def strings(el: tuple) -> set[str] | None:
        op, av = el
        if op is c.LITERAL:
            return {chr(av).lower()}
        if op is c.IN and all(o is c.LITERAL for o, _ in av):
            return {chr(v).lower() for _, v in av}
        if op is c.SUBPATTERN:
            return seq_strings(av[-1])
        if op is c.BRANCH:
            out: set[str] = set()
            for alt in av[1]:
                got = seq_strings(alt)
                if got is None:
                    return None
                out |= got
            return out
        if op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] == 0 and av[1] == 1:
            got = seq_strings(av[2])
            return None if got is None else got | {""}
        return None

    def seq_strings(s: list) -> set[str] | None:
        parts = [strings(el) for el in s]
        if any(p is None for p in parts):
            return None
        out = {"".join(t) for t in itertools.product(*parts)}  # type: ignore[arg-type]
        return out if len(out) < 20000 else None

    def element_covered(el: tuple) -> bool:
        op, av = el
        if op is c.IN and av == [(c.CATEGORY, c.CATEGORY_DIGIT)]:
            return "\\d" in hints
        if op is c.SUBPATTERN:
            return _seq(av[-1])
        if op is c.BRANCH:
            return all(_seq(alt) for alt in av[1])
        if op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1:
            return _seq(av[2])
        return False

    def _seq(s: list) -> bool:
        if any(element_covered(el) for el in s):
            return True
        # maximal runs of expandable elements: every string of a run must hold a hint
        run: list[set[str]] = []
        for el in [*s, None]:
            got = None if el is None else strings(el)
            if got is not None:
                run.append(got)
                continue
            if run:
                combos = itertools.product(*run)
                if all(any(h in "".join(t) for h in hints) for t in combos):
                    return True
            run = []
        return False

    return _seq(seq)


def test_family_hints_cover_every_family_regex() -> None:
    sp = _sre_parse()

    from lintnews.plugins.boilerplate.shape import _FAMILIES, FAMILY_HINTS

    def covered(name: str, hints: tuple[str, ...]) -> bool:
        rx = _FAMILIES[name]
        (branch,) = [el for el in sp.parse(rx.pattern, rx.flags) if el[0] is sp.BRANCH]
        return all(_covered(alt, hints) for alt in branch[1][1])

    assert set(FAMILY_HINTS) == set(_FAMILIES)
    for name, hints in FAMILY_HINTS.items():
        assert covered(name, (*hints, "\\d") if name == "offer" else hints), name
    # the checker itself: a missing hint or the digit is caught
    assert not covered("social", tuple(h for h in FAMILY_HINTS["social"] if h != "on x"))
    assert not covered("offer", FAMILY_HINTS["offer"])


@pytest.mark.parametrize("name", ["paywall", "newsletter", "share"])
def test_phrase_hints_cover_the_builtin_regex(name: str) -> None:
    """PW001-PW003 skip lines without a hint word of their list: every alternative
    of the built-in combined regex (phrases and patterns) must hold one."""
    sp = _sre_parse()

    from lintnews.plugins.boilerplate.rules import PHRASE_HINTS, _regex

    rx = _regex(name, {})
    assert rx is not None
    (branch,) = [el for el in sp.parse(rx.pattern, rx.flags) if el[0] is sp.BRANCH]
    for alt in branch[1][1]:
        assert _covered(alt, PHRASE_HINTS[name]), alt
    assert not all(_covered(alt, PHRASE_HINTS[name][1:]) for alt in branch[1][1])


def test_phrase_hints_are_off_with_user_phrases() -> None:
    art = read_article(HEAD + LEDE + "Mind the biscuit jar" + TAIL)
    for code in ("PW001", "PW002", "PW003"):
        assert run_rule(BY_CODE[code], art, **{"extend-phrases": ["mind the biscuit jar"]})
        assert run_rule(BY_CODE[code], art, phrases=["mind the biscuit jar"])


def test_line_lead_shortcut_matches_first_word_regex() -> None:
    """Line.lead tests str.isalnum() on the first character before the regex:
    ``[^\\W_]`` matches exactly the code points for which isalnum() holds."""
    import re

    first_word = re.compile(r"[^\W_]")
    for cp in range(0x110000):
        ch = chr(cp)
        assert bool(first_word.match(ch)) == ch.isalnum(), hex(cp)


def test_lines_fields_match_their_definitions() -> None:
    """Random articles (one- and many-line blocks, typographic characters): each
    line's norm, words and lead are normalize(), word_count() and the regex's."""
    import random
    import re

    from lintnews.plugins.boilerplate.lines import _paragraph_lines, iter_lines
    from lintnews.plugins.boilerplate.phrases import normalize, word_count

    first_word = re.compile(r"[^\W_]")
    pieces = [*"ab XY,'\"-_#>*1\t", "\n", "\n\n", " \n ", "\u2019", "\u201c", "\u2014"]
    pieces += ["\u00a0", "\u200b", "\u02bc", "\u00e9", "_x", "Click here", "\u3000", "\u00bd"]
    rnd = random.Random(11)
    checked = 0
    for _ in range(400):
        art = read_article("".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 80))))
        lines = list(iter_lines(art, max_chars=600))
        expected = [
            (p, s, e, i, len(ranges))
            for p in art.paragraphs
            for ranges in [_paragraph_lines(p)]
            for i, (s, e) in enumerate(ranges)
            if e - s <= 600
        ]
        assert [(x.paragraph, x.start, x.end, x.number, x.count) for x in lines] == expected
        for line in lines:
            assert line.text == line.paragraph.text[line.start : line.end]
            assert line.norm == normalize(line.text)
            assert line.words == word_count(line.norm)
            m = first_word.search(line.norm)
            assert line.lead == (m.start() if m else len(line.norm))
            checked += 1
    assert checked > 1000
