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
from functools import cache

from lintnews.plugins.boilerplate import hints as hb
from lintnews.plugins.boilerplate.phrases import TWINS, first_chars, word_count

from lintnews import recache

__all__ = [
    "PromptGuess",
    "guess_prompt",
    "has_reader_address",
    "is_cut_off",
    "is_reported_or_quoted",
]

# Each family is vocabulary of one side of a reader prompt, in English and in the
# corpus's other languages (German, French, Spanish, Portuguese, Indonesian): stems
# and short phrases, not whole prompts, so new wordings built from them still count.
#: (the sources of case-insensitive regexes written in lower case; each is compiled
#: at import without re.IGNORECASE for ``Line.hint_low``, see ``phrases.lowered``,
#: and with it only on first use, ``_case_insensitive``: lines with a twin letter and
#: callers without ``hint_low`` are rare, and a compiled program costs ~1M
#: instructions to load from the regex store)
_FAMILY_SOURCES: dict[str, str] = {
    name: r"(?<!\w)(?:" + rx + r")(?!\w)"
    for name, rx in {
        "account": (
            r"subscrib\w*|subscription\w*|register(?:ed|ing)?|registration|sign(?:ing)?[\s-]?(?:up|in)"
            r"|log(?:ging)?[\s-]?in|login|(?:free|an|your|a|new) (?:account|profile)|membership"
            r"|become a (?:member|supporter|patron|subscriber)|join (?:us|now|today|our)"
            r"|join (?:\d[\d,]* |thousands of |millions of )?(?:other )?"
            r"(?:readers|subscribers|members)"
            r"|(?:\d+-day |free )?trial|upgrade (?:your|to|now|today)"
            r"|abonn\w+|abo|anmelden|melden sie sich an|registrier\w+|einloggen|inscri\w+"
            r"|connectez-vous|connexion"
            r"|suscr[ií]\w+|reg[ií]str\w+|inici[ae] sesi[oó]n|assin\w+|cadastr\w+|fa[cç]a login"
            r"|berlangganan|langganan|daftar"
        ),
        "access": (
            r"unlock\w*|unlimited|(?:full|free|digital|premium|instant|exclusive|complete) access"
            r"|access (?:to )?(?:all|every|our|this|the full|unlimited|premium|exclusive)"
            r"|continue reading|keep reading|read (?:the )?(?:full|rest|whole|entire)"
            r"|free (?:articles?|stories|reads|trial)|(?:articles?|stories) (?:left|remaining)"
            r"|paywall|premium (?:content|articles?|stories|members?|subscribers?|plan)"
            r"|subscribers?[\s-]only|members?[\s-]only|available (?:exclusively|only) to"
            r"|exclusive(?:ly)? (?:to|for) (?:our )?(?:subscribers|members|readers)"
            r"|weiter(?:zu)?lesen|lire la suite|(?:seguir|continuar) leyendo"
            r"|(?:continuar|continue) lendo"
            r"|selengkapnya|réservée? aux abonnés|exclusivo para"
        ),
        "channel": (
            r"newsletters?|briefings?|inbox|digest|alerts|roundup|bulletin|boletín|boletim"
            r"|our (?:\w+ )?e-?mails?|notifications"
            r"|push notifications|(?:your|an?) e-?mail(?: address)?|e-?mail address"
            r"|delivered (?:every|each|daily|weekly|straight|directly|right)"
            r"|every (?:morning|evening|weekday|day|week|sunday|monday|friday)"
        ),
        "social": (
            r"share (?:this|it|on|via|with)|follow (?:us|@\w+)|like us"
            r"|(?:on|via) (?:facebook|twitter|instagram|whatsapp|linkedin|telegram|tiktok|x)"
            r"|tweet (?:this|it)|social media|teilen|partage[rz]|compart\w+|bagikan"
        ),
        "support": (
            r"donat(?:e|ion|ions)|contribut(?:e|ion|ions)|chip in|your support|readers like you"
            r"|support (?:our|quality|independent|local|public[\s-]interest) "
            r"(?:journalism|reporting|newsroom|work|mission)"
            r"|(?:quality|independent) journalism"
        ),
        "offer": (
            r"[$£€]\s?\d[\d.,]*|\d+(?:[.,]\d+)?\s?(?:p|cents?|pence|euros?|dollars?)"
            r"|\d+\s?% off|cancel any ?time|limited[\s-]time offer|special offer"
            r"|(?:on|across) (?:any|all) (?:your )?devices?|ad[\s-]free"
        ),
    }.items()
}
#: Per family, substrings (lower case) one of which every match of its regex holds
#: (for "offer", a digit also counts: prices): a family none of whose hints is in a
#: line is not scanned for.  tests/test_rules_boilerplate.py proves the cover from
#: the parsed regexes.
FAMILY_HINTS: dict[str, tuple[str, ...]] = {
    "account": (
        "subscri", "reg", "sign", "log", "account", "profile", "membership", "become a ",
        "join ", "trial", "upgrade ", "abo", "melden", "inscri", "conne", "suscr", "inici",
        "assin", "cadastr", "langganan", "daftar",
    ),
    "access": (
        "unlock", "unlimited", "access", "reading", "read ", "free ", "left", "remaining",
        "paywall", "premium ", "only", "exclusiv", "lesen", "lire la suite", "leyendo",
        "lendo", "selengkapnya", "abonn",
    ),
    "channel": (
        "newsletter", "briefing", "inbox", "digest", "alerts", "roundup", "bulletin",
        "bolet", "mail", "notification", "delivered ", "every ",
    ),
    "social": (
        "share ", "follow ", "like us", "facebook", "twitter", "instagram", "whatsapp",
        "linkedin", "telegram", "tiktok", "on x", "via x", "tweet ", "social media",
        "teilen", "partage", "compart", "bagikan",
    ),
    "support": (
        "donat", "contribut", "chip in", "support", "readers like you", "journalism",
    ),
    "offer": ("cancel any", "offer", "device", "free"),
}  # fmt: skip
_DIGIT = re.compile(r"\d")
#: What "offer" matches, by hint bits rather than "any digit" (prices): a currency
#: sign, "%" ("20% off"), its words, a digit just before a unit ("5p":
#: ``hints.PRICE``), or, with a space between, a word ending in a digit and one
#: starting like a unit (``hints.NUM_END`` and ``hints.UNIT_START`` both).  Proved
#: by tests/test_boilerplate_hints.py.
OFFER_WORDS = (*FAMILY_HINTS["offer"], "$", "\u00a3", "\u20ac", "%")
_NUM_UNIT = hb.NUM_END | hb.UNIT_START
#: per family, the hint bits (``hints.register``) one of which a line must have for
#: the family's regex to be tried ("offer": see ``OFFER_WORDS``)
FAMILY_BITS: dict[str, int] = {
    name: hb.register(OFFER_WORDS) | hb.PRICE if name == "offer" else hb.register(hints)
    for name, hints in FAMILY_HINTS.items()
}
#: a line none of whose bits is here (and without both of ``_NUM_UNIT``) holds no
#: family's vocabulary
ANY_FAMILY_BITS = 0
for _bit in FAMILY_BITS.values():
    ANY_FAMILY_BITS |= _bit
#: the family regexes for ``Line.hint_low`` (``phrases.lowered``: same matches)
_FAMILIES_LOW: dict[str, re.Pattern[str]] = {
    name: recache.compile(source) for name, source in _FAMILY_SOURCES.items()
}
_FAMILY_ITEMS = tuple(
    (name, _FAMILIES_LOW[name], FAMILY_BITS[name], _NUM_UNIT if name == "offer" else -1)
    for name in _FAMILY_SOURCES
)


@cache
def _families_ic() -> dict[str, re.Pattern[str]]:
    """``_FAMILIES``: the family regexes with re.IGNORECASE, for ``norm``."""
    return {
        name: recache.compile(source, re.IGNORECASE) for name, source in _FAMILY_SOURCES.items()
    }


def _families(norm: str, hint_low: str | None, mask: int | None = None) -> tuple[str, ...]:
    """Names of the families whose vocabulary is in ``norm``, in ``_FAMILIES`` order.

    With ``hint_low`` (``Line.hint_low``) a family is scanned for only when one of
    its hint words is in the line: most lines of copy hold none, and six regex
    scans cost about twenty times the substring tests.  With ``mask`` (``Line.mask``)
    a family is scanned for only when the line has one of its ``FAMILY_BITS``.
    Where ``hint_low`` is given, the regexes run on it, without ``re.IGNORECASE``
    (``phrases.lowered``: same matches, cheaper comparisons).
    """
    if mask is not None:
        if hint_low is not None:
            return tuple(
                name
                for name, low_rx, bit, pair in _FAMILY_ITEMS
                if (mask & bit or mask & pair == pair) and low_rx.search(hint_low)
            )
        ic = _families_ic()
        return tuple(
            name
            for name, _, bit, pair in _FAMILY_ITEMS
            if (mask & bit or mask & pair == pair) and ic[name].search(norm)
        )
    if hint_low is None:
        return tuple(name for name, rx in _families_ic().items() if rx.search(norm))
    has = hint_low.__contains__  # any(map(has, ...)) tests in C, no generator frames
    found = []
    for name, low_rx in _FAMILIES_LOW.items():
        if (
            any(map(has, FAMILY_HINTS[name]))
            or (name == "offer" and _DIGIT.search(hint_low) is not None)
        ) and low_rx.search(hint_low):
            found.append(name)
    return tuple(found)


_SELF_SOURCE = (
    r"(?<!\w)(?:(?P<strong>this (?:article|story|page|post|piece|report|content|site|website)"
    r"|this is an? (?:[\w-]+ )?(?:article|story|piece)"
    r"|our (?:site|website|journalism|newsletters?|reporting|coverage|stories|articles|content"
    r"|app|podcasts?|newsroom|readers|subscribers|members|community|work|mission|team"
    r"|terms|privacy policy|privacy notice|cookie policy|community guidelines)"
    r"|our (?:\w+ )?(?:newsletters?|roundup|digest|briefing|bulletin|podcast|alerts)"
    r"|already (?:a|an) (?:member|subscriber|customer|reader)"
    r"|not (?:yet )?(?:a|an) (?:member|subscriber)|(?:don't|do not) have an account"
    r"|(?:don't|never) miss (?:a|another|any|out on (?:a|any|the))"
    r" (?:story|stories|thing|update|article)"
    r"|(?:in|to|into) your inbox|(?:first|1st) (?:month|year|week)s? (?:free|for)"
    r"|(?:with|follow|find|join) us (?:on|at)|in the comments"
    r"|dieser artikel|diesen artikel|cet article|este artículo|esta nota|este artigo"
    r"|esta notícia|artikel ini|berita ini"
    r")|every (?:story|article)"
    r"|(?:more|all|unlimited|free|the latest|top|daily|best|biggest|latest) (?:stories|articles"
    r"|news|headlines|updates|journalism|reads))(?!\w)"
)
_ADDRESS_SOURCE = r"(?<!\w)(?:you(?:r|'re|'ve|rself)?|vo(?:us|tre|cê))(?!\w)"
_IMPERATIVE_SOURCE = (
    r"^[\W_]*(?:please\s+|bitte\s+|jetzt\s+|now\s+)?(?:subscribe|sign|register|log|login|join"
    r"|get|create|start|become|support|follow|share|like|find|enter|read|continue|unlock|try"
    r"|download|stay|keep|want|already|not|enjoy|enjoyed|enjoying|love|loved|liked|click|tap"
    r"|tell|give|receive|claim|don't|do|never|discover|upgrade|activate|verify|see|to|email"
    r"|gift|save|contribute|donate|chip|help|access|turn|leave|let|check|learn|manage|accept"
    r"|allow|bookmark|install|explore|by (?:subscribing|signing|registering|clicking|continuing)"
    r"|abonnieren|melden|registrieren|teilen|abonnez-vous|inscrivez-vous|connectez-vous"
    r"|partagez|suscr[ií]b\w+|reg[ií]str\w+|inicia|inicie|comparte|comparta|assine"
    r"|cadastre-se|fa[cç]a|compartilhe|berlangganan|daftar|bagikan)\b"
)
_REPORTING_SOURCE = (
    r"(?<!\w)(?:said|says|told|tells|according to|reported|wrote|writes|asked|added|explained"
    r"|noted|announced|argued|claimed|insisted|percent|per cent|urged|urges|warned|advised"
    r"|advises|encouraged|invited|complained|joked|admitted"
    r"|sagte|sagt|erklärte|teilte|selon|a déclaré|a dit|dijo|afirmó|según|disse|afirmou"
    r"|segundo|kata|ujar|menurut)(?!\w)"
)
#: a capitalised word inside a sentence: a product or company name ("Get Dashlane for
#: $1", "Sign up for a Hulu account for $11.99"): a shopping deal, not the page's offer
_NAMED = re.compile(r"(?<=[^.!?:\s]\s)[A-Z][a-z]")
_TRUNCATED_END_SOURCE = (
    r"(?<!\w)(?:to|the|a|an|of|for|and|or|with|in|on|our|your|at|by|from|into|more"
    r"|support|get|enjoy|receive|unlock|access|join|discover|explore|including"
    r"|und|et|pour|para|untuk|dan|zu)\s*$"
)
# the regexes for ``Line.hint_low`` (``phrases.lowered``: same matches and groups)
_SELF_LOW = recache.compile(_SELF_SOURCE)
_ADDRESS_LOW = recache.compile(_ADDRESS_SOURCE)
_IMPERATIVE_LOW = recache.compile(_IMPERATIVE_SOURCE)
_REPORTING_LOW = recache.compile(_REPORTING_SOURCE)
_TRUNCATED_END_LOW = recache.compile(_TRUNCATED_END_SOURCE)
#: the sources compiled with re.IGNORECASE on first use, by module attribute name
_CASE_INSENSITIVE = {
    "_SELF": _SELF_SOURCE,
    "_ADDRESS": _ADDRESS_SOURCE,
    "_IMPERATIVE": _IMPERATIVE_SOURCE,
    "_REPORTING": _REPORTING_SOURCE,
    "_TRUNCATED_END": _TRUNCATED_END_SOURCE,
}


@cache
def _case_insensitive(name: str) -> re.Pattern[str]:
    """The regex ``name`` (``_SELF``...) with re.IGNORECASE, for ``norm``: compiled on
    first use (``shape._SELF`` and the like read it too, ``__getattr__``)."""
    return recache.compile(_CASE_INSENSITIVE[name], re.IGNORECASE)


def __getattr__(name: str) -> object:
    """``_FAMILIES``, ``_SELF``, ``_ADDRESS``, ``_IMPERATIVE``, ``_REPORTING`` and
    ``_TRUNCATED_END``: the case-insensitive regexes, compiled on first use."""
    if name == "_FAMILIES":
        return _families_ic()
    if name in _CASE_INSENSITIVE:
        return _case_insensitive(name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: the words ``_TRUNCATED_END`` can end a line with (tests compare the regex's)
TRUNCATED_WORDS = (
    "to", "the", "a", "an", "of", "for", "and", "or", "with", "in", "on", "our", "your",
    "at", "by", "from", "into", "more", "support", "get", "enjoy", "receive", "unlock",
    "access", "join", "discover", "explore", "including", "und", "et", "pour", "para",
    "untuk", "dan", "zu",
)  # fmt: skip
#: what a line that is cut off cannot end with (``guess_prompt``)
_CLOSED = (".", "!", "?", ":", ";", ")", "'", '"')
#: the longest of ``TRUNCATED_WORDS``: on a stripped line (no trailing ``\s``) a
#: ``_TRUNCATED_END`` match is one of them and starts at most this far from the end
_TRUNCATED_LONGEST = max(map(len, TRUNCATED_WORDS))


def is_cut_off(norm: str, hint_low: str | None = None) -> bool:
    """Does the line stop mid-phrase, after one of ``TRUNCATED_WORDS`` ("... get
    access to")?  ``hint_low`` is ``Line.hint_low`` of ``norm`` when the caller has it.
    """
    stripped = norm.rstrip()
    if stripped.endswith(_CLOSED):
        return False
    if hint_low is None:
        return _case_insensitive("_TRUNCATED_END").search(stripped) is not None
    # ``_TRUNCATED_END`` matches only where the line ends with one of its words, so
    # at most ``_TRUNCATED_LONGEST`` from the end (its look-behind still sees the
    # character before the search's start; a negative start is 0); on ``hint_low``
    # without re.IGNORECASE (``phrases.lowered``)
    low_end = hint_low.rstrip()
    return low_end.endswith(TRUNCATED_WORDS) and (
        _TRUNCATED_END_LOW.search(low_end, len(low_end) - _TRUNCATED_LONGEST) is not None
    )


def may_be_prompt(norm: str, low: str, mask: int) -> bool:
    """A necessary condition for :func:`guess_prompt` on a line (``Line.norm``,
    ``Line.low``, ``Line.mask``) with no twin letter, or with ``mask`` all bits.

    A guess needs a family's vocabulary, or failing that a line cut off after one
    of ``TRUNCATED_WORDS``: a line with no family bit that ends otherwise (most
    copy ends with a full stop) is no prompt, whatever else it holds.
    """
    if mask & ANY_FAMILY_BITS or mask & _NUM_UNIT == _NUM_UNIT:
        return True
    stripped = norm.rstrip()
    return not stripped.endswith(_CLOSED) and low.rstrip().endswith(TRUNCATED_WORDS)


def _may_point_at_itself(low: str) -> bool:
    """A necessary condition for a *strong* ``_SELF`` cue in a line that does not
    address the reader (so no "your"): one of the words every such cue holds.

    A chain of ``in`` tests costs about a tenth of the regex scan it spares on
    the three lines in four of ordinary copy that hold none of them.
    """
    return (
        "this " in low
        or "our " in low
        or "not " in low
        or "n't" in low
        or "already" in low
        or "never" in low
        or "first" in low
        or "1st" in low
        or " us " in low
        or "comment" in low
        or "diese" in low
        or "cet " in low
        or "este " in low
        or "esta " in low
        or " ini" in low
    )


def is_reported_or_quoted(norm: str, hint_low: str | None = None) -> bool:
    """Reported speech or a quotation: the copy is *about* a prompt, not one.

    ``hint_low`` (``Line.hint_low`` of ``norm``, when the caller has it) is scanned
    instead of ``norm``, without ``re.IGNORECASE`` (``phrases.lowered``).
    """
    if '"' in norm or norm.lstrip().startswith("'"):
        return True
    if hint_low is not None:
        return _REPORTING_LOW.search(hint_low) is not None
    return _case_insensitive("_REPORTING").search(norm) is not None


#: what the word ``_IMPERATIVE`` matches first starts with, lower case and cut
#: before any non-ASCII letter (tests check every alternative of the regex)
IMPERATIVE_STARTS = (
    "please", "bitte", "jetzt", "now", "subscribe", "sign", "register", "log", "join",
    "get", "create", "start", "become", "support", "follow", "share", "like", "find",
    "enter", "read", "continue", "unlock", "try", "download", "stay", "keep", "want",
    "already", "not", "enjoy", "love", "click", "tap", "tell", "give", "receive",
    "claim", "do", "never", "discover", "upgrade", "activate", "verify", "see", "to",
    "email", "gift", "save", "contribute", "donate", "chip", "help", "access", "turn",
    "leave", "let", "check", "learn", "manage", "accept", "allow", "bookmark", "install",
    "explore", "by", "abonn", "melden", "teilen", "inscrivez", "connectez", "partagez",
    "suscr", "reg", "inici", "compart", "assine", "cadastre", "fa", "berlangganan",
    "daftar", "bagikan",
)  # fmt: skip
#: ``IMPERATIVE_STARTS`` by first character (``phrases.first_chars``)
_IMPERATIVE_TABLE = first_chars(IMPERATIVE_STARTS)
#: substrings one of which every ``_ADDRESS`` match holds (lower case, ASCII)
_ADDRESS_HINTS = ("you", "vous", "votre", "voc")


def has_reader_address(norm: str, low: str | None = None, lead: int | None = None) -> bool:
    r"""Imperative opening or second person: the line speaks to the reader.

    ``low`` is ``norm.lower()`` when the caller has it (and ``norm`` holds none of the
    letters ``re.IGNORECASE`` folds to ASCII that ``lower`` does not): every
    ``_ADDRESS`` match holds one of ``_ADDRESS_HINTS``, so a line without them skips
    its scan.  ``lead`` (``Line.lead``, the first ``[^\W_]`` of ``norm``) is where an
    ``_IMPERATIVE`` word must start (``^[\W_]*`` leads to it, and every alternative
    starts with a letter), so with ``low`` a line whose word there starts with none
    of ``IMPERATIVE_STARTS`` skips that match.
    """
    if low is None:
        if _case_insensitive("_IMPERATIVE").match(norm):
            return True
        return _case_insensitive("_ADDRESS").search(norm) is not None
    # on ``low`` the regexes run without re.IGNORECASE (``phrases.lowered``)
    # ``low.startswith(IMPERATIVE_STARTS, lead)``, by first character
    if (
        lead is None
        or (
            (starts := _IMPERATIVE_TABLE.get(low[lead : lead + 1])) is not None
            and low.startswith(starts, lead)
        )
    ) and _IMPERATIVE_LOW.match(low):
        return True
    if not any(map(low.__contains__, _ADDRESS_HINTS)):
        return False
    return _ADDRESS_LOW.search(low) is not None


@dataclass(frozen=True, slots=True)
class PromptGuess:
    """Why a line looks like a subscription/registration prompt (the message's cues).

    (A written docstring also spares ``dataclasses`` from building one with
    ``inspect.signature`` at import: part of every one-article start-up.)
    """

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
    norm: str,
    max_words: int = 35,
    *,
    addressed: bool | None = None,
    low: str | None = None,
    hint_low: str | None = None,
    words: int | None = None,
    mask: int | None = None,
    lead: int | None = None,
) -> PromptGuess | None:
    """A :class:`PromptGuess` when ``norm`` (one normalised line) looks like a prompt.

    ``addressed`` is :func:`has_reader_address` of ``norm`` (or None: computed when
    needed), ``low`` is
    ``norm.lower()``, ``hint_low`` is ``Line.hint_low``, ``words`` is
    ``word_count(norm)``, ``mask`` is ``Line.mask`` and ``lead`` is ``Line.lead``
    when the caller has them.
    """
    n = word_count(norm) if words is None else words
    if n < 3 or n > max_words:
        return None
    # Cheapest tests first, so each scan runs on as few lines as its veto allows:
    # the line must speak to the reader or may point at the publication (in-tests,
    # one anchored match), hold prompt vocabulary or be cut off (the regex of a
    # family only where ``mask`` says its words may be), and only then is it
    # scanned for a self-reference and, last, for reported speech.
    truncated = is_cut_off(norm, hint_low)
    if not _may_point_at_itself(norm.lower() if low is None else low) and (
        # the pre-test reads lowered text: exact for the IGNORECASE ``_SELF`` only
        # without a twin letter ("Thıs story" is a cue), which a line with
        # ``hint_low`` does not hold
        hint_low is not None or not any(map(norm.__contains__, TWINS))
    ):
        if addressed is None:
            addressed = has_reader_address(norm, hint_low, lead)
        if not addressed:
            return None
    families = _families(norm, hint_low, mask)
    if "offer" in families and _NAMED.search(norm):
        # a price next to a named product is a deal in the copy, not our own offer
        families = tuple(f for f in families if f != "offer")
    if not families and not truncated:
        return None
    if addressed is None:
        addressed = has_reader_address(norm, hint_low, lead)
    if hint_low is None:
        found = _case_insensitive("_SELF").search(norm)
    else:
        found = _SELF_LOW.search(hint_low)
    self_ref = found is not None
    # Without an imperative or "you", only the publication pointing at itself ("this
    # article", "already a member?") makes a line speak to the reader.
    if not addressed and not (found and found.group("strong")):
        return None
    if families:
        if not (len(families) >= 2 or self_ref or truncated):
            return None
    elif not (addressed and self_ref and truncated):
        # No prompt vocabulary: only an addressed line that points at the
        # publication's own stories *and* is cut off ("Get the best stories from").
        return None
    if is_reported_or_quoted(norm, hint_low):
        return None
    return PromptGuess(families, self_ref, truncated)
