"""How a project publishes: the gates' thresholds, the publisher, the
output formats and how long an outdated translation stays online."""

from __future__ import annotations

import datetime as dt
import math
import os
from dataclasses import dataclass, field

from ..errors import SettingsError
from ..project import Project, settings_line
from . import published as store
from .manifest import build_time
from .site import site_address


FORMATS = ("html", "text", "pdf")
PAGE_SIZES = {"letter": "letter", "a4": "A4"}


@dataclass(frozen=True)
class OutputSettings:
    """Which files a page is published as, and how it is printed."""

    formats: tuple[str, ...] = ("html", "text")
    page_size: str = "letter"  # a CSS page size: letter or A4
    large_print: bool = False  # 14 pt body text instead of 11 pt
    base_url: str = ""  # where the site is served; a printed page's QR code leads there

    @classmethod
    def from_settings(cls, raw: dict, pdf: bool = False, origin: str = "") -> "OutputSettings":
        """From `formats`, `[print]` and `[site]` of the settings; `pdf`
        (the command line's --pdf) adds PDF to the formats."""
        formats = raw.get("formats", ["html", "text"])
        if not isinstance(formats, list) or "html" not in formats or any(f not in FORMATS for f in formats):
            raise SettingsError("setting 'formats' must list \"html\" and may add \"text\" and \"pdf\"", origin)
        printing, site = raw.get("print", {}), raw.get("site", {})
        if not isinstance(printing, dict) or not isinstance(site, dict):
            raise SettingsError("[print] and [site] must be tables", origin)
        size = printing.get("page_size", "letter")
        if not isinstance(size, str) or size.lower() not in PAGE_SIZES:
            raise SettingsError("setting 'page_size' of [print] must be \"letter\" or \"A4\"", origin)
        large = printing.get("large_print", False)
        base_url = site.get("base_url", "")
        if not isinstance(large, bool) or not isinstance(base_url, str):
            raise SettingsError("setting 'large_print' of [print] must be true or false, "
                                "'base_url' of [site] a string", origin)
        if base_url:
            base_url, problem = site_address(base_url)
            if problem:
                raise SettingsError(f"setting 'base_url' of [site] {problem}", origin,
                                    settings_line(origin, ("site", "base_url")))
        chosen = [f for f in FORMATS if f in formats or (pdf and f == "pdf")]
        return cls(tuple(chosen), PAGE_SIZES[size.lower()], large, base_url)


@dataclass(frozen=True)
class PublishSettings:
    min_percent: float = 100.0
    require_review: bool = True
    allowed_link_targets: tuple[str, ...] = ()
    publisher: dict = field(default_factory=dict)
    output: OutputSettings = OutputSettings()
    outdated: store.OutdatedPolicy = store.OutdatedPolicy()
    today: dt.date = dt.date(1970, 1, 1)  # the build's date (SOURCE_DATE_EPOCH's when set)
    expiry: dt.date = dt.date(1970, 1, 1)  # the date outdated translations' days are counted to

    @classmethod
    def from_project(cls, project: Project, pdf: bool = False) -> "PublishSettings":
        publish = project.settings.section("publish")
        publisher = {"name": project.settings.name, "policy_url": "", "feedback_url": "", "rights": ""}
        publisher.update(project.settings.section("publisher"))
        outdated = store.OutdatedPolicy.from_settings(publish, project.settings.origin)
        today = build_time(os.environ.get("SOURCE_DATE_EPOCH")).date()
        origin = project.settings.origin
        min_percent = publish.get("min_percent", 100)
        if not isinstance(min_percent, (int, float)) or isinstance(min_percent, bool) \
                or not math.isfinite(min_percent) or not 0 <= min_percent <= 100:
            raise SettingsError("setting 'min_percent' of [publish] must be a number from 0 to 100", origin,
                                settings_line(origin, ("publish", "min_percent")))
        require_review = publish.get("require_review", True)
        if not isinstance(require_review, bool):
            raise SettingsError("setting 'require_review' of [publish] must be true or false", origin,
                                settings_line(origin, ("publish", "require_review")))
        targets = publish.get("allowed_link_targets", [])
        if not isinstance(targets, list) or not all(isinstance(target, str) for target in targets):
            raise SettingsError("setting 'allowed_link_targets' of [publish] must be a list of strings", origin,
                                settings_line(origin, ("publish", "allowed_link_targets")))
        return cls(min_percent=float(min_percent),
                   require_review=require_review,
                   allowed_link_targets=tuple(targets),
                   publisher=publisher,
                   output=OutputSettings.from_settings(project.settings.raw, pdf, project.settings.origin),
                   outdated=outdated, today=today,
                   expiry=outdated.expiry_date(today, dt.datetime.now(dt.timezone.utc).date()))
