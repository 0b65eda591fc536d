"""Sentence splitter: accuracy and throughput of lintnews' splitter against pySBD.

    python benchmarks/sentences.py [--work DIR] [--no-pysbd]

Cases come from ``benchmarks/sentences.txt`` (the English Golden Rules of
the Pragmatic Segmenter / pySBD, restated, plus news-style sentences).  A case
passes when the splitter returns exactly the expected sentences.  Throughput
is measured on every paragraph of ``../shared/corpus/real`` (one paragraph
per line there), split one paragraph at a time, as lintnews' readers do.

pySBD is installed into its own venv under ``--work`` (it is not a lintnews
dependency) and runs there, fed the same inputs over a pipe.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CASES = HERE / "sentences.txt"
CORPUS = HERE.parent.parent / "shared" / "corpus" / "real"

PYSBD_RUNNER = r"""
import json, sys, time
import pysbd
data = json.load(sys.stdin)
seg = pysbd.Segmenter(language="en", clean=False)
out = [[s.strip() for s in seg.segment(t) if s.strip()] for t in data["cases"]]
start = time.perf_counter()
n = 0
for _ in range(data["repeat"]):
    for p in data["paragraphs"]:
        n += len(seg.segment(p))
elapsed = time.perf_counter() - start
json.dump({"cases": out, "seconds": elapsed, "sentences": n}, sys.stdout)
"""


def load_cases(path: Path = CASES) -> list[tuple[str, str, list[str]]]:
    """``(name, text, expected sentences)`` for every case of the data file."""
    cases: list[tuple[str, str, list[str]]] = []
    name, text, expected = "", "", []
    for raw in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = raw.rstrip("\n")
        if line.startswith("@ "):
            name = line[2:].strip()
        elif line.startswith("> "):
            text = line[2:]
        elif line.startswith("= "):
            expected.append(line[2:].strip())
        elif not line.strip() and text:
            cases.append((name, text, expected))
            name, text, expected = "", "", []
    return cases


def paragraphs() -> list[str]:
    out = []
    for file in sorted(CORPUS.glob("*.txt")):
        out.extend(line for line in file.read_text(encoding="utf-8").splitlines() if line.strip())
    return out


def lintnews_split(text: str) -> list[str]:
    from lintnews.sentences import split_sentences

    return [text[s:e].strip() for s, e in split_sentences(text)]


def pysbd_python(work: Path) -> str | None:
    venv = work / "venv-pysbd"
    py = venv / "bin" / "python"
    if not py.exists():
        print("installing pysbd into", venv)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        r = subprocess.run(
            [str(venv / "bin" / "pip"), "install", "-q", "pysbd"], capture_output=True, text=True
        )
        if r.returncode != 0:
            print("  ! could not install pysbd:", r.stderr.strip().splitlines()[-1:])
            return None
    return str(py)


def score(name: str, outputs: list[list[str]], cases: list[tuple[str, str, list[str]]]) -> None:
    for group in ("golden", "news"):
        picked = [(c, o) for c, o in zip(cases, outputs, strict=True) if c[0].startswith(group)]
        ok = sum(1 for c, o in picked if o == c[2])
        print(f"  {name:<10} {group:<7} {ok:>3}/{len(picked):<3} ({ok / len(picked):.0%})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "lintnews-bench")
    ap.add_argument("--no-pysbd", action="store_true")
    ap.add_argument("--repeat", type=int, default=3, help="passes over the corpus paragraphs")
    ap.add_argument("--show-failures", action="store_true")
    args = ap.parse_args()
    cases = load_cases()
    paras = paragraphs()
    size = sum(len(p.encode()) for p in paras) * args.repeat

    ours = [lintnews_split(text) for _, text, _ in cases]
    start = time.perf_counter()
    n = 0
    for _ in range(args.repeat):
        for p in paras:
            n += len(lintnews_split(p))
    elapsed = time.perf_counter() - start
    print(f"sentence splitting: {len(cases)} cases, {len(paras)} corpus paragraphs x {args.repeat}")
    print("accuracy (exact sentence lists):")
    score("lintnews", ours, cases)
    rows = [("lintnews (sentencex)", elapsed, n)]
    theirs = None
    if not args.no_pysbd:
        args.work.mkdir(parents=True, exist_ok=True)
        py = pysbd_python(args.work)
        if py:
            payload = json.dumps(
                {"cases": [t for _, t, _ in cases], "paragraphs": paras, "repeat": args.repeat}
            )
            out = subprocess.run(
                [py, "-c", PYSBD_RUNNER], input=payload, capture_output=True, text=True
            )
            if out.returncode == 0:
                data = json.loads(out.stdout)
                theirs = data["cases"]
                score("pysbd", theirs, cases)
                rows.append(("pysbd", data["seconds"], data["sentences"]))
            else:
                print("  ! pysbd failed:", out.stderr.strip()[-300:])
    print("throughput:")
    for label, seconds, count in rows:
        print(
            f"  {label:<22} {seconds:7.2f} s  {size / 1e6 / seconds:6.2f} MB/s  "
            f"{count / seconds:9.0f} sentences/s"
        )
    if args.show_failures:
        for i, (name, _text, expected) in enumerate(cases):
            if ours[i] != expected:
                print(f"\nlintnews fails {name}:\n  got      {ours[i]}\n  expected {expected}")
            if theirs is not None and theirs[i] != expected:
                print(f"\npysbd fails {name}:\n  got      {theirs[i]}\n  expected {expected}")


if __name__ == "__main__":
    main()
