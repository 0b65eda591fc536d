"""The readability word store (``plugins/readability/wordstore.py``): tokens'
packed figures kept between runs must never change a figure or an output."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from lintnews.plugins.readability import scoring, syllables, wordstore

from lintnews.userdirs import blake2b

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "real"


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh process state: the store under ``tmp_path``, nothing learnt or opened."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("LINTNEWS_NO_WORD_CACHE", raising=False)
    _reset(monkeypatch)
    return tmp_path / "lintnews" / "words"


def _reset(monkeypatch: pytest.MonkeyPatch) -> None:
    """Forget what this process learnt and opened (as a new process would)."""
    monkeypatch.setattr(wordstore, "_path", wordstore._MISSING)
    monkeypatch.setattr(scoring, "_PACKED", {})
    monkeypatch.setattr(scoring, "_VALUES", {})
    monkeypatch.setattr(scoring, "_stored", scoring._UNOPENED)
    monkeypatch.setattr(scoring, "_new", [])
    monkeypatch.setattr(scoring, "_saving", False)
    monkeypatch.setattr(scoring, "_save_at", scoring.SAVE_FIRST)
    monkeypatch.setattr(scoring, "_articles", 0)
    monkeypatch.setattr(scoring, "_tail_at", 256)
    monkeypatch.setattr(scoring, "_max_syllables", 1)
    monkeypatch.setattr(scoring, "_safe_tokens", 65536)
    monkeypatch.setattr("atexit.register", lambda *a, **k: None)  # no saves at pytest's exit


def _tokens(seed: str, n: int) -> list[str]:
    """Words of the corpus, with edge punctuation, random letters (non-ASCII,
    digits, apostrophes, lone surrogates) and overlong tokens."""
    rng = random.Random(seed)
    words = []
    for path in sorted(CORPUS.glob("*.txt"))[:20] if CORPUS.is_dir() else []:
        words += path.read_text("utf-8").split()
    words += ["the", "said", "“We", "(AP)", "Delhi.", "2025", "G7", "30,", "don't", "'tis"]
    words += ["Japan’s", "well-known", "—", "•"]
    alphabet = "abcdefghijklmnopqrstuvwxyzABCé’'-.—,;:!?()\"0123456789ßЖжΩ中\ud800"
    out = []
    for _ in range(n):
        r = rng.random()
        if r < 0.6 and words:
            out.append(rng.choice(words))
        elif r < 0.97:
            out.append("".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12))))
        else:
            out.append("x" * rng.randint(40, 200))
    return out


def _learn_each(tokens: list[str]) -> dict[str, int]:
    for token in tokens:
        scoring._learn([token])
    return dict(scoring._PACKED)


def test_codes_round_trip_every_packed_value() -> None:
    values = scoring._code_values(wordstore.MAX_CODE + 1)
    for code, value in enumerate(values):
        if value is None:
            continue
        count = value & 0xFFFF
        assert value >> 16 & 0xFFFF == (count >= 3)
        assert code == count * 4 + (value >> 32 & 1) * 2 + (value >> 48)


def test_warm_figures_equal_cold_figures(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tokens learnt, saved, then looked up by a fresh process state: the same
    packed figures, whatever the token (all are learnt without the store too)."""
    tokens = _tokens("warm", 30_000)
    monkeypatch.setenv("LINTNEWS_NO_WORD_CACHE", "1")
    cold = _learn_each(tokens)
    assert scoring._stored is None and not scoring._saving
    _reset(monkeypatch)
    monkeypatch.delenv("LINTNEWS_NO_WORD_CACHE")
    first = _learn_each(tokens)
    scoring._save_store()
    assert first == cold
    assert len(os.listdir(store)) == 1
    _reset(monkeypatch)
    warm = _learn_each(tokens)
    assert warm == cold
    assert scoring._saving and callable(scoring._stored)
    # the stored ones were looked up, not learnt: only the unstorable are new, and
    # tokens taking their letters' figures ("said," after "said"), which is cheaper
    unstorable = {
        t for t in cold if len(t.encode("utf-8", "surrogatepass")) > wordstore.MAX_TOKEN_BYTES
    }
    by_letters = {t for t in cold if not t.isalnum() and scoring._letters_within(t)}
    assert set(scoring._new) <= unstorable | by_letters
    assert unstorable  # the test holds some


def test_a_warm_run_reads_no_syllable_table(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tokens = _tokens("tables", 3_000)
    _learn_each(tokens)
    scoring._save_store()
    _reset(monkeypatch)
    monkeypatch.setattr(syllables, "_cmu", None)
    monkeypatch.setattr(syllables, "_hyph", None)
    stored = [t for t in tokens if len(t.encode("utf-8", "surrogatepass")) <= 64]
    _learn_each(stored)
    assert syllables._cmu is None and syllables._hyph is None


def _damaged(path: Path) -> list[bytes]:
    data = path.read_bytes()
    flipped = bytearray(data)
    flipped[len(data) // 2] ^= 0x04
    return [
        b"",
        b"garbage",
        data[: len(data) // 2],  # truncated
        data[:-1],
        bytes(flipped),  # one bit
        data + b"x",
        data[:15] + bytes(16) + data[31:],  # the digest zeroed
    ]


def test_a_corrupt_store_is_ignored(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tokens = _tokens("corrupt", 4_000)
    cold = _learn_each(tokens)
    scoring._save_store()
    (path,) = store.iterdir()
    for data in _damaged(path):
        path.write_bytes(data)
        _reset(monkeypatch)
        assert wordstore.open_store() == (None, 0)
        assert _learn_each(tokens) == cold


def test_a_foreign_store_is_ignored(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another key's file under this key's name is refused: its digest covers the
    key (the file name) with the content."""
    tokens = _tokens("foreign", 2_000)
    _learn_each(tokens)
    scoring._save_store()
    (path,) = store.iterdir()
    other = store / ("0" * 24)
    other.write_bytes(path.read_bytes())
    monkeypatch.setattr(wordstore, "_path", str(other))
    assert wordstore.open_store() == (None, 0)
    monkeypatch.setattr(wordstore, "_path", str(path))
    assert wordstore.open_store()[0] is not None  # type: ignore[index]


def test_an_unreadable_or_unwritable_store_is_ignored(
    store: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    tokens = _tokens("unwritable", 2_000)
    monkeypatch.setenv("LINTNEWS_NO_WORD_CACHE", "1")
    cold = _learn_each(tokens)
    _reset(monkeypatch)
    monkeypatch.delenv("LINTNEWS_NO_WORD_CACHE")
    blocker = tmp_path / "blocked"
    blocker.write_text("a file where the cache directory should be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert _learn_each(tokens) == cold
    scoring._save_store()  # cannot write: nothing raised, nothing written
    assert blocker.is_file()
    _reset(monkeypatch)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    store.mkdir(parents=True)
    (store / Path(wordstore.store_path() or "").name).mkdir()  # a directory in its place
    _reset(monkeypatch)
    assert _learn_each(tokens) == cold
    scoring._save_store()


def test_the_off_switch(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LINTNEWS_NO_WORD_CACHE", "1")
    assert wordstore.open_store() is None
    _learn_each(_tokens("off", 3_000))
    scoring._save_store()
    scoring._save_at_exit()
    assert not store.exists()
    assert scoring._new == []  # nothing kept for a save that never comes


def test_the_store_is_bounded(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(wordstore, "MAX_ENTRIES", 500)
    first = [f"alpha{i}" for i in range(400)]
    second = [f"beta{i}" for i in range(400)]
    assert wordstore.save(first, [4] * 400)
    assert wordstore.save(second, [8] * 400)
    lookup, entries = wordstore.open_store()  # type: ignore[misc]
    assert entries == 500
    # the tokens stored first stay, then the new ones while there is room
    assert all(lookup(t) == 4 for t in first)
    assert [lookup(t) for t in second[:100]] == [8] * 100
    assert all(lookup(t) == -1 for t in second[100:])
    # too long, or without a code: not stored
    assert not wordstore.save(["y" * 65, "fine"], [4, -1])
    assert wordstore.save(["y" * 64, "é" * 32], [4, 12]) is False  # full
    monkeypatch.setattr(wordstore, "MAX_ENTRIES", 600)
    assert wordstore.save(["y" * 64, "é" * 32, "é" * 33], [4, 12, 4])
    lookup, entries = wordstore.open_store()  # type: ignore[misc]
    assert (lookup("y" * 64), lookup("é" * 32), lookup("é" * 33), entries) == (4, 12, -1, 502)


def test_workers_save_at_thresholds_and_the_tail(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tokens = [f"word{i}" for i in range(scoring.SAVE_FIRST - 1)]
    _learn_each(tokens)
    assert not store.exists()
    _learn_each(["one", "more"])
    assert len(os.listdir(store)) == 1 and scoring._save_at == 4 * scoring.SAVE_FIRST
    assert len(scoring._new) == 1  # "more" came after the save
    _learn_each([f"tail{i}" for i in range(scoring.SAVE_TAIL)])
    monkeypatch.setattr(scoring, "_articles", 255)
    scoring.analyse([])
    assert scoring._new == [] and scoring._tail_at == 1024
    lookup, entries = wordstore.open_store()  # type: ignore[misc]
    assert entries == scoring.SAVE_FIRST + 1 + scoring.SAVE_TAIL
    assert lookup("tail0") >= 0


def test_a_stale_key_is_not_used(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = wordstore.store_path()
    assert path is not None
    monkeypatch.setattr(wordstore, "FORMAT", wordstore.FORMAT + 1)
    assert wordstore._key() != Path(path).name
    monkeypatch.setattr(wordstore, "table_stamp", lambda table: b"0" * 32)
    assert wordstore._key() not in (None, Path(path).name)
    monkeypatch.setattr(wordstore, "table_stamp", lambda table: None)
    assert wordstore._key() is None  # an unstamped table: no store


def test_the_tables_stamps_are_their_digests() -> None:
    for table in (syllables._CMU_FILE, syllables._HYPH_FILE):
        data = Path(table).read_bytes()
        _, rest = data.split(b"\n", 1)
        assert wordstore.table_stamp(table) == blake2b(rest, digest_size=16).hexdigest().encode()
        assert wordstore.stamp_table(rest) == data


def test_other_keys_stores_are_pruned(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store.mkdir(parents=True)
    for i in range(6):
        old = store / f"{i:024d}"
        old.write_bytes(b"old")
        os.utime(old, ns=(i * 10**9, i * 10**9))
    assert wordstore.save(["token"], [4])
    names = sorted(p.name for p in store.iterdir())
    own = Path(wordstore.store_path() or "").name
    assert names == sorted([own, *(f"{i:024d}" for i in (3, 4, 5))])


def _cli(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "lintnews", *args]
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="needs the shared corpus")
def test_cold_and_warm_runs_report_the_same(tmp_path: Path) -> None:
    """Real runs (in one process and with two workers): the JSON of a run without
    the store, of the run that fills it and of runs that read it are identical."""
    news = tmp_path / "news"
    news.mkdir()
    for path in sorted(CORPUS.glob("*.txt"))[:30]:
        (news / path.name).write_text(path.read_text("utf-8"), "utf-8")
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "user-cache"))
    env.pop("LINTNEWS_NO_WORD_CACHE", None)
    args = ["check", "news", "--format", "json", "--no-cache"]
    off = _cli(args, dict(env, LINTNEWS_NO_WORD_CACHE="1"), tmp_path)
    words = tmp_path / "user-cache" / "lintnews" / "words"
    assert not words.exists()
    outputs = []
    for jobs in ("1", "2", "1", "2"):
        run = _cli([*args, "--jobs", jobs], env, tmp_path)
        outputs.append((run.returncode, run.stdout))
    assert len(list(words.iterdir())) == 1
    assert all(output == (off.returncode, off.stdout) for output in outputs)
    # a corrupt store: the same report again
    (path,) = words.iterdir()
    path.write_bytes(path.read_bytes()[:-7])
    run = _cli(args, env, tmp_path)
    assert (run.returncode, run.stdout) == (off.returncode, off.stdout)
