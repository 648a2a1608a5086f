"""What each translation was last published from, kept so that a page stays
online while its catalog catches up with a changed English source.

`published/<lang>/<doc>.json` at the project root holds the English source
and the catalog of the language's last published version, the date it was
published and, once the English has changed, the date it became outdated.
It lives beside `source/` and `locale/`, not in the output: it must survive
`rm -rf output` and a fresh clone, so it is committed with the project. One
file per page, written atomically, so a source and a catalog of two
different builds are never paired. The decisions here are pure functions;
`jobs.py` and `writers.py` read and write the files.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import LocpipeError, SettingsError
from ..project import PUBLISHED, settings_line

if TYPE_CHECKING:
    import polib  # a twentieth of a second: not for a build with nothing to do

FOLDER = PUBLISHED
POLICIES = ("keep", "remove")
CLOCKS = ("now", "source_date_epoch")


@dataclass(frozen=True)
class OutdatedPolicy:
    """`[tool.locpipe.publish] outdated`, `outdated_max_days` and
    `outdated_clock`."""

    keep: bool = True
    max_days: int = 90
    clock: str = "now"  # or "source_date_epoch": what date the days are counted to (expiry_date)

    @classmethod
    def from_settings(cls, publish: dict, origin: str = "") -> "OutdatedPolicy":
        policy, days = publish.get("outdated", "keep"), publish.get("outdated_max_days", 90)
        clock = publish.get("outdated_clock", "now")
        if policy not in POLICIES:
            raise SettingsError("setting 'outdated' of [publish] must be \"keep\" or \"remove\"", origin,
                                settings_line(origin, ("publish", "outdated")))
        if not isinstance(days, int) or isinstance(days, bool) or days < 0:
            raise SettingsError("setting 'outdated_max_days' of [publish] must be a whole number of days", origin,
                                settings_line(origin, ("publish", "outdated_max_days")))
        if clock not in CLOCKS:
            raise SettingsError("setting 'outdated_clock' of [publish] must be \"now\" or \"source_date_epoch\"",
                                origin, settings_line(origin, ("publish", "outdated_clock")))
        return cls(policy == "keep", days, clock)

    def expiry_date(self, build_date: dt.date, real_date: dt.date) -> dt.date:
        """The date an outdated translation's days are counted to: the later
        of the build's date (SOURCE_DATE_EPOCH's when set) and the machine's,
        so that a frozen SOURCE_DATE_EPOCH never keeps a page online past its
        limit; with `outdated_clock = "source_date_epoch"` the build's date
        alone, for rebuilding an earlier site byte for byte."""
        return build_date if self.clock == "source_date_epoch" else max(build_date, real_date)


@dataclass(frozen=True)
class PublishedVersion:
    """The inputs of a translation's last published pages."""

    source: str  # the English Markdown it was translated from
    catalog: str  # the language's catalog, as text
    source_sha256: str
    updated: str  # the source's `updated` date (ISO), or ""
    published: str  # the date of the build that published it (ISO)
    outdated_since: str = ""  # the date of the first build that found the English changed

    def as_bytes(self) -> bytes:
        return (json.dumps(asdict(self), ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


@dataclass(frozen=True)
class LastBuild:
    """What the last build (its build state, or its manifest when the state
    is gone) had of a translation: online or not, from which catalog, and
    since when outdated. No LastBuild for a language means nothing is known
    (no previous build, or one that did not build that language)."""

    online: bool
    catalog_sha256: str = ""
    outdated_since: str = ""


def store_path(root: Path, language: str, slug: str) -> Path:
    return root / FOLDER / language / f"{slug}.json"


class RecordError(LocpipeError):
    """A published/ record whose fields are not the strings a build wrote."""


def read_version(path: Path, shown: str = "") -> PublishedVersion | None:
    """The stored version, or None when there is none or it cannot be read
    (then the translation is simply not kept: nothing is lost but a
    fallback). A record that is JSON with a field of another type than a
    string was edited by hand: RecordError names its file and line."""
    try:
        text = path.read_text(encoding="utf-8")
        version = PublishedVersion(**json.loads(text))
    except (OSError, ValueError, TypeError):
        return None
    for name, value in asdict(version).items():
        if not isinstance(value, str):
            at = text.find(f'"{name}"')
            raise RecordError(f"field {name!r} must be a string, not {value!r}", shown or str(path),
                              text.count("\n", 0, at) + 1 if at >= 0 else None)
    return version


def newly_published(previous: PublishedVersion | None, source: bytes, catalog: bytes,
                    updated: str, today: dt.date) -> PublishedVersion:
    """The record of a version published today; the previous record when it
    was made from the same source and catalog (its date stays)."""
    text = catalog.decode("utf-8", "replace")
    version = PublishedVersion(source.decode("utf-8"), text, hashlib.sha256(source).hexdigest(), updated,
                               today.isoformat())
    if previous is not None and (previous.source_sha256, previous.catalog) == (version.source_sha256, text):
        return replace(previous, outdated_since="")
    return version


def kept_version(stored: PublishedVersion | None, source_sha256: str, units_behind: bool,
                 policy: OutdatedPolicy, today: dt.date, english_updated: str = "",
                 online_catalog_sha256: str = "", not_online: str = "",
                 expiry: dt.date | None = None, known_since: str = "") -> tuple[PublishedVersion | None, str]:
    """(the stored version to keep online in place of a refused translation,
    with the date it became outdated, or None; why a stored version is not
    kept, or ""). None when the policy is "remove", nothing was published
    before, the catalog is refused for anything but units the changed English
    left untranslated or fuzzy (a check error, a missing review, page
    strings), or the English is the one it was published from; and, with a
    reason, when the record is not the version the last build had online
    (`online_catalog_sha256`: a stale or hand-edited published/ must never put
    back an older translation), or was not online at all (`not_online` says
    why: a withdrawn leaflet's record must not come back under a new one),
    or it has been outdated longer than the policy allows.

    It is outdated since the earliest date the build knows (the record's,
    `known_since`: the last build's), so a reverted or edited record cannot
    restart the clock; never before the English change (the current
    English's `updated` date when later than the version's own), so a
    frozen SOURCE_DATE_EPOCH older than the change does not expire it at
    once; with no date recorded, since that change, else since `today`, the
    build's date. The days are counted to `expiry`
    (`OutdatedPolicy.expiry_date`, `today` when not given). A recorded date
    that cannot be read or is after both that date and the change is
    treated as expired."""
    if not policy.keep or stored is None or not units_behind or stored.source_sha256 == source_sha256:
        return None, ""
    expiry = expiry or today
    with_english = _date(english_updated)
    change = with_english if with_english is not None and with_english > (_date(stored.updated) or dt.date.min) \
        else None
    recorded = []
    if stored.outdated_since:
        try:
            recorded.append(dt.date.fromisoformat(stored.outdated_since))
        except ValueError:
            return None, f"its outdated_since {stored.outdated_since!r} is not a date (YYYY-MM-DD): taken as expired"
        if recorded[0] > max(expiry, change or dt.date.min):
            return None, (f"its outdated_since {stored.outdated_since} is after the build's date "
                          f"{expiry.isoformat()}: taken as expired")
    if _date(known_since) is not None:
        recorded.append(_date(known_since))
    if not_online:
        return None, not_online
    if online_catalog_sha256 and catalog_sha256(stored.catalog.encode("utf-8")) != online_catalog_sha256:
        return None, "it is not the version the last build had online"
    if recorded:
        since = max(min(recorded), change) if change is not None else min(recorded)
    else:
        since = change if change is not None else today
    if (expiry - since).days > policy.max_days:
        return None, f"outdated since {since.isoformat()}, more than {policy.max_days} days by {expiry.isoformat()}"
    return replace(stored, outdated_since=since.isoformat()), ""


def contradicting_entries(current: polib.POFile, recorded: polib.POFile,
                          english: Iterable[str]) -> list[polib.POEntry]:
    """The entries of the current catalog that translate a unit of the
    record's English (`english`: its units' text) otherwise than the record
    does: a translated entry of the same msgid, or a fuzzy one whose previous
    msgid is that unit (`update` keeps a changed unit's last translation
    there), obsolete entries included (a unit the English rewrote beyond a
    fuzzy match, or deleted, keeps its last translation only there). Either was translated after the record was made, so a record
    they contradict is older than the translation last published: kept, it
    would put an older translation back online. Entries of changed units
    translated anew (a new msgid) do not contradict it."""
    from .. import catalog as cat  # not for a build that changes nothing
    units = set(english)
    theirs = cat.translations(recorded)
    found = []
    for entry in current:
        if entry.msgctxt is not None or not entry.msgstr:
            continue
        if "fuzzy" in entry.flags:
            unit = entry.previous_msgid if entry.previous_msgctxt is None else None
        else:
            unit = entry.msgid
        if unit in units and theirs.get(unit) != entry.msgstr:
            found.append(entry)
    return found


def only_reverted(current: polib.POFile, recorded: polib.POFile, english: Iterable[str]) -> bool:
    """Whether the current catalog is the record's, but for entries left
    fuzzy by an English change since reverted: each unit of the English (the
    record's, which is the current) is translated as the record translates
    it, by a translated entry or by a fuzzy one whose previous msgid is its
    msgid again. A fuzzy entry edited since (a translation of the changed
    English) does not count."""
    from .. import catalog as cat
    theirs = cat.translations(recorded)
    entries = {entry.msgid: entry for entry in current if not entry.obsolete and entry.msgctxt is None}
    for unit in english:
        entry = entries.get(unit)
        if entry is None or not theirs.get(unit) or entry.msgstr != theirs[unit]:
            return False
        if "fuzzy" in entry.flags and (entry.previous_msgid != unit or entry.previous_msgctxt is not None):
            return False
    return True


def catalog_sha256(catalog: bytes) -> str:
    """The sha256 of a catalog's text as a record keeps it (decoded as UTF-8),
    so a record and the pages made from the same catalog have the same."""
    return hashlib.sha256(catalog.decode("utf-8", "replace").encode("utf-8")).hexdigest()


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None
