"""The benchmark's workload is a build that publishes every language, as the
floor script does: a check that refused the pseudo-translations would make
the benchmark time a build that renders English only."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO / "tests" / "benchmarks" / "bench.py"
WORKLOAD = REPO.parent / "shared" / "bench" / "make_corpus.py"


@pytest.mark.skipif(not WORKLOAD.exists(), reason="the shared benchmark workload is not beside the project")
def test_every_language_of_the_benchmark_workload_is_published(tmp_path):
    spec = importlib.util.spec_from_file_location("bench", BENCH)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    corpus = bench.make_corpus(tmp_path, 3, 5)
    root = tmp_path / "project"
    languages = bench.locpipe_project(corpus, root)
    env = dict(os.environ, SOURCE_DATE_EPOCH="1750032000", PYTHONPATH=str(REPO))
    locpipe = [sys.executable, "-m", "pipeline", "--project", str(root)]
    subprocess.run(locpipe + ["update", "--quiet"], env=env, check=True, capture_output=True)
    bench.translate_page_strings(root)

    checked = subprocess.run(locpipe + ["check", "--json", "--severity", "error"], env=env,
                             capture_output=True, text=True)
    assert json.loads(checked.stdout) == [] and checked.returncode == 0
    built = subprocess.run(locpipe + ["build", "--quiet"], env=env, capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    pages = sorted(p.relative_to(root / "output").as_posix() for p in (root / "output").glob("*/doc*.html"))
    assert pages == [f"{lang}/doc{i:04d}.html" for lang in sorted(["en", *languages]) for i in range(3)]


@pytest.mark.skipif(not WORKLOAD.exists(), reason="the shared benchmark workload is not beside the project")
def test_the_workloads_acronyms_spell_no_word_the_checks_read():
    """Leaflet 157 defines "Macrophage Excess Syndrome (MES)": kept as it is,
    Spanish reads "mes" (a month), and the checks rightly refused the page."""
    spec = importlib.util.spec_from_file_location("bench", BENCH)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    assert [bench._acronym(name, "es") for name in ("MES", "CRS", "ICANS")] == ["SEM", "CRS", "ICANS"]
    assert bench._acronym("MES", "ru") == "MES"  # Latin letters: no Russian word
