"""Arguments that several commands take, declared once so that they read
and behave alike everywhere."""

from __future__ import annotations


def add_languages(parser, help: str | None = None) -> None:
    """The languages a command works on: none means every language of the project."""
    parser.add_argument("languages", nargs="*", metavar="LANG", help=help)


def add_json(parser, help: str = "print JSON") -> None:
    parser.add_argument("--json", action="store_true", help=help)


def add_jobs(parser) -> None:
    parser.add_argument("--jobs", "-j", type=int, metavar="N", default=None,
                        help="worker processes (default: the machine's cores)")
