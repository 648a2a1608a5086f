"""The `locpipe` command line: parses arguments and hands over to the
command modules, which call the pipeline. No logic of its own.

Modules are imported where they are used, so that `locpipe --help` loads
argparse and the command modules only, and each command what it needs:
babel, Jinja2, markdown-it and textstat take longer to import than `stats`
takes to read a project's catalogs (tests/test_cli.py guards this)."""

from __future__ import annotations

import argparse
import contextlib
import datetime
import gc
import os
import signal
import sys
import threading
import time
from pathlib import Path

from . import __version__
from .commands import build, catalogs, check, exchange, readability, review
from .errors import LocpipeError, os_error_text

# One module per group of commands; each has register(subparsers).
COMMAND_MODULES = [catalogs, exchange, check, readability, build, review]

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="locpipe",
        description="Localization pipeline for patient-education documents.")
    parser.add_argument("--version", action="version", version=f"locpipe {__version__}")
    parser.add_argument("--project", metavar="DIR", type=Path, default=Path("."),
                        help="the content project (default: the current folder)")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in COMMAND_MODULES:
        module.register(subparsers)
    return parser


# The cyclic garbage collector's first-generation threshold: a command makes
# millions of short-lived, acyclic objects (tokens, units, catalog lines), and
# at Python's default of 700 a full collection pass over them takes a third
# of the time of parsing a large source (tests/benchmarks/bench.py --large-source).
GC_THRESHOLD = (100_000, 50, 100)


class Terminated(KeyboardInterrupt):
    """SIGTERM (`kill`, `docker stop`, a CI job's timeout), stopping the
    command as Ctrl-C does: what it staged is removed on the way out, where
    the signal's default would leave it for the next command to remove."""


_signalled: list[int] = []  # SIGTERMs and SIGINTs received: one raised inside a __del__ is lost to the command,
# not to main
_stopping: list[bool] = []  # the command is ending for a signal: another one is recorded, not raised
_raised_at: list[float] = []  # when the last signal was raised
STOPPING_SECONDS = 5.0  # a signal this soon after one raised is recorded only: the first one's clean-up runs


def _raise_once(exception: KeyboardInterrupt) -> None:
    """Raise a signal's exception, unless the command is stopping for one
    already (a second Ctrl-C, or Ctrl-C then SIGTERM, would break off the
    removal of what it staged with a traceback, and change what it says).
    Once the window has passed, a signal raises again: the first one's
    exception may have been dropped (raised in a finaliser)."""
    now = time.monotonic()
    if _stopping or (_raised_at and now - _raised_at[-1] < STOPPING_SECONDS):
        return
    _raised_at[:] = [now]
    raise exception


def _terminated(signum, frame) -> None:
    _signalled.append(signum)
    _raise_once(Terminated())


def _interrupted(signum, frame) -> None:
    _signalled.append(signum)
    _raise_once(KeyboardInterrupt())


def _default_in_child() -> None:
    """A forked process (a pool's worker, the process linking kept pages)
    ends at SIGTERM and at Ctrl-C as processes do, saying nothing: its
    parent stops it so, and says why."""
    for number, handler in ((signal.SIGTERM, _terminated), (signal.SIGINT, _interrupted)):
        if signal.getsignal(number) is handler:
            signal.signal(number, signal.SIG_DFL)


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_default_in_child)


def main(argv: list[str] | None = None, ending: bool = False) -> int:
    """The command line's command; `ending`, when the process ends after
    it (`command`): a signal's handlers then stay, taking later ones quietly
    while it ends, where a caller that goes on gets its own back."""
    parser = build_parser()
    args = parser.parse_args(argv)
    thresholds = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLD)
    main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _terminated) if main_thread else None
    # Ctrl-C as Python's own handler takes it, but recorded (a shell that starts a command in the
    # background with SIGINT ignored keeps it ignored)
    interrupt = signal.getsignal(signal.SIGINT) if main_thread else None
    if interrupt is signal.default_int_handler:
        signal.signal(signal.SIGINT, _interrupted)
    _signalled.clear()
    _stopping.clear()
    _raised_at.clear()
    hooks = sys.unraisablehook, threading.excepthook
    sys.unraisablehook, threading.excepthook = _quiet_after_signal(sys.unraisablehook), \
        _quiet_after_signal(threading.excepthook)
    try:
        try:
            code = _run(args)
        except KeyboardInterrupt as exc:  # before _run's own handling (its imports)
            code = _stopped(exc)
        except Exception:
            if not _signalled:
                raise
            code = -1  # the signal's exception turned into another in library code (a pool starting up)
        if _signalled and code not in (130, 143):  # the signal's exception was swallowed (a __del__) or changed
            return _stopped(Terminated() if signal.SIGTERM in _signalled else KeyboardInterrupt())
        return code
    finally:
        gc.unfreeze()  # what a command froze (publish.build) is collected again by a caller that goes on
        gc.set_threshold(*thresholds)
        sys.unraisablehook, threading.excepthook = hooks
        if _signalled and ending:  # a later signal is taken by the handlers, which raise no more
            _stopping.append(True)
        else:
            if main_thread and previous is not None:
                signal.signal(signal.SIGTERM, previous)
            if interrupt is signal.default_int_handler:
                signal.signal(signal.SIGINT, interrupt)


def command() -> int:
    """The `locpipe` command: `main`, then the interpreter's exit without a
    collection over every object left (a process that ends frees them all;
    the collection took 80 ms of a build after an edit). After a signal,
    later ones are blocked: the interpreter's exit puts back their default
    actions, which would end the process by the signal, not with its code."""
    code = main(ending=True)
    if _signalled and hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    gc.freeze()
    return code


def _run(args: argparse.Namespace) -> int:
    from . import datacache, placement
    from .locales import normalise_language
    from .project import Project, validate_language
    try:
        check_environment()
        project = Project(args.project)
        project.require_source()
        # before anything is written or swept (a staged-looking file in a folder of the user's)
        placement.refuse_misplaced_output(project, writing=getattr(args, "writes_output", False))
        answer = args.unchanged(args, project) if getattr(args, "unchanged", None) else None
        if answer is not None:  # nothing changed since the command last ran: what it said then
            return answer
        placement.refuse_links_outside(project)
        project.remove_abandoned_staging()
        if getattr(args, "languages", None):
            if args.command == "init":  # the one command that starts a language
                args.languages = list(dict.fromkeys(validate_language(normalise_language(code))
                                                    for code in args.languages))
            else:
                args.languages = project.selected_languages(args.languages,
                                                            include_source=args.command == "screenshots")
        # after the command line is found valid: a command refused writes nothing, not even to the data cache
        datacache.use_project_cache(project.root / datacache.PROJECT_FOLDER)
        return int(args.run(args, project) or 0)
    except LocpipeError as exc:
        # path:line: error: message, for editors; "locpipe: error:" where no file is to blame
        print(str(exc) if exc.path else f"locpipe: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as exc:  # a full disk, a folder that cannot be written
        if isinstance(exc, BrokenPipeError) and _reader_gone():
            return EXIT_READER_GONE
        print(f"{os_error_text(exc)}; files already written are complete, others unchanged", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt as exc:
        return _stopped(exc)


EXIT_READER_GONE = 141  # as a shell reports a command that SIGPIPE ended (128 + 13)


def _reader_gone() -> bool:
    """Whether the program reading the output went away (`locpipe stats |
    head -1`): the output ends there, without an error, as it does for a
    command that SIGPIPE ends. A pipe whose reader closed it polls as an
    error (another broken pipe, a pool's, is an error of the command); what
    is left to print goes nowhere, so that the interpreter's last flush
    does not fail again."""
    try:
        import select
        poller = select.poll()
        poller.register(sys.stdout.fileno(), select.POLLOUT)
        gone = any(event & select.POLLERR for _, event in poller.poll(0))
    except (OSError, ValueError, AttributeError):  # no poll() (Windows), no standard output
        return False
    if gone:
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return gone


def _stopped(exc: KeyboardInterrupt) -> int:
    _stopping.append(True)
    stopped = "terminated" if isinstance(exc, Terminated) else "interrupted"
    print(f"locpipe: {stopped}; files already written are complete, others unchanged", file=sys.stderr)
    return 143 if isinstance(exc, Terminated) else 130


def _quiet_after_signal(hook):
    """Python's hook for an exception it cannot raise (in a finaliser, a
    fork hook, a thread), silent for the signal's own exception and, once
    a SIGTERM came, for the threads' errors it caused (a pool cancelled):
    the command says "terminated" once, with no traceback."""
    def quiet(unraisable):
        if isinstance(unraisable.exc_value, Terminated) or _signalled:
            return
        hook(unraisable)
    return quiet


def check_environment() -> None:
    """SOURCE_DATE_EPOCH, when set, is a date every command can write: ASCII
    digits (int() also takes "²" and "٣") of a time from 1970 to 9999."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None:
        return
    digits = epoch.strip()
    try:
        if not (digits.isascii() and digits.isdigit()):
            raise ValueError(digits)
        datetime.datetime.fromtimestamp(int(digits), datetime.timezone.utc)
    except (OverflowError, OSError, ValueError):
        raise LocpipeError("SOURCE_DATE_EPOCH must be a whole number of seconds since 1970 (up to the year 9999), "
                           f"not {epoch!r}") from None


if __name__ == "__main__":
    sys.exit(main())
