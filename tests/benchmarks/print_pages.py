"""The floor of a PDF: WeasyPrint alone, on the same print pages locpipe lays out.

    python tests/benchmarks/print_pages.py dump PROJECT FOLDER   # the print HTML of every page
    python tests/benchmarks/print_pages.py render FOLDER         # bare WeasyPrint on each, as JSON

`dump` builds PROJECT with --pdf once, in this process, with `pdf_bytes`
replaced by a function that writes each print page's HTML to FOLDER (and
makes no PDF: run it on a copy of the project, its output is not a build).
`render` lays each one out with WeasyPrint and nothing else (the same call
and PDF variant as locpipe's, no data cache) and prints the CPU time of the
layouts, the pages and the time per page, for bench.py to set beside
locpipe's own cost per page.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from pathlib import Path


def dump(project: Path, folder: Path) -> int:
    import pipeline.render.pdf as pdf
    from pipeline.cli import main

    folder.mkdir(parents=True, exist_ok=True)

    def keep(html: str) -> bytes:
        (folder / f"{hashlib.sha256(html.encode()).hexdigest()[:16]}.html").write_text(html, encoding="utf-8")
        return b""

    pdf.pdf_bytes = keep
    return main(["--project", str(project), "build", "--quiet", "--pdf", "--jobs", "1"])


def render(folder: Path) -> int:
    import weasyprint
    from weasyprint.urls import URLFetcher

    pages, started = 0, time.process_time()
    for path in sorted(folder.glob("*.html")):
        options = {**weasyprint.DEFAULT_OPTIONS, "pdf_variant": "pdf/ua-1"}  # what HTML.write_pdf does
        document = weasyprint.HTML(string=path.read_text(encoding="utf-8"),
                                   url_fetcher=URLFetcher(allowed_protocols=("data",))).render(**options)
        pages += len(document.pages)
        document.write_pdf(**options)
    cpu = time.process_time() - started
    json.dump({"cpu": cpu, "pages": pages, "per_page": cpu / pages if pages else 0.0}, sys.stdout)
    return 0


if __name__ == "__main__":
    command, *paths = sys.argv[1:]
    sys.exit(dump(Path(paths[0]), Path(paths[1])) if command == "dump" else render(Path(paths[0])))
