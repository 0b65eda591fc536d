"""Shape-based detection of call-to-action boilerplate no phrase list holds.

A paywall, newsletter or share prompt has a recognisable *shape* whatever
its wording: a short line standing on its own, addressed to the reader
(imperative or "you"), built from the vocabulary of subscriptions, access,
delivery channels or social sharing, often pointing at the publication
itself ("this article", "our journalism"), and often cut off mid-phrase
("... get access to").  News copy *about* paywalls differs in shape: it
reports ("the paper said"), quotes, and names third parties.

The detector scores families of cues rather than phrases, so it needs no
list of prompts.  It is deliberately conservative: a guess is reported by
its own rule with an unsafe fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lintnews.plugins.boilerplate.phrases import word_count

from lintnews import recache

__all__ = ["PromptGuess", "guess_prompt", "has_reader_address", "is_reported_or_quoted"]

_FAMILIES: dict[str, re.Pattern[str]] = {
    name: recache.compile(r"(?<!\w)(?:" + rx + r")(?!\w)", re.IGNORECASE)
    for name, rx in {
        "account": (
            r"subscrib\w*|register(?:ed|ing)?|registration|sign(?:ing)?[\s-]?(?:up|in)"
            r"|log(?:ging)?[\s-]?in|login|(?:free|an|your|a|new) account|membership"
            r"|become a (?:member|supporter|patron)|join (?:us|now|today|our)"
            r"|join (?:\d[\d,]* |thousands of |millions of )?(?:other )?"
            r"(?:readers|subscribers|members)"
            r"|(?:\d+-day |free )?trial|upgrade (?:your|to|now|today)"
        ),
        "access": (
            r"unlock\w*|unlimited|(?:full|free|digital|premium|instant|exclusive|complete) access"
            r"|access (?:to )?(?:all|every|our|this|the full|unlimited|premium|exclusive)"
            r"|continue reading|keep reading|read (?:the )?(?:full|rest|whole|entire)"
            r"|free (?:articles?|stories|reads|trial)|(?:articles?|stories) (?:left|remaining)"
            r"|paywall|premium (?:content|articles?|stories|members?|subscribers?|plan)"
            r"|subscribers? only|members? only"
        ),
        "channel": (
            r"newsletters?|briefings?|inbox|digest|alerts"
            r"|our (?:\w+ )?e-?mails?"
            r"|push notifications|(?:your|an?) e-?mail(?: address)?|e-?mail address"
        ),
        "social": (
            r"share (?:this|it|on|via|with)|follow (?:us|@\w+)|like us"
            r"|(?:on|via) (?:facebook|twitter|instagram|whatsapp|linkedin|telegram|tiktok|x)"
            r"|tweet (?:this|it)"
        ),
    }.items()
}
_SELF = recache.compile(
    r"(?<!\w)(?:(?P<strong>this (?:article|story|page|post|piece|report|content|site|website)"
    r"|our (?:site|website|journalism|newsletters?|reporting|coverage|stories|articles|content"
    r"|app|podcasts?|newsroom|readers|subscribers|members|community|work|mission|team)"
    r"|already (?:a|an) (?:member|subscriber|customer|reader)"
    r"|not (?:yet )?(?:a|an) (?:member|subscriber)"
    r"|(?:don't|never) miss (?:a|another|any|out on (?:a|any|the))"
    r" (?:story|stories|thing|update|article)"
    r")|every (?:story|article)"
    r"|(?:more|all|unlimited|free|the latest|top|daily) (?:stories|articles"
    r"|news|headlines|updates))(?!\w)",
    re.IGNORECASE,
)
_ADDRESS = re.compile(r"(?<!\w)(?:you|your|you're|you've|yourself)(?!\w)", re.IGNORECASE)
_IMPERATIVE = recache.compile(
    r"^[\W_]*(?:please\s+)?(?:subscribe|sign|register|log|login|join|get|create|start|become"
    r"|support|follow|share|like|find|enter|read|continue|unlock|try|download|stay|keep|want"
    r"|already|not|enjoy|enjoyed|enjoying|love|loved|liked|click|tap|tell|give|receive|claim"
    r"|don't|do|never|discover|upgrade|activate|verify|see|to)\b",
    re.IGNORECASE,
)
_REPORTING = re.compile(
    r"(?<!\w)(?:said|says|told|tells|according to|reported|wrote|writes|asked|added|explained"
    r"|noted|announced|argued|claimed|insisted|percent|per cent)(?!\w)",
    re.IGNORECASE,
)
_TRUNCATED_END = re.compile(
    r"(?<!\w)(?:to|the|a|an|of|for|and|or|with|in|on|our|your|at|by|from|into|more)\s*$",
    re.IGNORECASE,
)


def is_reported_or_quoted(norm: str) -> bool:
    """Reported speech or a quotation: the copy is *about* a prompt, not one."""
    return '"' in norm or norm.lstrip().startswith("'") or bool(_REPORTING.search(norm))


def has_reader_address(norm: str) -> bool:
    """Imperative opening or second person: the line speaks to the reader."""
    return bool(_IMPERATIVE.match(norm) or _ADDRESS.search(norm))


@dataclass(frozen=True, slots=True)
class PromptGuess:
    families: tuple[str, ...]
    self_reference: bool
    truncated: bool

    def describe(self) -> str:
        cues = list(self.families)
        if self.self_reference:
            cues.append("self-reference")
        if self.truncated:
            cues.append("cut off")
        return ", ".join(cues)


def guess_prompt(
    norm: str, max_words: int = 35, *, addressed: bool | None = None
) -> PromptGuess | None:
    """A :class:`PromptGuess` when ``norm`` (one normalised line) looks like a prompt.

    ``addressed`` is :func:`has_reader_address` of ``norm`` when the caller has it.
    """
    n = word_count(norm)
    if n < 3 or n > max_words:
        return None
    if is_reported_or_quoted(norm):
        return None
    found = _SELF.search(norm)
    self_ref = found is not None
    # Without an imperative or "you", only the publication pointing at itself ("this
    # article", "already a member?") makes a line speak to the reader.
    if addressed is None:
        addressed = has_reader_address(norm)
    if not addressed and not (found and found.group("strong")):
        return None
    families = tuple(name for name, rx in _FAMILIES.items() if rx.search(norm))
    if not families:
        return None
    stripped = norm.rstrip()
    truncated = bool(_TRUNCATED_END.search(stripped)) and not stripped.endswith(
        (".", "!", "?", ":", ";", ")", "'", '"')
    )
    if len(families) >= 2 or self_ref or truncated:
        return PromptGuess(families, self_ref, truncated)
    return None
