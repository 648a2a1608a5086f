"""HTML pages from a localized document, through Jinja2 templates."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from jinja2 import Environment, FileSystemLoader, select_autoescape

from .inline import inline_html

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def bcp47(language: str) -> str:
    """zh_Hans -> zh-Hans, for lang and hreflang attributes."""
    return language.replace("_", "-")


def language_name(language: str) -> str:
    """A language named in itself, as a switcher shows it."""
    name = Locale.parse(language).display_name or language
    return name[:1].upper() + name[1:]


@lru_cache(maxsize=256)
def text_direction(language: str) -> str:
    return Locale.parse(language).text_direction


def long_date(value, language: str) -> str:
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    return format_date(value, format="long", locale=Locale.parse(language))


@lru_cache(maxsize=1)
def environment() -> Environment:
    """Compiled once per process; autoescaping on for everything."""
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)),
                      autoescape=select_autoescape(enabled_extensions=("html",), default=False),
                      extensions=["jinja2.ext.i18n"], trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    env.filters["inline"] = inline_html
    env.filters["bcp47"] = bcp47
    return env


def render_template(name: str, gettext, **context) -> str:
    template = environment().get_template(name)
    return template.render(gettext=gettext, ngettext=lambda s, p, n: gettext(s if n == 1 else p),
                           _=gettext, **context)


def reports_index(summaries: list[dict]) -> bytes:
    """The index page of readability reports, from each report's summary.
    Here rather than with the analysis, so a build that reuses every report
    need not load the readability measures."""
    from ..ui import ui_gettext
    return render_template("reports/index.html", ui_gettext({}), summaries=summaries).encode("utf-8")
