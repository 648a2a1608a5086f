"""Compiled regular expressions kept across runs. The checks' word lists
are a few dozen large patterns; compiling them costs most of a small
build (parsing and code generation, which `re` redoes in every process).
What `re` makes of a pattern is a list of integers for its matching
engine, which the data cache can keep: a later run hands it to the engine
directly, as `re` itself does at the end of a compile.

That hand-over (`_sre.compile`) is internal to CPython, so a stored
compile is keyed by the interpreter's version and the engine's version
(`MAGIC`), is signed like every entry of the data cache, and any failure
falls back to `re.compile`: a stored pattern is only ever faster."""

from __future__ import annotations

import hashlib
import re
import sys

try:  # CPython's own modules behind `re`
    import _sre
    from re import _compiler, _constants, _parser
except ImportError:  # another Python: compile as usual
    _sre = None


def _parts(pattern: str) -> tuple:
    """What the engine takes for a pattern, as `re._compiler.compile` makes
    it: flags, code, the number of groups and the group names both ways."""
    parsed = _parser.parse(pattern, 0)
    code = [int(op) for op in _compiler._code(parsed, 0)]  # plain integers: the named opcodes do not pickle
    names = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, index in names.items():
        indexgroup[index] = name
    return parsed.state.flags, code, parsed.state.groups - 1, names, tuple(indexgroup)


def stored_compile(name: str, pattern: str) -> re.Pattern:
    """`re.compile(pattern)`, from the engine code an earlier run stored
    under `name` where there is one."""
    if _sre is None:
        return re.compile(pattern)
    from .datacache import cached
    key = f"{sys.version} {_constants.MAGIC} {hashlib.sha256(pattern.encode()).hexdigest()}"
    try:
        return _sre.compile(pattern, *cached(f"pattern-{name}", key, lambda: _parts(pattern)))
    except Exception:  # an engine that takes other arguments: compile as usual
        return re.compile(pattern)
