"""The readability reports of a project: each report's data gathered from
the project's settings and files, and written as HTML, JSON and CSV."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
from functools import lru_cache

from markupsafe import Markup, escape

from .datacache import LARGE_RESULTS
from . import __version__
from .project import setting_line, settings_file
from .readability.analysis import analyse, compare, source_report, translated_source_words, unit_changes
from .readability.highlight import JARGON, PASSIVE, UNCOMMON, HighlightedText, Sentence, highlight
from .readability.measures import FORMULAS
from .readability.records import CSV_COLUMNS, build_time, csv_records
from .readability.settings import ReadabilitySettings, merged_jargon, project_jargon
from .locales import english_name, text_direction
from .readability.verdict import readability_settings, score_text
from .render.html import render_template
from .ui import ui_gettext
from .wording import counted


def settings_for(project) -> ReadabilitySettings:
    return readability_settings(project.settings.section("readability"), project.settings.origin,
                                setting_locator(project))


def setting_locator(project):
    """The line of a readability setting in the settings file, by its keys
    below [readability]; the file is read only when an error needs it."""
    found = settings_file(project.root)
    if found is None:
        return lambda keys: None
    path, prefix = found
    return lambda keys: setting_line(path.read_text(encoding="utf-8", errors="replace"), (*prefix, "readability", *keys))


def jargon_for(project, language: str = "en") -> dict[str, str]:
    """locpipe's medical terms with the project's [tool.locpipe.readability.jargon]."""
    return merged_jargon(project_jargon(project.settings.section("readability").get("jargon", {}),
                                        project.settings.origin, setting_locator(project)))


def report_data(project, document, language, translations, published: dict | None = None) -> dict:
    """A report's data; `published` is the page's publication(), for a
    report that says what the build did with the page."""
    jargon = jargon_for(project, language)
    settings = settings_for(project)
    # the English report is the source report every translation is compared with: analysed once
    report = (source_report(document, tuple(sorted(jargon.items())), settings) if language == "en"
              else analyse(document, language, translations, jargon, settings))
    data = {"about": report_about(project, document, language, translations), **report.as_dict()}
    if published is not None:
        data["publication"] = published
    if language != "en":
        source = source_report(document, tuple(sorted(jargon.items())), settings)
        data["source"] = compare(source, report, translated_source_words(document, translations))
        data["unit_changes"] = unit_changes(document, translations, language)
    return data


def report_about(project, document, language, translations) -> dict:
    """What a reader of a report needs to know which text it judged and
    when: the title in the language, the source's revision (its updated
    date and git's blob hash of the file, which `git log --find-object`
    finds), the build time (SOURCE_DATE_EPOCH when set, so that builds are
    reproducible) and locpipe's version."""
    title_unit = document.front_matter_unit("title")
    title = document.title
    if title_unit is not None and language != "en":
        title = translations.get(title_unit.text) or title
    path = project.source_dir / f"{document.slug}.md"
    try:
        stat = path.stat()
        blob = _git_blob(path, stat.st_mtime_ns, stat.st_size)
    except OSError:  # a document made in memory
        blob = ""
    updated = str(document.metadata.get("updated") or "")
    revision = ", ".join([*([f"updated {updated}"] if updated else []), *([f"git blob {blob}"] if blob else [])])
    return {"title": title, "source": document.path, "revision": {"date": updated, "blob": blob, "text": revision or "unknown"},
            "built": build_time(os.environ.get("SOURCE_DATE_EPOCH")), "locpipe": __version__}


@lru_cache(maxsize=64)
def _git_blob(path, mtime_ns: int, size: int) -> str:
    """git's short object id of a file's bytes (git hash-object), read once
    per document and process while the file is unchanged."""
    data = path.read_bytes()
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()[:7]


MEASURE_TITLES = {  # name: (title, a share shown as a percentage)
    "words_per_sentence": ("Words per sentence", False),
    "characters_per_sentence": ("Characters per sentence", False),
    "long_word_share": ("Long words (more than 6 letters)", True),
    "uncommon_word_share": ("Uncommon words", True),
    "syllables_per_word": ("Syllables per word", False),
    "polysyllable_share": ("Words of 3 or more syllables", True),
}


def measure_text(name: str, value: float) -> str:
    """A measure as the HTML report says it: "Uncommon words: 6.9%"."""
    title, share = MEASURE_TITLES.get(name, (name.replace("_", " ").capitalize(), False))
    return f"{title}: {100 * value:.1f}%" if share else f"{title}: {value:g}"


def _section_label(path: list[str], heading: str) -> str:
    """A section as the HTML report names it: its headings below the
    document's title."""
    return " › ".join(path[1:] if len(path) > 1 else path) or heading


def report_files(project, document, language, translations, published: dict | None = None,
                 data: dict | None = None) -> dict[str, bytes]:
    """reports/<lang>/<slug>.html, .json and .csv, relative to output/;
    `data` is the report_data() of the same arguments when it is at hand."""
    formula_by_name = {f.name: f for f in FORMULAS}
    data = data or report_data(project, document, language, translations, published)
    prefix = f"reports/{language}/{document.slug}"
    table = io.StringIO()
    writer = csv.DictWriter(table, CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(csv_records(data))
    largest = max([s["words_per_sentence"] for s in data["sections"]] + [1.0])
    html = render_template("reports/report.html", ui_gettext({}), report=data, lang=language,
                           counted=counted, measure_text=measure_text,
                           score_text=lambda name, value: score_text(formula_by_name[name], value),
                           dir=text_direction(language), largest=largest, language_title=english_name(language),
                           formula_titles={f.name: f.title for f in FORMULAS},
                           sections=[(_section_label(s["path"], s["heading"]), s) for s in data["sections"]])
    view = highlight(document, language, translations, jargon_for(project, language), settings_for(project))
    text_html = render_template("reports/text.html", ui_gettext({}), view=view, lang=language,
                                sentences_html=lambda block: sentences_html(block, view),
                                dir=text_direction(language), language_title=english_name(language),
                                title=data["about"]["title"], document=document.slug, built=data["about"]["built"],
                                zipf=f"{settings_for(project).uncommon_zipf:g}")
    return {f"{prefix}.html": html.encode("utf-8"),
            f"{prefix}.text.html": text_html.encode("utf-8"),
            f"{prefix}.json": (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8"),
            f"{prefix}.csv": table.getvalue().encode("utf-8")}



# The highlighted text's marks, by kind: Python rather than template macros,
# which took half of a report's time for a text with many marks.
_MARKS = {
    JARGON: '<button type="button" class="term">{text}</button>'
            '<span class="plain vh"> (medical term; plain words: {plain})</span>',
    PASSIVE: '<mark class="passive">{text}<span class="vh"> (passive voice)</span></mark>',
    UNCOMMON: '<mark class="uncommon">{text}<span class="vh"> ({uncommon})</span></mark>',
}
_SENTENCE = '<span class="s{length_class}">{segments}{tag}</span>'
_LENGTH_TAG = ' <span class="tag" dir="ltr">{arrows} {length}: {size} {unit}</span>'


def sentences_html(block, view: HighlightedText) -> Markup:
    """A block of the highlighted text: its sentences, each a span classed
    by its length, with its marked words."""
    uncommon = "long word" if view.uncommon_by_length else "uncommon word"
    return Markup(" ".join(_sentence_html(sentence, uncommon, view.unit) for sentence in block.sentences))


def _escaped(text: str) -> str:
    """markupsafe.escape's characters and entities, as a plain string:
    a sentence's segments are many, and most need none."""
    if "&" in text or "<" in text or ">" in text or "'" in text or '"' in text:
        return (text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
                .replace("'", "&#39;").replace('"', "&#34;"))
    return text


@lru_cache(maxsize=LARGE_RESULTS)
def _sentence_html(sentence: Sentence, uncommon: str, unit: str) -> str:
    """One sentence of the highlighted text (memoised: a library's leaflets
    repeat most of their sentences)."""
    segments = "".join(_MARKS[s.mark].format(text=_escaped(s.text), plain=_escaped(s.plain), uncommon=uncommon)
                       if s.mark else _escaped(s.text) for s in sentence.segments)
    tag = (_LENGTH_TAG.format(arrows="▲▲" if sentence.length == "very long" else "▲", length=sentence.length,
                              size=sentence.size, unit=escape(unit)) if sentence.length else "")
    length_class = " " + sentence.length.replace(" ", "-") if sentence.length else ""
    return _SENTENCE.format(length_class=length_class, segments=segments, tag=tag)
