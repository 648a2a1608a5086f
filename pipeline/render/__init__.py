"""Renderers of a localized document: HTML pages, plain text and PDF."""

from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"  # the page, print and report templates
