"""Time reading and writing catalogs, in this process.

    python tests/benchmarks/catalog_speed.py [--repo DIR] [FOLDER_OR_FILE ...]

Reads every .po/.pot under the given folders (default: this repository's
locale/ and tests/data/) from memory, with the checks every command runs,
then writes each back to bytes; prints the best of five rounds (--rounds) of each, in
milliseconds of CPU time (the machine may be shared), and the first round of writing
(the writer memoises the layout of each string, so later rounds reuse it). `--repo` times another checkout's code on the same files
(the reader moved from pipeline.catalog_io to pipeline.po).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent


def catalog_functions(repo: Path):
    sys.path.insert(0, str(repo))
    from pipeline import catalog_io
    if hasattr(catalog_io, "parse_catalog"):  # a checkout from before pipeline.po
        return catalog_io.decode_catalog, catalog_io.parse_catalog, catalog_io.catalog_bytes
    from pipeline import po
    return po.decode_catalog, po.parse_catalog, po.catalog_bytes


def rounds_of(rounds: int, function) -> list[float]:
    times = []
    for _ in range(rounds):
        start = time.process_time()
        function()
        times.append((time.process_time() - start) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repo", type=Path, default=REPO)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("paths", type=Path, nargs="*", default=[REPO / "locale", REPO / "tests" / "data"])
    options = parser.parse_args()
    decode, parse, write = catalog_functions(options.repo.resolve())
    files = sorted(p for path in options.paths for p in ([path] if path.is_file() else path.rglob("*"))
                   if p.suffix in (".po", ".pot"))
    texts = []
    for path in files:
        try:
            texts.append((str(path), decode(path.read_bytes(), str(path))))
        except Exception:  # a catalog made to be refused: not timed
            continue
    readable = []
    for name, text in texts:
        try:
            parse(text, name, require_header=False)
            readable.append((name, text))
        except Exception:
            continue
    catalogs = [parse(text, name, require_header=False) for name, text in readable]
    size = sum(len(text) for _, text in readable)
    read = min(rounds_of(options.rounds, lambda: [parse(text, name, require_header=False) for name, text in readable]))
    writes = rounds_of(options.rounds, lambda: [write(po) for po in catalogs])
    print(f"{len(readable)} catalogs, {size / 1e6:.2f} MB, {sum(len(po) for po in catalogs)} entries: "
          f"read {read:.1f} ms, write {min(writes):.1f} ms (first round {writes[0]:.1f} ms)")


if __name__ == "__main__":
    main()
