"""QT rules: must-fire / must-not-fire tables, positions, fixes, the sample."""

from __future__ import annotations

from pathlib import Path

import pytest
from _rulecheck import HEAD, apply_fix, fire
from lintnews.plugins.quotes.rules import MIXED, ORPHANED, UNATTRIBUTED, UNBALANCED
from lintnews.plugins.quotes.scan import scan_quotes

from lintnews.testing import read_article, run_rule

SAMPLE = Path(__file__).resolve().parents[2] / "shared" / "samples" / "scraped-article.txt"

ORPHANED_FIRES = [
    "said Daniel Russell, who served as Obama’s chief US diplomat for Asia.",
    "says the letter signed by seven physicians.",
    "explains team leader Jennifer Ngo-Anh. “We could reduce the metabolic rate.”",
    "he added.",
    "it added.",
    "Hamilton said.",
    "Raab told the BBC.",
    "Heyward said, via Brian Batko of the Pittsburgh Post-Gazette. “We didn’t play well.”",
    "according to a spokesman for the ministry.",
    "”",
    "” said the minister.",
    "the spokesperson said.",
    "an officer told the girl. “We got her.”",
    "Nair told reporters:",
]
ORPHANED_SILENT = [
    "Williams said the phone call was unusual and inappropriate.",
    "Hamilton said the plan would fail because nobody funded it.",
    "He added: “We will be back next year.”",
    "“We are ready,” she said.",
    "According to the ministry, the talks will resume in March.",
    "Correction added Nov. 18, 2019: The caption misidentified the building.",
    "iPhone sales rose 5% in the quarter.",
    "corso Monforte, 15, Milan",
    "He agreed.",
    "posts from readers are moderated.",
    "the spokesperson said the plan would be reviewed because it was late.",
    "the committee noted in its report that costs had doubled.",
    "Nair told reporters:\n\n“We will not raise taxes,” she said.",
    "Trump tweeted:\n\nThe media is at it again.",
    "The minister said:\n\n- taxes will not rise\n- the budget is due in March",
]


@pytest.mark.parametrize("body", ORPHANED_FIRES)
def test_orphaned_fires(body: str) -> None:
    text = "The talks ended on Friday.\n\n" + body + "\n"
    found = fire(ORPHANED, text)
    assert [v.line for v in found] == [5], body


@pytest.mark.parametrize("body", ORPHANED_SILENT)
def test_orphaned_silent(body: str) -> None:
    assert fire(ORPHANED, "The talks ended on Friday.\n\n" + body + "\n") == []


def test_orphaned_fix_is_unsafe_paragraph_deletion() -> None:
    source = HEAD + "One.\n\nsaid Jane Doe, a lawyer.\n"
    (v,) = run_rule(ORPHANED, read_article(source))
    assert v.fix is not None and not v.fix.safe
    assert "said Jane" not in apply_fix(source, v)


UNBALANCED_FIRES = [
    "Malaska asked, “Could it live in Titan deep in the crust?\n\nScientists are unsure.",
    '"The house should send a signal, the minister said in the statement.',
    "Within Delhi, “If one steps back, the largest contributor is fuel, Prakash said.",
    "The app „Vivy wurde 2018 vorgestellt.",
    "Le ministre a parlé de « réforme nécessaire.",
]
UNBALANCED_SILENT = [
    "“We are ready,” she said.",
    '"Fort Worth P.D. Open the door!” an officer shouts.',
    "She said: “This is the first paragraph of a long quote.\n\n“And this ends it.”",
    "Japan’s rock ’n’ roll scene of the ’90s, she said.",
    'The deal covers a 65" LG TV and a 5\'10" stand.',
    'Use code "50OFF699" at checkout.',
    "Die App „Vivy“ wurde vorgestellt.",
    "Le ministre a parlé de « réforme » hier.",
    "Er sagte »Nein« und ging.",
    "彼は「はい」と言った。",
    "“It was an attempt to mislead voters,’’ Will Moy told the BBC.",
    "Another said: ”Bird flu in the year of the rooster, the plague is coming.”",
    "The title was “Make your Arrangements” and it sold well.",
]


@pytest.mark.parametrize("body", UNBALANCED_FIRES)
def test_unbalanced_fires(body: str) -> None:
    found = fire(UNBALANCED, body + "\n")
    assert len(found) == 1 and found[0].line == 3, body


@pytest.mark.parametrize("body", UNBALANCED_SILENT)
def test_unbalanced_silent(body: str) -> None:
    assert fire(UNBALANCED, body + "\n") == []


def test_unbalanced_points_at_the_opening_mark() -> None:
    (v,) = fire(UNBALANCED, "He said, “we will win and then left.\n")
    assert (v.line, v.column, v.end_column) == (3, 10, 11)


def test_scan_pairs_nested_and_reports_unclosed() -> None:
    scan = scan_quotes('“He said "no" to me,” she said, “and then')
    assert [m for _, m in scan.unclosed] == ["“"]
    assert scan.marks == 5


def test_unattributed_and_mixed_are_opt_in() -> None:
    assert not UNATTRIBUTED.enabled_by_default and not MIXED.enabled_by_default
    body = (
        "The council met.\n\n“We will not raise taxes this year, whatever happens next.”\n\n"
        "The budget is due.\n"
    )
    assert [v.line for v in fire(UNATTRIBUTED, body)] == [5]
    assert fire(UNATTRIBUTED, body.replace("next.”", "next,” the mayor said.")) == []
    mixed = fire(MIXED, '“One,” she said.\n\n“Two,” he said.\n\n"Three," they said.\n')
    assert [v.line for v in mixed] == [7]


@pytest.mark.skipif(not SAMPLE.exists(), reason="../shared (sample article) not present")
def test_sample_article_quotes() -> None:
    article = read_article(SAMPLE.read_text(encoding="utf-8"))
    found = run_rule(ORPHANED, article) + run_rule(UNBALANCED, article)
    assert [(v.code, v.line, v.column) for v in found] == [("QT001", 22, 1)]


def test_every_rule_documents_itself() -> None:
    for rule in (ORPHANED, UNBALANCED, UNATTRIBUTED, MIXED):
        doc = rule.documentation()
        assert "## Example" in doc and rule.bad_example and rule.good_example
        for name, opt in rule.options.items():
            assert opt.doc, name
