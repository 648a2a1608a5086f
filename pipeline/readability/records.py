"""A readability report's data in the forms reviewers read it: what the
build did with the page, when, and the report as spreadsheet rows."""

from __future__ import annotations

import datetime as dt


def publication(status: str | None, reason: str = "") -> dict:
    """What the last build did with a language's page, and why: a reviewer
    reading a translation's report should know whether patients see it."""
    said = {"published": "published", "preview": "published as a preview (incomplete)",
            "refused": "refused: not published",
            "outdated": "refused, its last published version kept online as outdated"}.get(status or "", "not built yet")
    text = f"{said} by the last build" if status else "not built yet (run locpipe build)"
    return {"status": status or "not built", "reason": reason,
            "text": f"{text}: {reason}" if reason else text}


def build_time(epoch: str | None) -> str:
    moment = (dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc) if epoch
              else dt.datetime.now(tz=dt.timezone.utc))
    return moment.strftime("%Y-%m-%d %H:%M UTC")


CSV_COLUMNS = ["record", "name", "value", "words", "sentences", "words_per_sentence", "syllables_per_word",
               "polysyllable_share", "grade", "line", "text", "detail"]


def csv_records(data: dict) -> list[dict]:
    """The report's JSON as rows for a spreadsheet, one kind per `record`:
    about, publication, summary, verdict, grade_range, score, measure, not_applicable, note, section,
    hard_sentence, finding, and for a translation source_score, source_measure, source and
    unit_change."""
    about = data.get("about", {})
    rows = [{"record": "about", "name": key, "value": about[key]} for key in ("title", "source", "built", "locpipe")
            if key in about]
    if "revision" in about:
        rows.append({"record": "about", "name": "revision", "value": about["revision"]["text"]})
    if data.get("publication"):
        rows.append({"record": "publication", "name": data["publication"]["status"],
                     "text": data["publication"]["text"], "detail": data["publication"]["reason"]})
    rows += [{"record": "summary", "name": key, "value": data[key]}
             for key in ("document", "language", "unit", "words", "sentences", "characters", "fallback_units")]
    verdict, primary = data.get("verdict") or {}, data.get("primary") or {}
    rows.append({"record": "verdict", "name": verdict.get("status", ""), "value": primary.get("value"),
                 "text": verdict.get("label", ""), "detail": verdict.get("text", "")})
    if data.get("grade_range"):
        rows.append({"record": "grade_range", "name": "other grade formulas", "text": data["grade_range"]["text"],
                     "detail": ", ".join(data["grade_range"]["formulas"])})
    rows += [{"record": "score", "name": k, "value": v, "detail": data["meanings"].get(k, "")}
             for k, v in data["scores"].items()]
    rows += [{"record": "measure", "name": k, "value": v} for k, v in data["measures"].items()]
    rows += [{"record": "not_applicable", "name": k, "detail": v} for k, v in data["not_applicable"].items()]
    rows += [{"record": "note", "detail": note} for note in data["notes"]]
    rows += [{"record": "section", "name": " › ".join(s["path"]) or s["heading"], "line": s["line"],
              "detail": s["anchor"], **{k: s[k] for k in ("words", "sentences", "words_per_sentence",
                                                          "syllables_per_word", "polysyllable_share", "grade")}}
             for s in data["sections"]]
    rows += [{"record": "hard_sentence", "name": rank, "value": h["difficulty"], "words": h["words"],
              "grade": h["grade"], "line": h["line"], "text": h["sentence"], "detail": " ".join(h["uncommon_words"])}
             for rank, h in enumerate(data["hard_sentences"], 1)]
    rows += [{"record": "finding", "name": f["kind"], "line": f["line"], "text": f["text"], "detail": f["message"]}
             for f in data["findings"]]
    source = data.get("source")
    if source:
        rows += [{"record": "source_score", "name": k, "value": v} for k, v in source["source_scores"].items()]
        rows += [{"record": "source_measure", "name": k, "value": v} for k, v in source["source_measures"].items()]
        rows += [{"record": "source", "name": k, "value": source[k]}
                 for k in ("source_words", "source_sentences", "translated_source_words", "words_ratio")]
    rows += [{"record": "unit_change", "line": u["line"], "words": u["source_words"], "value": u["translation_size"],
              "text": u["text"]} for u in data.get("unit_changes", [])]
    return [{k: ("" if v is None else v) for k, v in row.items()} for row in rows]

