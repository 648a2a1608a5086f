"""Readability of the source and of every translation, for health-literacy
reviewers: scores against the target, per section, hardest sentences,
plain-language findings, and source against translation.

The package is pure: it reads parsed documents and settings and returns
reports; `pipeline.reports` gathers a project's files and writes them."""

from .analysis import ReadabilityReport, SectionScore, UnitReading, analyse, compare, unit_reading
from .records import csv_records, publication
from .settings import ReadabilitySettings, default_jargon, merged_jargon

__all__ = ["ReadabilityReport", "SectionScore", "UnitReading", "analyse", "compare", "unit_reading",
           "csv_records", "publication", "ReadabilitySettings", "default_jargon", "merged_jargon"]
