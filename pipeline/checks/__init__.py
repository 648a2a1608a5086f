"""Translation checks: each a small named function with an id and a
severity, registered in `CHECKS` (entries) and `HEADER_CHECKS` (catalog
headers). A check compares one translation with its source unit and yields
messages; `check_catalog` turns them into findings with the entry's line."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from functools import lru_cache

import polib

from .. import memos
from ..catalog import unit_msgids
from ..glossary import Glossary
from .additions import ADDITION_CHECKS
from .base import EntryCheck, TranslationContext
from .conditions import CONDITION_CHECKS
from .course import COURSE_CHECKS
from .dates import DATE_CHECKS
from .header import HEADER_CHECKS
from .markup import MARKUP_CHECKS
from .meaning import LANGUAGE_DATA_CHECKS, MEANING_CHECKS, missing_data_checks  # noqa: F401 (for the build summary)
from .route import ROUTE_CHECKS
from .safety import SAFETY_CHECKS
from .scripts import SCRIPT_CHECKS
from .stopping import STOP_CHECKS
from .style import STYLE_CHECKS, end_punctuation, ends_mid_sentence
from .terms import TERM_CHECKS

INSTRUCTION_CHECKS = [*ROUTE_CHECKS, *CONDITION_CHECKS, *STOP_CHECKS, *TERM_CHECKS]
CHECKS: list[EntryCheck] = [*SAFETY_CHECKS, *DATE_CHECKS, *SCRIPT_CHECKS, *MEANING_CHECKS, *INSTRUCTION_CHECKS,
                            *ADDITION_CHECKS, *COURSE_CHECKS, *MARKUP_CHECKS, *STYLE_CHECKS]
CATALOG_CHECKS = [*HEADER_CHECKS, *LANGUAGE_DATA_CHECKS]
ERROR, WARNING = "error", "warning"
CHECK_FAILED = EntryCheck("check-failed", ERROR, lambda source, target, context: ())  # a check's code failed


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    severity: str
    check: str
    message: str
    msgid: str
    language: str
    document: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity}: {self.check}: {self.message}"

    def as_dict(self) -> dict:
        return asdict(self)


def check_entries(po: polib.POFile, language: str, path: str, document: str,
                  glossary: Glossary | None = None, allowed_targets: tuple[str, ...] = ()) -> list[Finding]:
    """Findings for one catalog, in file order."""
    findings = []
    header_line = 1
    for check in CATALOG_CHECKS:
        for message in check.run(po, language):
            findings.append(Finding(path, header_line, check.severity_for(po), check.id, message, "",
                                    language, document))
    context = TranslationContext(language=language, glossary=glossary, allowed_targets=allowed_targets)
    for entry in po:
        if entry.obsolete or not entry.msgid:
            continue
        found = [said for check in ENTRY_CHECKS for said in _entry_messages(check, entry, context)]
        for source, target in translated_forms(entry):
            found += _text_messages(source, target, "fuzzy" in entry.flags, context)
        for check, message in found:
            findings.append(Finding(path, entry.linenum, check.severity, check.id, message,
                                    entry.msgid, language, document))
    cut = cut_last_entry(po)
    if cut is not None:
        findings.append(Finding(path, cut.linenum, ERROR, CUT_ENTRY,
                                "the catalog's last entry is cut off (cut-sentence): the file was cut "
                                "inside it; restore its end",
                                cut.msgid, language, document))
    return findings


CUT_ENTRY = "cut-entry"


def cut_last_entry(po: polib.POFile) -> polib.POEntry | None:
    """The last entry of the file when its translation is cut off: the file
    itself was cut at a line end inside its msgstr, still valid PO; said
    apart, as the entries after it are lost too. Cut off: without the final
    punctuation of a source that ends a sentence, ending with a space (see
    `style.cut_sentence`) or inside a sentence (a line an editor broke at a
    word's end, after a comma or a link)."""
    last = po[-1] if len(po) else None
    if last is None or last.obsolete or not last.msgid or last.msgid_plural or "fuzzy" in last.flags:
        return None
    source, target = last.msgid, last.msgstr
    if not target.strip() or source[-1:].isspace():
        return None
    if target[-1:].isspace():
        return last if list(end_punctuation(source, target, None)) else None
    return last if ends_mid_sentence(source, target) else None


def translated_forms(entry: polib.POEntry) -> list[tuple[str, str]]:
    """(source, translation) pairs of an entry: its msgstr, or each plural
    form, form 0 against msgid and the others against msgid_plural."""
    if not entry.msgid_plural:
        return [(entry.msgid, entry.msgstr)] if entry.msgstr else []
    forms = sorted(entry.msgstr_plural.items())
    return list(dict.fromkeys((entry.msgid if int(i) == 0 else entry.msgid_plural, text)
                              for i, text in forms if text))


ENTRY_CHECKS = [check for check in CHECKS if not check.translated_only]
TEXT_CHECKS = [check for check in CHECKS if check.translated_only]


@lru_cache(maxsize=8192)
def _text_messages(source: str, target: str, fuzzy: bool,
                   context: TranslationContext) -> tuple[tuple[EntryCheck, str], ...]:
    """What the checks of a translation say, in registry order; memoised, as a
    library repeats many units (phone numbers, headings, warnings), and kept
    across runs in the data cache, so that a build after an edit checks only
    the translations that changed."""
    memo = memos.memo_name("checks", repr(context))
    said = memos.recall(memo, (source, target, fuzzy))
    if said is None:
        said = tuple(pair for index, check in enumerate(TEXT_CHECKS) if check.include_fuzzy or not fuzzy
                     for pair in _messages_of(index, check, source, target, context))
        memos.remember(memo, (source, target, fuzzy), said)
    return tuple((TEXT_CHECKS[index] if index >= 0 else CHECK_FAILED, message) for index, message in said)


def _entry_messages(check: EntryCheck, entry: polib.POEntry,
                    context: TranslationContext) -> list[tuple[EntryCheck, str]]:
    """What a check of the whole entry says; its failure refuses the entry,
    as a check of its texts does (_messages_of)."""
    try:
        return [(check, message) for message in check.run(entry, context)]
    except Exception as exc:  # noqa: BLE001 (any failure of a check's code)
        return [(CHECK_FAILED, _failed(check, exc))]


def _failed(check: EntryCheck, exc: Exception) -> str:
    return (f"the {check.id} check failed on this translation ({type(exc).__name__}: {exc}), so it is refused "
            f"until locpipe is fixed; please report it with the entry")


def _messages_of(index: int, check: EntryCheck, source: str, target: str,
                 context: TranslationContext) -> list[tuple[int, str]]:
    """(index, message) of what one check says; a check that fails on a
    translation refuses it (an error, index -1) instead of stopping every
    other check of every other entry: a translation no check could read
    is not known to be safe."""
    try:
        return [(index, message) for message in check.function(source, target, context)]
    except Exception as exc:  # noqa: BLE001 (any failure of a check's code)
        return [(-1, _failed(check, exc))]


def translation_findings(source: str, target: str, context: TranslationContext) -> list[tuple[EntryCheck, str]]:
    """What the checks say of a translation that is not fuzzy; the same
    memoised results the catalog's check gave."""
    return list(_text_messages(source, target, False, context))


def review_findings(void: str, path: str, language: str, document: str) -> list[Finding]:
    """A warning where a sign-off no longer holds (`void` says why: the
    English or the translations changed since), so the catalog is a draft
    again."""
    if not void:
        return []
    return [Finding(path, 1, WARNING, "review", f"a draft again: {void}; review the changes and "
                    f"sign off again (`locpipe review sign {language} {document}`)", "", language, document)]


def missing_entries(po: polib.POFile, expected: tuple[str, ...], language: str, path: str,
                    document: str) -> list[Finding]:
    """A warning when the catalog lacks units of its template (a file cut
    short, an update not run): each is untranslated, and the build counts
    it so, but no entry of the catalog says so."""
    present = set(unit_msgids(po))
    missing = [msgid for msgid in expected if msgid not in present]
    if not missing:
        return []
    first = missing[0] if len(missing[0]) <= 60 else missing[0][:57] + "..."
    return [Finding(path, 1, WARNING, "missing-entries",
                    f"{len(missing)} unit(s) of the template are not in this catalog (first: {first!r}); "
                    f"run `locpipe update {language}`", "", language, document)]


def plural_units(po: polib.POFile, expected: tuple[str, ...], language: str, path: str,
                 document: str) -> list[Finding]:
    """A warning at each plural entry (msgid_plural, msgstr[n]) whose msgid
    is a unit of the template: a unit has one form, so the page shows the
    English and `stats` counts the unit untranslated."""
    units = set(expected)
    return [Finding(path, entry.linenum, WARNING, PLURAL_ENTRY,
                    "a plural entry (msgid_plural, msgstr[n]) for a unit that has one form: not used, the page "
                    "shows the English; write the translation as msgstr (`locpipe update` does, fuzzy)",
                    entry.msgid, language, document)
            for entry in po if entry.msgid_plural and not entry.obsolete and entry.msgctxt is None
            and entry.msgid in units]


PLURAL_ENTRY = "plural-entry"


def check_ids() -> list[str]:
    """Every check's id, for `--check` and its suggestions."""
    return sorted({check.id for check in (*CHECKS, *CATALOG_CHECKS)} | {"missing-entries", "review", CUT_ENTRY, PLURAL_ENTRY,
                                                                     CHECK_FAILED.id})


def selected_findings(findings: list[Finding], severity: str | None = None,
                      checks: list[str] | None = None, documents: list[str] | None = None) -> list[Finding]:
    """The findings a reader asked for: at least `severity` ("error" keeps
    errors only), of the named checks, of the named documents."""
    return [f for f in findings
            if (severity != ERROR or f.severity == ERROR)
            and (not checks or f.check in checks)
            and (not documents or f.document in documents)]


def summarised_untranslated(findings: list[Finding]) -> list[Finding]:
    """One `untranslated` line per catalog instead of one per entry, so a
    half-done catalog's list does not hide the one finding that matters; it
    stands where the catalog's first untranslated entry stood."""
    untranslated: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.check == "untranslated":
            untranslated.setdefault(finding.path, []).append(finding)
    summarised = []
    for finding in findings:
        group = untranslated.get(finding.path) if finding.check == "untranslated" else None
        if group is None:
            summarised.append(finding)
        elif group[0] is finding:
            count = len(group)
            message = (f"{count} entries not translated yet, the first at line {finding.line}; "
                       f"`locpipe check --verbose` lists each" if count > 1 else finding.message)
            summarised.append(replace(finding, message=message))
    return summarised


