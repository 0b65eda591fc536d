"""TX004 imports ftfy without ``ftfy.formatting`` (and ``wcwidth``), and ftfy still works.

Each check runs in a fresh interpreter: the test process may have imported
ftfy already, and then the rule uses it as it is.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap


def _run(code: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_fix_encoding_is_imported_without_formatting_or_wcwidth() -> None:
    _run(
        """
        import sys
        from lintnews.plugins.hygiene.rules import _fix_encoding
        fix = _fix_encoding()
        assert fix("Saturn\u00e2\u20ac\u2122s moon") == "Saturn\u2019s moon"
        assert "wcwidth" not in sys.modules
        assert "ftfy.formatting" not in sys.modules
        import ftfy
        assert fix is ftfy.fix_encoding
        """
    )


def test_ftfy_formatting_works_after_the_deferred_import() -> None:
    _run(
        """
        import sys
        from lintnews.plugins.hygiene.rules import _fix_encoding
        _fix_encoding()
        import ftfy
        # the name ftfy's package imported calls the real function
        assert ftfy.display_ljust("ab", 5) == "ab   "
        assert "wcwidth" in sys.modules
        import ftfy.formatting
        assert type(ftfy.formatting).__name__ == "module"
        assert ftfy.formatting.display_ljust("ab", 5) == "ab   "
        assert ftfy.formatting.monospaced_width("\u6771\u4eac") == 4
        """
    )


def test_formatting_imported_first_is_used_as_it_is() -> None:
    _run(
        """
        import sys
        import ftfy.formatting
        real = ftfy.formatting.display_ljust
        from lintnews.plugins.hygiene.rules import _fix_encoding
        assert _fix_encoding()("caf\u00c3\u00a9") == "caf\u00e9"
        import ftfy
        assert ftfy.display_ljust is real
        """
    )


def test_stand_in_reads_other_names_from_the_real_module() -> None:
    _run(
        """
        import sys
        from lintnews.plugins.hygiene.rules import _DeferredModule
        stand_in = _DeferredModule("ftfy.formatting")
        sys.modules["ftfy.formatting"] = stand_in
        # not a function the stand-in defers: read from the real module at once
        normalize = stand_in.normalize
        import unicodedata
        assert normalize is unicodedata.normalize
        assert sys.modules["ftfy.formatting"] is not stand_in
        """
    )


def test_ftfy_patterns_from_the_regex_store_are_re_compiles() -> None:
    """Cold (the store is empty) and warm: ftfy's import-time patterns equal
    ``re.compile``'s and come from the compiled-regex store, and ``re.compile``
    is restored afterwards."""
    import os
    import tempfile

    code = """
        import os, re, sys
        original = re.compile
        from lintnews import recache
        from lintnews.userdirs import blake2b
        from lintnews.plugins.hygiene.rules import _fix_encoding
        fix = _fix_encoding()
        assert re.compile is original
        import ftfy.badness, ftfy.chardata
        for rx in (ftfy.badness.BADNESS_RE, ftfy.chardata.HTML_ENTITY_RE):
            flags = int(rx.flags & ~re.UNICODE)  # as ftfy passed them
            assert rx == original(rx.pattern, flags)
            if recache._store() is not None:  # CPython 3.11+
                key = f"{flags}:{rx.pattern}".encode("utf-8", "surrogatepass")
                name = blake2b(key, digest_size=16).hexdigest()
                assert os.path.exists(os.path.join(recache._store(), name)), rx.pattern[:40]
        assert fix("Saturn\u00e2\u20ac\u2122s moon") == "Saturn\u2019s moon"
        mojibake = "caf\u00c3\u00a9 \u00d0\u00bf\u00d1\u0080\u00d0\u00b8"
        assert fix(mojibake) == "caf\u00e9 \u043f\u0440\u0438"
        """
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, XDG_CACHE_HOME=home)
        env.pop("LINTNEWS_NO_REGEX_CACHE", None)
        for _ in ("cold", "warm"):
            result = subprocess.run(
                [sys.executable, "-c", textwrap.dedent(code)],
                capture_output=True,
                text=True,
                env=env,
            )
            assert result.returncode == 0, result.stderr


def test_entity_table_built_with_the_quick_unescape_equals_ftfy_own() -> None:
    """ftfy's entity table, built while ``html.unescape`` is the quick stand-in,
    is the one its own builder makes with the real function, which is back."""
    _run(
        """
        import html
        real = html.unescape
        from lintnews.plugins.hygiene.rules import _fix_encoding
        _fix_encoding()
        import ftfy.chardata
        assert html.unescape is real
        assert ftfy.chardata.HTML_ENTITIES == ftfy.chardata._build_html_entities()
        """
    )


def test_quick_unescape_equals_html_unescape() -> None:
    """On every entity name in every case, with and without ";", on random
    names of letters and digits up to 40 long and on random text with "&",
    "#" and ";", the stand-in answers as ``html.unescape``."""
    import html
    import random
    from html.entities import html5

    from lintnews.plugins.hygiene.rules import _quick_entity_unescape

    real = html.unescape
    rng = random.Random(41)
    alnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    texts = []
    for key in html5:
        for name in {key, key.upper(), key.lower(), key.rstrip(";")}:
            texts += ["&" + name, "&" + name + ";", "&" + name + "x;", "&" + name + "1;"]
    for _ in range(60000):
        texts.append("&" + "".join(rng.choices(alnum, k=rng.randint(0, 40))) + ";")
        texts.append("".join(rng.choices(alnum[:8] + "&#;x AMP\u00e9", k=rng.randint(0, 12))))
    with _quick_entity_unescape():
        quick = html.unescape
        assert quick is not real
        for text in texts:
            assert quick(text) == real(text), text
    assert html.unescape is real
