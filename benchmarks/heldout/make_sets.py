#!/usr/bin/env python3
"""Build evaluation sets shaped like score.py's held-out subsets, from DEV data only.

    python benchmarks/heldout/make_sets.py [--corpus DIR] [--out DIR] [--seed N] [--limit N]

Writes, under ``--out`` (default ``benchmarks/_work/heldout``, git-ignored),
the layout ``/work/shared/tools/score.py`` reads:

``real/``            the DEV clean articles, unchanged (+ known_issues.json)
``leftovers/``       "page text" versions of the real articles: navigation, bylines,
                     prompts, widgets and footers (bank.PROMPTS, written for this
                     benchmark, in varied case and sometimes cut off) inserted as
                     blocks among the article paragraphs, plus non-prompt leftovers
                     (captions, real bylines, time stamps).  labels.json holds one
                     entry per block: {"file", "line", "end_line", "label":
                     "article"|"leftover", "prompt", "kind", "text"}.
``extractors/``      ``<tool>__<id>.txt`` mimicking three article extractors' habits:
                     the headline repeated at the top of the body (exact, capitals,
                     with the site name, with a byline under it), prompts and widgets
                     kept between paragraphs, a paragraph repeated (pull quote).
                     labels.json: {"file", "tool", "line", "end_line", "label":
                     "article"|"duplicate-headline"|"boilerplate"|"duplicate-paragraph"|
                     "leftover", "kind", "exempt"}.
``quotes/clean/``    quote-heavy articles, unmodified: real articles with quotations
                     and synthetic ones assembled from quote and narrative banks below.
``quotes/seeded/``   the same with the quotation of some quote paragraphs deleted
                     programmatically (``“…,” X said.`` -> ``X said.``, ``“…,” said X,
                     who …`` -> ``said X, who …``, ``X said: “…”`` -> ``X said:``,
                     ``“…” according to X`` -> ``according to X``, multi-sentence
                     quotes, pronoun attributions).  labels.json: {"file", "line",
                     "end_line", "category": "orphaned-quote", "kind", "cue",
                     "quote_style", "text"}.

Labels say only what was injected or moved; the real paragraphs are labelled
"article" (with the DEV corpus's known issues carried over as ``exempt``).
Deterministic for a given ``--seed``; ``--limit`` takes the first N articles
(sorted by id) for a quick sample.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bank

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path("/work/shared/corpus")
OUT = ROOT / "benchmarks" / "_work" / "heldout"


# --------------------------------------------------------------------------- input


@dataclass
class RealArticle:
    id: str
    headline: str
    paragraphs: list[str]
    #: paragraph index -> categories exempt on it (known issues of the DEV corpus)
    exempt: dict[int, list[str]] = field(default_factory=dict)


def load_real(corpus: Path) -> list[RealArticle]:
    known: dict[str, dict[int, list[str]]] = {}
    for k in json.loads((corpus / "real" / "known_issues.json").read_text("utf-8")):
        known.setdefault(k["file"], {})[k["line"]] = list(k["categories"])
    out = []
    for path in sorted((corpus / "real").glob("*.txt")):
        lines = path.read_text("utf-8").split("\n")
        headline, paras, exempt = lines[0].strip(), [], {}
        block: list[str] = []
        start = 0
        for no, line in enumerate(lines[1:], start=2):
            if line.strip():
                if not block:
                    start = no
                block.append(line)
                continue
            if block:
                cats = known.get(path.name, {}).get(start)
                if cats:
                    exempt[len(paras)] = cats
                paras.append("\n".join(block))
                block = []
        if block:
            paras.append("\n".join(block))
        counts = Counter(paras)
        for i, p in enumerate(paras):
            if counts[p] > 1:
                exempt.setdefault(i, []).append("duplicate-paragraph")
        out.append(RealArticle(path.stem, headline, paras, exempt))
    return out


# --------------------------------------------------------------------------- writing


@dataclass
class Block:
    text: str
    label: dict | None  # None: not labelled (the headline)


def render(
    blocks: list[Block], name: str, front_title: str | None = None
) -> tuple[str, list[dict]]:
    """File text and labels with 1-based line numbers; blocks separated by blank lines."""
    lines: list[str] = []
    if front_title is not None:
        lines += ["---", "title: " + json.dumps(front_title, ensure_ascii=False), "---", ""]
    labels = []
    for i, b in enumerate(blocks):
        if i:
            lines.append("")
        first = len(lines) + 1
        lines += b.text.split("\n")
        if b.label is not None:
            labels.append(
                {"file": name, "line": first, "end_line": len(lines), **b.label, "text": b.text}
            )
    return "\n".join(lines) + "\n", labels


def fill(template: str, rng: random.Random) -> str:
    site = rng.choice(bank.SITES)
    return template.format(
        site=site,
        site_upper=site.upper(),
        n=rng.randint(2, 48),
        topic=rng.choice(bank.TOPICS),
        name=rng.choice(bank.NAMES),
    )


def vary(text: str, rng: random.Random) -> str:
    """Case and truncation variants real scrapes show."""
    r = rng.random()
    if r < 0.12:
        return text.upper()
    words = text.split()
    if r < 0.22 and len(words) >= 7:
        return " ".join(words[: rng.randint(4, len(words) - 2)]).rstrip(",.:;!?")
    return text


#: the prompt bank in use (``--bank fresh`` switches to the untuned one)
PROMPTS = bank.PROMPTS


def pick_prompts(
    rng: random.Random, k: int, kinds: tuple[str, ...] | None = None
) -> list[tuple[str, str]]:
    pool = [p for p in PROMPTS if kinds is None or p[0] in kinds]
    k = min(k, len(pool))
    return [(kind, vary(fill(t, rng), rng)) for kind, t in rng.sample(pool, k)]


MID_KINDS = tuple(sorted({k for k, _ in bank.PROMPTS + bank.PROMPTS_FRESH} - {"author-box"}))


def article_label(a: RealArticle, i: int) -> dict:
    if "boilerplate" in a.exempt.get(i, ()) or "*" in a.exempt.get(i, ()):
        # the DEV ground truth kept a footer here: page text, but not one we injected
        return {"label": "leftover", "prompt": False, "kind": "known-issue"}
    lab: dict = {"label": "article", "prompt": False, "kind": "article"}
    if i in a.exempt:
        lab["exempt"] = a.exempt[i]
    return lab


# --------------------------------------------------------------------------- leftovers


def make_leftovers(arts: list[RealArticle], out: Path, rng: random.Random) -> None:
    d = out / "leftovers"
    d.mkdir(parents=True)
    labels: list[dict] = []
    for a in arts:
        blocks = [Block(a.headline, None)]
        # top of the page: navigation, then byline / time stamp
        if rng.random() < 0.5:
            kind, text = pick_prompts(rng, 1, ("navigation",))[0]
            blocks.append(Block(text, {"label": "leftover", "prompt": True, "kind": kind}))
        for kind, t in rng.sample(bank.OTHER_LEFTOVERS, rng.randint(0, 2)):
            blocks.append(Block(fill(t, rng), {"label": "leftover", "prompt": False, "kind": kind}))
        body = [Block(p, article_label(a, i)) for i, p in enumerate(a.paragraphs)]
        # author boxes come at the end of a page, not among the paragraphs
        inserts = pick_prompts(rng, rng.randint(2, 5), MID_KINDS)
        for kind, text in inserts:
            pos = rng.randint(1, max(1, len(body)))
            body.insert(pos, Block(text, {"label": "leftover", "prompt": True, "kind": kind}))
        blocks += body
        for kind, text in pick_prompts(
            rng, rng.randint(1, 3), ("footer", "related", "share", "author-box")
        ):
            blocks.append(Block(text, {"label": "leftover", "prompt": True, "kind": kind}))
        name = f"{a.id}.txt"
        text, labs = render(blocks, name)
        (d / name).write_text(text, "utf-8")
        labels += labs
    (d / "labels.json").write_text(json.dumps(labels, indent=1, ensure_ascii=False), "utf-8")


# --------------------------------------------------------------------------- extractors

TOOLS = ("blockcopy", "readerish", "newsgrab")


def _headline_repeat(a: RealArticle, rng: random.Random) -> tuple[list[Block], str]:
    r = rng.random()
    lab = {"label": "duplicate-headline"}
    if r < 0.4:
        return [Block(a.headline, {**lab, "kind": "exact"})], "exact"
    if r < 0.55:
        return [Block(a.headline.upper(), {**lab, "kind": "caps"})], "caps"
    if r < 0.7:
        site = rng.choice(bank.SITES)
        return [Block(f"{a.headline} | {site}", {**lab, "kind": "site-suffix"})], "site-suffix"
    if r < 0.85:
        return [Block(a.headline.rstrip(".") + ".", {**lab, "kind": "full-stop"})], "full-stop"
    # headline and a byline in one block: two labels on two lines
    return [
        Block(a.headline, {**lab, "kind": "with-byline"}),
    ], "with-byline"


def make_extractors(arts: list[RealArticle], out: Path, rng: random.Random) -> None:
    d = out / "extractors"
    d.mkdir(parents=True)
    labels: list[dict] = []
    for a in arts:
        for tool in rng.sample(TOOLS, 2):
            blocks = [Block(a.headline, None)]
            byline_after = False
            if tool != "readerish" or rng.random() < 0.3:
                rep, kind = _headline_repeat(a, rng)
                blocks += rep
                byline_after = kind == "with-byline"
            body = [
                Block(p, {**article_label(a, i), "tool": tool}) for i, p in enumerate(a.paragraphs)
            ]
            if tool == "newsgrab" and len(body) > 6:
                del body[rng.randrange(2, len(body) - 1)]  # extractors also lose paragraphs
            n_prompts = {
                "blockcopy": rng.randint(2, 5),
                "readerish": rng.randint(0, 1),
                "newsgrab": rng.randint(1, 3),
            }[tool]
            for kind, text in pick_prompts(rng, n_prompts, MID_KINDS):
                pos = rng.randint(1, max(1, len(body)))
                body.insert(pos, Block(text, {"label": "boilerplate", "kind": kind}))
            if tool != "blockcopy" and rng.random() < 0.5:
                cands = [
                    i
                    for i, b in enumerate(body)
                    if b.label["label"] == "article"
                    and len(b.text) > 80
                    and "duplicate-paragraph" not in b.label.get("exempt", [])
                ]
                if cands:
                    src = body[rng.choice(cands)]
                    pos = min(len(body), body.index(src) + rng.randint(1, 4))
                    body.insert(
                        pos, Block(src.text, {"label": "duplicate-paragraph", "kind": "repeat"})
                    )
            if rng.random() < 0.5:
                kind, t = rng.choice(bank.OTHER_LEFTOVERS)
                body.insert(
                    rng.randint(0, len(body)),
                    Block(fill(t, rng), {"label": "leftover", "kind": kind}),
                )
            blocks += body
            if byline_after:
                # the repeated headline shares its block with a placeholder-free byline
                rep = blocks[1]
                name = rng.choice(bank.NAMES)
                blocks[1] = Block(rep.text + "\nBy " + name, rep.label)
            name = f"{tool}__{a.id}.txt"
            text, labs = render(blocks, name)
            for lab in labs:
                lab["tool"] = tool
                if lab["label"] == "duplicate-headline":
                    lab["end_line"] = lab["line"]  # the byline line is not the repeat
            (d / name).write_text(text, "utf-8")
            labels += labs
    (d / "labels.json").write_text(json.dumps(labels, indent=1, ensure_ascii=False), "utf-8")


# --------------------------------------------------------------------------- quotes

SPEECH = (
    "said",
    "says",
    "added",
    "told",
    "noted",
    "explained",
    "continued",
    "wrote",
    "asked",
    "recalled",
    "argued",
    "insisted",
    "warned",
    "stressed",
    "tweeted",
    "remarked",
    "admitted",
)
_VERB = "|".join(SPEECH)
#: ``“body,” rest``: the quotation opens the paragraph and is tied to what follows
_LEAD_QUOTE = re.compile(
    r'^(?P<open>[“"])(?P<body>[^“”"]+?[,?!])(?P<close>[”"])\s+(?P<rest>\S.*)$', re.S
)
_ATTR = re.compile(
    r"^(?:according to\b|(?:" + _VERB + r")\b|(?:[\w’'.\-]+\s+){1,5}?(?:" + _VERB + r")\b)"
)
#: ``X said: “body”`` with the quotation closing the paragraph
_COLON = re.compile(
    r'^(?P<lead>[^“”"]{3,80}?\b(?P<verb>'
    + _VERB
    + r')\b[^“”":]{0,30}:)\s*(?P<q>[“"][^“”"]+[”"])\s*$',
    re.S,
)


def strip_quote(text: str) -> tuple[str, str, str] | None:
    """``(new_text, kind, cue)`` with the opening quotation deleted, or None."""
    m = _LEAD_QUOTE.match(text)
    if m:
        rest = m.group("rest")
        am = _ATTR.match(rest)
        if am is None or any(c in rest[: am.end()] for c in '“”"'):
            return None
        words = rest[: am.end()].split()
        cue = "according to" if rest.startswith("according to") else words[-1]
        first = words[0]
        if first in SPEECH or first == "according":
            kind = "according-to" if first == "according" else "said-first"
        elif first.lower() in ("he", "she", "they", "it", "we", "i"):
            kind = "pronoun-first"
        elif first[0].islower():
            kind = "noun-first"
        else:
            kind = "name-first"
        if "“" in rest or '"' in rest:
            kind += "+quote"  # "X said. “Second quotation.”"
        return rest, kind, cue
    m = _COLON.match(text)
    if m:
        return m.group("lead"), "colon", m.group("verb")
    return None


NARRATIVE = (
    "The proposal was published on Tuesday after months of negotiation between the two sides.",
    "Officials expect the first results to be available by the end of the year.",
    "The district has seen its population double over the past decade.",
    "Construction is due to begin in the spring, subject to a final vote in the council.",
    "Prices rose by 4.2% in the year to March, the fastest pace since 2008.",
    "Several residents attended the meeting, which lasted more than three hours.",
    "The company employs about 1,200 people at its two plants in the region.",
    "A spokesperson for the ministry declined to comment on the figures.",
    "Critics have questioned whether the scheme offers value for money.",
    "The team spent six weeks collecting samples along the river.",
    "According to the annual report, the charity helped 3,400 families last year.",
    "The school reopened in September after a £2m renovation.",
    "Negotiations are expected to resume next month in Geneva.",
    "The mayor said the city would review its budget before the summer.",
    "Both clubs have been fined in the past for similar incidents.",
    "Earlier this year the regulator opened an inquiry into the deal.",
)
QUOTES = (
    "We have been waiting for this moment for a very long time",
    "Nobody expected the numbers to move so quickly",
    "It is a difficult decision, but I think it is the right one",
    "The people who live here deserve better than this",
    "We will keep pushing until every family has a safe home",
    "I was shocked when I saw the water coming through the door",
    "There is no quick fix, and anyone who tells you otherwise is wrong",
    "Our priority is to make sure patients get the care they need",
    "This is only the beginning of a much longer process",
    "Why would anyone sign a contract like that",
    "It felt like the whole town came out to help",
    "We are not going to apologise for asking hard questions",
    "The evidence points in one direction",
    "Frankly, the timetable was never realistic",
)
SPEAKERS = (
    ("Helen Marsh", "the council's housing lead", "she"),
    ("David Okafor", "a researcher at the university", "he"),
    ("Priya Nair", "who chairs the residents' association", "she"),
    ("Jonas Weber", "the company's chief executive", "he"),
    ("Sofia Lindqvist", "a spokeswoman for the agency", "she"),
    ("Marcus Bell", "the head coach", "he"),
)


def _synthetic_article(k: int, rng: random.Random) -> tuple[str, list[str]]:
    o, c = ("“", "”") if rng.random() < 0.6 else ('"', '"')
    people = rng.sample(SPEAKERS, 3)
    narrative = rng.sample(NARRATIVE, len(NARRATIVE))
    paras = [narrative.pop()]
    for _ in range(rng.randint(6, 10)):
        name, role, pron = rng.choice(people)
        last = name.split()[-1]
        q1, q2 = rng.sample(QUOTES, 2)
        end = "?" if q1.startswith("Why") else ","
        form = rng.randrange(11)
        if form == 0:
            p = f"{o}{q1}{end}{c} said {name}, {role}."
        elif form == 1:
            p = f"{o}{q1}{end}{c} {last} said."
        elif form == 2:
            p = f"{o}{q1}{end}{c} {pron} added. {o}{q2}.{c}"
        elif form == 3:
            p = f"{last} told reporters: {o}{q1}.{c}"
        elif form == 4:
            p = f"{o}{q1}{end}{c} according to {name}, {role}."
        elif form == 5:
            p = f"{o}{q1}. {q2}{end}{c} {last} told Reuters."
        elif form == 6:
            p = f"{o}{q1}{end}{c} {last} continued, {o}and {q2[0].lower() + q2[1:]}.{c}"
        elif form == 7:
            p = f"{o}{q1}{end}{c} {pron} noted in a statement on Monday."
        elif form == 8:  # a quotation running over two paragraphs
            if f"{o}{q1}." not in paras:
                paras.append(f"{o}{q1}.")
            p = f"{o}{q2}{end}{c} {last} said."
        elif form == 9:  # reported speech, no quotation
            p = f"{last} said the plan would be reviewed before the end of the year."
        else:
            p = f"In an interview, {name} called the result {o}a turning point{c} for the region."
        if p not in paras:  # a clean article repeats no paragraph
            paras.append(p)
        if rng.random() < 0.5 and narrative:
            paras.append(narrative.pop())
    return f"Residents react as plan number {k} moves ahead", paras


def make_quotes(arts: list[RealArticle], out: Path, rng: random.Random, n_synth: int) -> None:
    clean, seeded = out / "quotes" / "clean", out / "quotes" / "seeded"
    clean.mkdir(parents=True)
    seeded.mkdir(parents=True)
    docs = [
        (a.id, a.headline, a.paragraphs, a.exempt)
        for a in arts
        if sum(strip_quote(p) is not None for p in a.paragraphs) >= 1
    ]
    docs += [(f"synth{k:03d}", *_synthetic_article(k, rng), {}) for k in range(n_synth)]
    known: list[dict] = []
    labels: list[dict] = []
    for i, (doc_id, headline, paras, exempt) in enumerate(docs):
        md = i % 4 == 3
        name = doc_id + (".md" if md else ".txt")
        title = headline if md else None
        head = [] if md else [Block(headline, None)]
        blocks = head + [Block(p, {"k": j} if j in exempt else None) for j, p in enumerate(paras)]
        text, labs = render(blocks, name, title)
        (clean / name).write_text(text, "utf-8")
        for lab in labs:
            known.append(
                {
                    "file": name,
                    "line": lab["line"],
                    "end_line": lab["end_line"],
                    "categories": exempt[lab["k"]],
                    "note": "DEV known issue",
                }
            )
        cands = [j for j, p in enumerate(paras) if strip_quote(p) is not None]
        chosen = set(rng.sample(cands, min(len(cands), rng.randint(1, 3))))
        out_blocks = list(head)
        for j, p in enumerate(paras):
            if j in chosen:
                new, kind, cue = strip_quote(p)  # type: ignore[misc]
                style = "curly" if "“" in p else "straight"
                out_blocks.append(
                    Block(
                        new,
                        {
                            "category": "orphaned-quote",
                            "kind": kind,
                            "cue": cue,
                            "quote_style": style,
                        },
                    )
                )
            else:
                out_blocks.append(Block(p, None))
        text, labs = render(out_blocks, name, title)
        (seeded / name).write_text(text, "utf-8")
        labels += labs
    (clean / "known_issues.json").write_text(
        json.dumps(known, indent=1, ensure_ascii=False), "utf-8"
    )
    (seeded / "labels.json").write_text(json.dumps(labels, indent=1, ensure_ascii=False), "utf-8")


# --------------------------------------------------------------------------- main


def build(
    corpus: Path, out: Path, seed: int = 20240501, limit: int | None = None, n_synth: int = 30
) -> Path:
    arts = load_real(corpus)[:limit]
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    (out / "real").mkdir(parents=True)
    for a in arts:
        shutil.copy(corpus / "real" / f"{a.id}.txt", out / "real" / f"{a.id}.txt")
    shutil.copy(corpus / "real" / "known_issues.json", out / "real" / "known_issues.json")
    make_leftovers(arts, out, random.Random(rng.random()))
    make_extractors(arts, out, random.Random(rng.random()))
    make_quotes(arts, out, random.Random(rng.random()), n_synth)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--seed", type=int, default=20240501)
    ap.add_argument("--limit", type=int, default=None, help="use the first N real articles")
    ap.add_argument("--synthetic", type=int, default=30, help="synthetic quote-heavy articles")
    ap.add_argument(
        "--bank",
        choices=("tuned", "fresh"),
        default="tuned",
        help="prompt wordings: the bank the rules were improved on, or a fresh one never "
        "used for tuning (a generalisation check)",
    )
    a = ap.parse_args()
    global PROMPTS
    PROMPTS = bank.PROMPTS_FRESH if a.bank == "fresh" else bank.PROMPTS
    out = build(a.corpus, a.out, a.seed, a.limit, a.synthetic)
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
