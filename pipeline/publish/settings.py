"""How a project publishes: the gates' thresholds, the publisher, the
output formats and how long an outdated translation stays online."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field

from ..project import Project
from ..render.pdf import OutputSettings
from . import published as store
from .manifest import build_time


@dataclass(frozen=True)
class PublishSettings:
    min_percent: float = 100.0
    require_review: bool = True
    allowed_link_targets: tuple[str, ...] = ()
    publisher: dict = field(default_factory=dict)
    output: OutputSettings = OutputSettings()
    outdated: store.OutdatedPolicy = store.OutdatedPolicy()
    today: dt.date = dt.date(1970, 1, 1)  # the build's date: how long a translation has been outdated

    @classmethod
    def from_project(cls, project: Project, pdf: bool = False) -> "PublishSettings":
        publish = project.settings.section("publish")
        publisher = {"name": project.settings.name, "policy_url": "", "feedback_url": "", "rights": ""}
        publisher.update(project.settings.section("publisher"))
        return cls(min_percent=float(publish.get("min_percent", 100)),
                   require_review=bool(publish.get("require_review", True)),
                   allowed_link_targets=tuple(publish.get("allowed_link_targets", ())),
                   publisher=publisher,
                   output=OutputSettings.from_settings(project.settings.raw, pdf, project.settings.origin),
                   outdated=store.OutdatedPolicy.from_settings(publish, project.settings.origin),
                   today=build_time(os.environ.get("SOURCE_DATE_EPOCH")).date())
