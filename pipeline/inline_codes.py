"""A unit's Markdown as XLIFF inline codes: text, paired codes (bold, italic,
links) and placeholders (code spans, images, autolinks, protected tokens
such as phone numbers and measures), each code carrying the exact Markdown
it stands for, and the way back. Pure functions."""

from __future__ import annotations

from dataclasses import dataclass, field

from .tokens import inline_tokens, protected_tokens

OPENERS = {"bold": None, "italic": None, "link": "["}  # bold/italic open as they close


@dataclass
class Code:
    """One inline code: `kind` is bold, italic, link (paired) or code,
    protected (placeholders); `open`/`close` the Markdown it stands for."""

    kind: str
    open: str
    close: str = ""
    children: list = field(default_factory=list)  # of str and Code, for paired codes
    id: str = ""

    @property
    def paired(self) -> bool:
        return self.kind in OPENERS


def _closing_paren(text: str, start: int) -> int:
    """Index after the `)` that closes a link destination opened before `start`."""
    depth = 0
    i = start
    while i < len(text):
        char = text[i]
        if char == "\\":
            i += 2
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                return i + 1
            depth -= 1
        i += 1
    raise ValueError("unclosed link")


def _find(text: str, markup: str, position: int) -> int:
    found = text.find(markup, position)
    while found > 0 and text[found - 1] == "\\":
        found = text.find(markup, found + 1)
    if found < 0:
        raise ValueError(markup)
    return found


def parse_inline(text: str, placeholders: tuple[str, ...] = ()) -> list:
    """The unit's Markdown as a list of text runs and Codes, each run the
    literal Markdown (escapes kept), so that `markdown_of` gives back the
    same string. A text markdown-it reads otherwise is one text run.
    `placeholders` (a page string's `%(date)s`) are protected like phone
    numbers."""
    try:
        parsed = _parse_inline(text, placeholders)
    except ValueError:
        parsed = []
    if markdown_of(parsed) != text:
        parsed = _protect([text] if text else [], _by_length(placeholders))
    return parsed


def _parse_inline(text: str, placeholders: tuple[str, ...]) -> list:
    root: list = []
    stack: list[tuple[Code | None, list]] = [(None, root)]
    position = 0

    def literal(end: int) -> None:
        if end > position:
            stack[-1][1].append(text[position:end])

    for token in inline_tokens(text):
        kind = {"strong_open": "bold", "em_open": "italic"}.get(token.type)
        if kind:
            start = _find(text, token.markup, position)
            literal(start)
            code = Code(kind, token.markup, token.markup)
            stack[-1][1].append(code)
            stack.append((code, code.children))
            position = start + len(token.markup)
        elif token.type in ("strong_close", "em_close"):
            start = _find(text, token.markup, position)
            literal(start)
            stack.pop()
            position = start + len(token.markup)
        elif span := _placeholder_span(text, token, position):
            start, end, kind = span
            literal(start)
            stack[-1][1].append(Code(kind, text[start:end]))
            position = end
        elif token.type == "link_open":
            start = _find(text, "[", position)
            literal(start)
            code = Code("link", "[")
            stack[-1][1].append(code)
            stack.append((code, code.children))
            position = start + 1
        elif token.type == "link_close":
            if stack[-1][0] is None:  # the autolink's close
                continue
            start = _find(text, "](", position)
            end = _closing_paren(text, start + 2)
            literal(start)
            stack[-1][0].close = text[start:end]
            stack.pop()
            position = end
    if len(stack) != 1:
        raise ValueError("unbalanced")
    literal(len(text))
    return _protect(root, _by_length([*_protected_literals(text), *placeholders]))


def _placeholder_span(text: str, token, position: int) -> tuple[int, int, str] | None:
    """Where an autolink, a code span or an image stands, from `position`
    on: each is one placeholder code, protected or code."""
    if token.type == "link_open" and token.markup == "autolink":
        start = _find(text, "<", position)
        return start, text.index(">", start) + 1, "protected"
    if token.type == "code_inline":
        start = _find(text, token.markup, position)
        end = _find(text, token.markup, start + len(token.markup) + len(token.content.strip()) - 1
                    if token.content.strip() else start + len(token.markup)) + len(token.markup)
        return start, end, "code"
    if token.type == "image":
        start = _find(text, "![", position)
        return start, _closing_paren(text, _find(text, "](", start) + 2), "code"
    return None


def _protected_literals(text: str) -> list[str]:
    tokens = protected_tokens(text)
    return [t for t in (*tokens.phones, *tokens.emergency, *tokens.emails, *tokens.measures, *tokens.urls)
            if t and t in text]


def _by_length(literals) -> list[str]:
    """Longest first, so a token inside a longer one is not split out."""
    return sorted(set(literals), key=lambda t: (-len(t), t))


def _protect(parts: list, literals: list[str]) -> list:
    """Text runs with each protected token split out as a placeholder."""
    out: list = []
    for part in parts:
        if isinstance(part, Code):
            part.children = _protect(part.children, literals)
            out.append(part)
            continue
        out.extend(_split_protected(part, literals))
    return out


def _split_protected(text: str, literals: list[str]) -> list:
    best = None
    for literal in literals:
        at = text.find(literal)
        if at >= 0 and (best is None or at < best[0]):
            best = (at, literal)
    if best is None:
        return [text] if text else []
    at, literal = best
    head = [text[:at]] if at else []
    return head + [Code("protected", literal)] + _split_protected(text[at + len(literal):], literals)


def markdown_of(parts: list) -> str:
    out = []
    for part in parts:
        if isinstance(part, str):
            out.append(part)
        elif part.paired:
            out.append(part.open + markdown_of(part.children) + part.close)
        else:
            out.append(part.open)
    return "".join(out)


def _codes(parts: list) -> list[Code]:
    found = []
    for part in parts:
        if isinstance(part, Code):
            found.append(part)
            found.extend(_codes(part.children))
    return found


def number_codes(source: list, target: list) -> None:
    """Ids for the codes: the source's in order; a target code takes the id
    of the source code with the same Markdown, in order, or a new one."""
    source_codes = _codes(source)
    for number, code in enumerate(source_codes, 1):
        code.id = str(number)
    free = list(source_codes)
    extra = len(source_codes)
    for code in _codes(target):
        match = next((c for c in free if (c.kind, c.open, c.close) == (code.kind, code.open, code.close)), None)
        if match is not None:
            free.remove(match)
            code.id = match.id
        else:
            extra += 1
            code.id = str(extra)
