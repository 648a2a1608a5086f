"""`locpipe review sign` and `locpipe review status`: sign-offs tied to the
English they cover; `locpipe serve`: the review workspace in a browser."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

from .options import add_json, add_languages

if TYPE_CHECKING:
    from ..project import Project

ROLE_CHOICES = ("translator", "medical", "health-literacy")


def register(subparsers) -> None:
    p = subparsers.add_parser("review", help="sign a catalog off, or list every catalog's review status")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    sign = actions.add_parser("sign", help="sign off a document's catalog in one language "
                              "(complete, not fuzzy, no check errors)")
    sign.add_argument("language", metavar="LANG")
    sign.add_argument("document", metavar="DOC", help="its file name in source/ without .md")
    sign.add_argument("--by", required=True, metavar="NAME", help="the reviewer's name")
    sign.add_argument("--role", required=True, choices=ROLE_CHOICES,
                      help="translator review, medical review or health-literacy review")
    sign.add_argument("--comment", default="", help="an optional note kept with the sign-off")
    sign.set_defaults(run=run_sign)
    status = actions.add_parser("status", help="every catalog's review status, and why a sign-off no longer holds")
    add_languages(status)
    add_json(status)
    status.set_defaults(run=run_status)

    p = subparsers.add_parser("serve", help="preview the site and review translations in a browser, "
                              "rebuilt as files change (127.0.0.1 only)")
    p.add_argument("--port", type=port_number, default=8000, help="default 8000; 0 picks a free port")
    p.set_defaults(run=run_serve, writes_output=True)


def port_number(text: str) -> int:
    """A TCP port, 0 to 65535 (argparse reports anything else, exit 2)."""
    import argparse
    if not text.strip().isdigit() or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (0 to 65535; 0 picks a free port)")
    return int(text)


def run_sign(args, project: Project) -> int:
    from ..signoff import sign
    language = project.selected_languages([args.language])[0]
    result = sign(project, language, args.document, args.by, args.role, args.comment)
    from ..signoff import record_path
    print(f"{project.relative(result.path)}: {result.signoff.who}; holds while the English and the "
          "translations stay as they are")
    print(f"commit both {project.relative(result.path)} and "
          f"{project.relative(record_path(project, args.document, language))} (the units it covered)")
    return 0


def run_status(args, project: Project) -> int:
    from ..signoff import statuses
    rows = statuses(project, args.languages or None)
    if args.json:
        json.dump([row.as_dict() for row in rows], sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    for row in rows:
        note = f" ({row.state.note})" if row.state.note else ""
        print(f"{row.language}/{row.document}: {row.state.status}{note}")
    return 0


def run_serve(args, project: Project) -> int:
    from ..serve import serve
    return serve(project, args.port)
