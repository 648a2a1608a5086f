"""Readability of the source and of every translation, for health-literacy
reviewers: scores against the target, per section, hardest sentences,
plain-language findings, and source against translation.

The package is pure: `analysis` turns a parsed document and its
translations into a report, `records` a report into rows, `highlight` a
document into the marked text view; `pipeline.reports` gathers a project's
files and writes them. Nothing is imported here, so that reading the
settings (`settings`) does not load textstat and the dictionaries."""
