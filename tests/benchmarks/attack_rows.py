#!/usr/bin/env python3
"""How many dangerous translations `locpipe check` lets through, and how many
correct ones it refuses, on an adversarial corpus (tests/data/attack_rows.tsv:
language, English source, translation, `dangerous` or `correct`, class; 2,016
dangerous and 945 correct rows in 16 languages, written to break the checks).
A measure, not a test: the corpus holds what no word list catches yet.

    python tests/benchmarks/attack_rows.py            # totals by class and language
    OUT=dir LANGS=es,fr python tests/benchmarks/attack_rows.py

One temporary project per language, each row one entry (msgctxt "case N"),
`python -m pipeline check --json`; a dangerous row without an error is a miss,
a correct row with one a false error (misses.tsv, false_errors.tsv in OUT).
REPO (env, default this checkout) is the code measured, run with this Python.
"""
from __future__ import annotations

import collections
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = Path(os.environ.get("REPO", HERE.parents[1])).resolve()
PY = Path(sys.executable)
ROWS = Path(os.environ.get("ROWS", HERE.parent / "data" / "attack_rows.tsv"))
OUT = Path(os.environ.get("OUT") or tempfile.mkdtemp(prefix="locpipe-attack-"))
OUT.mkdir(parents=True, exist_ok=True)

PLURALS = {
    "es": "nplurals=2; plural=(n != 1);", "pt": "nplurals=2; plural=(n != 1);",
    "fr": "nplurals=2; plural=(n > 1);", "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "pl": "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "ar": "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);",
    "zh_Hans": "nplurals=1; plural=0;", "zh_Hant": "nplurals=1; plural=0;", "ja": "nplurals=1; plural=0;",
    "ko": "nplurals=1; plural=0;", "vi": "nplurals=1; plural=0;", "ht": "nplurals=1; plural=0;",
    "tl": "nplurals=2; plural=(n != 1 && n != 2 && n != 3 && (n % 10 == 4 || n % 10 == 6 || n % 10 == 9));",
    "fa": "nplurals=2; plural=(n > 1);", "hi": "nplurals=2; plural=(n > 1);", "so": "nplurals=2; plural=(n != 1);",
}


def esc(s: str) -> str:
    return (s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
            .replace("\t", "\\t").replace("\r", "\\r"))


def read_rows():
    rows = []
    with open(ROWS, encoding="utf-8", newline="") as f:
        for i, line in enumerate(f.read().split("\n")):
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            if parts[0] == "language":
                continue
            if len(parts) != 5:
                print(f"rows.tsv:{i+1}: bad row ({len(parts)} columns)", file=sys.stderr)
                continue
            lang, en, tr, label, cls = parts
            tr = tr.replace("\\n", "\n")
            rows.append(dict(id=len(rows) + 1, tsvline=i + 1, lang=lang, en=en, tr=tr, label=label, cls=cls))
    return rows


def write_project(root: Path, lang: str, rows) -> dict[int, dict]:
    (root / "source").mkdir(parents=True)
    (root / "source" / "doc.md").write_text("---\ntitle: Test\n---\n\nTest leaflet.\n", encoding="utf-8")
    head = ['msgid ""', 'msgstr ""', '"MIME-Version: 1.0\\n"',
            '"Content-Type: text/plain; charset=UTF-8\\n"', '"Content-Transfer-Encoding: 8bit\\n"']
    pot = list(head) + [""]
    po = head[:2] + [f'"Language: {lang}\\n"'] + head[2:] + [f'"Plural-Forms: {PLURALS.get(lang, "nplurals=2; plural=(n != 1);")}\\n"', ""]
    starts = {}
    for r in rows:
        ctx = f'msgctxt "case {r["id"]}"'
        pot += [ctx, f'msgid "{esc(r["en"])}"', 'msgstr ""', ""]
        starts[len(po) + 1] = r
        po += [ctx, f'msgid "{esc(r["en"])}"', f'msgstr "{esc(r["tr"])}"', ""]
    (root / "locale" / lang / "LC_MESSAGES").mkdir(parents=True)
    (root / "locale" / "doc.pot").write_text("\n".join(pot), encoding="utf-8")
    (root / "locale" / lang / "LC_MESSAGES" / "doc.po").write_text("\n".join(po), encoding="utf-8")
    return starts


def run_check(root: Path):
    env = dict(os.environ, PYTHONPATH=str(REPO))
    p = subprocess.run([str(PY), "-m", "pipeline", "--project", str(root), "check", "--json"],
                       capture_output=True, text=True, env=env, cwd=str(root))
    return p.returncode, p.stdout, p.stderr


CRASHED: list[str] = []  # languages whose check command failed as a whole


def check_rows(lang, rows):
    """Findings per row id; a catalog refused as a whole (exit 2) is retried row by row."""
    with tempfile.TemporaryDirectory(prefix=f"att14-{lang}-") as d:
        root = Path(d)
        starts = write_project(root, lang, rows)
        rc, out, err = run_check(root)
    nfind = len(json.loads(out or "[]")) if rc in (0, 1) else -1
    print(f"  {lang}: {len(rows)} entries, exit {rc}, {nfind} findings" + (f", stderr {err.strip()[:300]!r}" if err.strip() else ""), file=sys.stderr)
    if rc == 0 and any(r["label"] == "dangerous" for r in rows):
        print(f"  WARNING {lang}: exit 0 on a catalog with dangerous rows", file=sys.stderr)
    if rc not in (0, 1, 2):  # the command itself failed: no row of this language was checked
        CRASHED.append(f"{lang}: exit {rc}: {err.strip()[-300:]}")
    if rc == 2:
        if len(rows) == 1:
            return {rows[0]["id"]: [{"severity": "refused", "check": "exit-2", "message": err.strip()[:300]}]}
        print(f"  {lang}: catalog refused (exit 2): {err.strip()[:300]}; retrying row by row", file=sys.stderr)
        res = {}
        for r in rows:
            res.update(check_rows(lang, [r]))
        return res
    findings = json.loads(out or "[]")
    lines = sorted(starts)
    res = collections.defaultdict(list)
    import bisect
    for f in findings:
        if f.get("path", "").endswith(".pot") or not f.get("line"):
            continue
        k = bisect.bisect_right(lines, f["line"]) - 1
        if k < 0:
            continue  # header (e.g. no-language-data on line 1)
        res[starts[lines[k]]["id"]].append(f)
    return res


def main():
    rows = read_rows()
    where = subprocess.run([str(PY), "-c", "import pipeline; print(pipeline.__file__)"], capture_output=True, text=True,
                           env=dict(os.environ, PYTHONPATH=str(REPO)), cwd="/").stdout.strip()
    if not where.startswith(str(REPO) + "/"):
        sys.exit(f"run.py: REPO={REPO} is not what Python imports ({where or 'nothing'}): no pipeline/ there?")
    head = subprocess.run(["git", "-C", str(REPO), "log", "-1", "--format=%h %cd", "--date=iso"], capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True).stdout.strip()
    print(f"testing {where} with {PY}; commit {head}{' + uncommitted changes' if dirty else ''}", file=sys.stderr)
    (OUT / "tested.txt").write_text(f"{REPO} {head}{' + uncommitted changes' if dirty else ''} at {__import__('datetime').datetime.utcnow():%Y-%m-%d %H:%M} UTC\n")
    langs = os.environ.get("LANGS")
    if langs:
        rows = [r for r in rows if r["lang"] in langs.split(",")]
    bylang = collections.defaultdict(list)
    for r in rows:
        bylang[r["lang"]].append(r)
    results = {}
    for lang, rs in bylang.items():
        print(f"checking {lang}: {len(rs)} rows", file=sys.stderr)
        # fresh ids per language project are fine: ids are global and unique
        results.update({r["id"]: [] for r in rs})
        for rid, fs in check_rows(lang, rs).items():
            results[rid] = fs
    misses, false_errors = [], []
    stat = collections.defaultdict(lambda: [0, 0])  # key -> [bad, total]
    for r in rows:
        errs = [f for f in results[r["id"]] if f["severity"] in ("error", "refused")]
        r["errors"] = errs
        r["all"] = results[r["id"]]
        if r["label"] == "dangerous":
            bad = not errs
            if bad:
                misses.append(r)
        else:
            bad = bool(errs)
            if bad:
                false_errors.append(r)
        for key in [(r["label"], "class", r["cls"]), (r["label"], "lang", r["lang"]), (r["label"], "all", "")]:
            stat[key][0] += bad
            stat[key][1] += 1
    for label, word in (("dangerous", "misses (dangerous with no error)"), ("correct", "false errors (correct with an error)")):
        tb, tt = stat[(label, "all", "")]
        print(f"\n== {label}: {word}: {tb}/{tt}")
        for kind in ("class", "lang"):
            items = sorted((k[2], v) for k, v in stat.items() if k[0] == label and k[1] == kind)
            print(f"  by {kind}: " + ", ".join(f"{n} {v[0]}/{v[1]}" for n, v in items))
    with open(OUT / "misses.tsv", "w", encoding="utf-8") as f:
        f.write("rowline\tlanguage\tclass\tsource\ttranslation\twarnings\n")
        for r in misses:
            warns = "; ".join(f'{x["check"]}: {x["message"]}' for x in r["all"])
            f.write(f'{r["tsvline"]}\t{r["lang"]}\t{r["cls"]}\t{r["en"]}\t{esc(r["tr"])}\t{warns}\n')
    with open(OUT / "false_errors.tsv", "w", encoding="utf-8") as f:
        f.write("rowline\tlanguage\tclass\tsource\ttranslation\terrors\n")
        for r in false_errors:
            errs = " | ".join(f'{x["check"]}: {x["message"]}' for x in r["errors"])
            f.write(f'{r["tsvline"]}\t{r["lang"]}\t{r["cls"]}\t{r["en"]}\t{esc(r["tr"])}\t{errs}\n')
    with open(OUT / "results.json", "w", encoding="utf-8") as f:
        json.dump([{k: r[k] for k in ("tsvline", "lang", "en", "tr", "label", "cls", "all")} for r in rows],
                  f, ensure_ascii=False, indent=0)
    print(f"\nwrote {OUT/'misses.tsv'} ({len(misses)}), {OUT/'false_errors.tsv'} ({len(false_errors)})")
    failed = [r for r in rows if any(f["check"] == "check-failed" for f in r["all"])]
    for r in failed:
        print(f"CHECK FAILED on row {r['tsvline']} ({r['lang']}): {r['tr'][:100]}", file=sys.stderr)
    for crash in CRASHED:
        print(f"CRASHED {crash}", file=sys.stderr)
    if failed or CRASHED:
        sys.exit(3)  # the figures above count rows no check could read


if __name__ == "__main__":
    main()
