"""Whether two versions of locpipe write the same bytes: the bundled project
and the benchmark workload, run through the same commands by a git revision
(default: main) and by the working tree, with SOURCE_DATE_EPOCH fixed.

    python tests/benchmarks/same_output.py [--rev main] [--docs 40] [--langs 5] [--work DIR]

Each side runs `update`, then (as the benchmark does) translates the page
strings, then `compile`, `readability`, a cold `build`, a `build` with
nothing changed and a `build` after one leaflet and one catalog changed,
and the script compares `locale/` and `output/` file by file after the cold
build and at the end. The build state (`output/.locpipe-build.json`) names
a hash of locpipe's own code, so it differs between any two versions and is
left out. Prints every difference; exit status 1 when there is one.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO))

import bench  # noqa: E402

IGNORED = {"output/.locpipe-build.json", "locale/.locpipe.lock"}


def export(revision: str, target: Path) -> Path:
    """The code of a git revision, as files."""
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(REPO), "archive", revision, "pipeline"], check=True,
                             capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target


def bundled(root: Path) -> None:
    root.mkdir(parents=True)
    shutil.copytree(REPO / "source", root / "source")
    shutil.copytree(REPO / "locale", root / "locale", ignore=shutil.ignore_patterns("*.mo", ".locpipe.lock"))
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")


def tree(root: Path) -> dict[str, str]:
    files = {}
    for folder in ("locale", "output"):
        for path in sorted((root / folder).rglob("*")):
            name = str(path.relative_to(root))
            if path.is_file() and name not in IGNORED:
                files[name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return files


def differences(a: Path, b: Path) -> list[str]:
    before, after = tree(a), tree(b)
    found = [f"only in {a.name}: {n}" for n in sorted(set(before) - set(after))]
    found += [f"only in {b.name}: {n}" for n in sorted(set(after) - set(before))]
    found += [f"differs: {n}" for n in sorted(set(before) & set(after)) if before[n] != after[n]]
    return found


def run_side(code: Path, root: Path, edit: bool) -> dict[str, Path]:
    """The commands, each to its end; returns snapshots after the cold build and at the end."""
    env = dict(os.environ, SOURCE_DATE_EPOCH="1750032000", PYTHONPATH=str(code), LOCPIPE_CACHE_DIR="off")

    def locpipe(*args: str) -> None:
        # run from the code's own folder: `-m` looks in the working folder before PYTHONPATH
        result = subprocess.run([sys.executable, "-m", "pipeline", "--project", str(root), *args], env=env,
                                cwd=code, capture_output=True, text=True)
        if result.returncode not in (0, 1):
            raise SystemExit(f"{code}: locpipe {' '.join(args)} failed ({result.returncode}):\n{result.stderr}")

    locpipe("update", "--quiet")
    bench.translate_page_strings(root)
    locpipe("compile")
    locpipe("readability")
    locpipe("build", "--quiet")
    cold = root.with_name(root.name + "-cold")
    shutil.rmtree(cold, ignore_errors=True)
    shutil.copytree(root, cold, symlinks=True)
    locpipe("build", "--quiet")
    if edit:
        bench.edit_one_leaflet(root, "es")
        locpipe("build", "--quiet")
    return {"cold build": cold, "end": root}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rev", default="main", help="the version to compare with (default: main)")
    parser.add_argument("--docs", type=int, default=40)
    parser.add_argument("--langs", type=int, default=5)
    parser.add_argument("--work", type=Path, default=Path("/tmp/locpipe-same-output"))
    args = parser.parse_args()
    work = args.work.resolve()
    code = export(args.rev, work / "code")
    corpus = bench.make_corpus(work, args.docs, args.langs)
    workload = work / "workload"
    bench.locpipe_project(corpus, workload)
    projects = {"bundled project": None, f"workload {args.docs}x{args.langs}": workload}
    status = 0
    for label, prepared in projects.items():
        sides = {}
        for side, code_path in ((args.rev, code), ("working-tree", REPO)):
            root = work / label.replace(" ", "-") / side.replace("/", "-")
            shutil.rmtree(root, ignore_errors=True)
            if prepared is None:
                bundled(root)
            else:
                shutil.copytree(prepared, root)
            sides[side] = run_side(code_path, root, edit=prepared is not None)
        for moment in sides[args.rev]:
            a, b = sides[args.rev][moment], sides["working-tree"][moment]
            found = differences(a, b)
            files = len(tree(b))
            print(f"{label}, {moment}: {files} files in locale/ and output/, "
                  + (f"{len(found)} differences" if found else "byte-identical"))
            for line in found:
                print("  " + line)
            status |= bool(found)
    return status


if __name__ == "__main__":
    sys.exit(main())
