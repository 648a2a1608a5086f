"""Renderers of a localized document: HTML pages and plain text."""
