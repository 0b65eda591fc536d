"""The harness's interval for the median pair ratio (``benchmarks/run.py --pairs``)."""

from __future__ import annotations

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from run import median_interval  # noqa: E402


def test_too_few_pairs_give_no_interval() -> None:
    # five values: even (min, max) covers the median with probability 30/32 < 95%
    assert median_interval([1.0, 2.0, 3.0, 4.0, 5.0]) is None
    assert median_interval([]) is None


def test_six_pairs_give_the_extremes() -> None:
    # 1 - 2/64 = 96.9% for (min, max); nothing narrower reaches 95%
    assert median_interval([3.0, 1.0, 6.0, 2.0, 5.0, 4.0]) == (1.0, 6.0)


def test_twenty_one_pairs_give_the_sixth_and_sixteenth() -> None:
    # P(Bin(21, 1/2) <= 5) = 1.3%, P(<= 6) = 3.9%: k = 6 is the largest with >= 95%
    values = [float(v) for v in range(21, 0, -1)]
    assert median_interval(values) == (6.0, 16.0)


def test_the_interval_covers_the_true_median_as_often_as_it_claims() -> None:
    # skewed, bursty draws (as this machine's drift): the coverage holds anyway
    rng = random.Random(6)
    true_median = 1.0  # of exp(N(0, 1)) * 1.0
    trials, covered = 2000, 0
    for _ in range(trials):
        draws = [rng.lognormvariate(0.0, 1.0) for _ in range(11)]
        interval = median_interval(draws)
        assert interval is not None
        covered += interval[0] <= true_median <= interval[1]
    assert covered / trials >= 0.94
    # and it is not the whole range every time (it says something)
    assert covered / trials < 0.999
