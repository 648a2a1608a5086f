"""Which mutations of the corpus `locpipe check` reports as errors today: caught/total
per class and language, the mutations not caught, and the originals reported.

    .venv/bin/python tests/data/mutations/summary.py          # the table and lists
    .venv/bin/python tests/data/mutations/summary.py --gaps   # KNOWN_GAPS.txt for today's checks
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # tests/

from mutation_corpus import all_results, summary  # noqa: E402


def main(argv: list[str]) -> int:
    found = all_results()
    if "--gaps" in argv:
        print("# Mutations that `locpipe check` does not report as an error yet: `<lang>:<line>` of the")
        print("# entry in tests/data/mutations/<lang>.po (or `<lang>:<msgid prefix>`). tests/test_mutations.py")
        print("# marks them xfail(strict=True): remove a line when the check that catches it lands.")
        print("# Made by `python tests/data/mutations/summary.py --gaps`.")
        for result in found:
            if not result.caught:
                m = result.mutation
                print(f"{m.language}:{m.line}  # {m.mutation}: {m.what}")
        reported = [result for result in found if result.original_errors]
        if reported:
            print()
            print("# Original (correct) translations that `locpipe check` reports as an error: `original <lang>:<line>`.")
            for result in reported:
                m = result.mutation
                errors = "; ".join(f"{check}: {message}" for check, message in sorted(result.original_errors))
                print(f"original {m.language}:{m.line}  # {errors}")
        return 0
    print(summary(found))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
