"""Gettext catalogs on disk: one model (polib's `POFile` and `POEntry`,
used through their public API), a reader that checks GNU gettext's
grammar line by line, and a writer."""

from .charset import decode_catalog, header_charset
from .reader import WRAP_WIDTH, catalog_from_bytes, check_parsed, header_nplurals, parse_catalog, read_catalog
from .writer import catalog_bytes, catalog_text, compile_problems, mo_bytes, write_catalog

__all__ = ["WRAP_WIDTH", "catalog_bytes", "catalog_from_bytes", "catalog_text", "check_parsed", "compile_problems", "decode_catalog",
           "header_charset", "header_nplurals", "mo_bytes", "parse_catalog", "read_catalog", "write_catalog"]
