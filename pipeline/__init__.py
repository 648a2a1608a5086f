"""locpipe: a localization pipeline for patient-education documents.

The pipeline, stage by stage:
source (Markdown) -> units (model) -> catalogs (gettext) -> checks / readability
-> localized document -> renderers (HTML, text, reports) -> publish.
"""

__version__ = "0.1.0"
