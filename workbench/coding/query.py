"""Boolean code queries for retrieval: ``Q2 AND (Q4 OR Q6) AND NOT M3``.

Operators ``AND``/``OR``/``NOT`` (any case, or ``&``, ``|``, ``!``/``-``), parentheses, code ids as
operands; adjacent operands mean AND. ``parse_query`` returns a :class:`CodeQuery` that tests a set
of code ids and lists the codes it refers to.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from workbench.errors import InputError

_TOKEN = re.compile(r"\s*(\(|\)|&|\||!|[A-Za-zÆØÅæøå0-9_.\-]+)")
Pred = Callable[[frozenset[str]], bool]


@dataclass(frozen=True)
class CodeQuery:
    text: str
    codes: frozenset[str]
    _pred: Pred

    def matches(self, codes: Iterable[str]) -> bool:
        return self._pred(frozenset(codes))


def parse_query(text: str, *, known: Iterable[str] | None = None) -> CodeQuery:
    """Parse a query; unknown code ids (when ``known`` is given) and syntax errors raise InputError."""
    pos, toks = 0, []
    src = text.strip()
    while pos < len(src):
        m = _TOKEN.match(src, pos)
        if not m or m.end() == pos:
            raise InputError(f"query: cannot read '{src[pos:pos + 10]}' at position {pos + 1}")
        tok = m.group(1)
        upper = tok.upper()
        toks.append({"&": "AND", "|": "OR", "!": "NOT"}.get(tok, upper if upper in ("AND", "OR", "NOT") else tok))
        pos = m.end()
    if not toks:
        raise InputError("query is empty")
    used: set[str] = set()
    i = 0

    def peek() -> str | None:
        return toks[i] if i < len(toks) else None

    def take() -> str:
        nonlocal i
        tok = toks[i]
        i += 1
        return tok

    def expr() -> Pred:
        left = term()
        while peek() == "OR":
            take()
            right = term()
            left = (lambda a, b: lambda s: a(s) or b(s))(left, right)
        return left

    def term() -> Pred:
        left = factor()
        while peek() not in (None, "OR", ")"):
            if peek() == "AND":
                take()
            right = factor()
            left = (lambda a, b: lambda s: a(s) and b(s))(left, right)
        return left

    def factor() -> Pred:
        tok = peek()
        if tok is None:
            raise InputError("query ends too early")
        if tok == "NOT":
            take()
            inner = factor()
            return lambda s: not inner(s)
        if tok == "(":
            take()
            inner = expr()
            if peek() != ")":
                raise InputError("query: missing ')'")
            take()
            return inner
        if tok in ("AND", "OR", ")"):
            raise InputError(f"query: unexpected '{tok}'")
        take()
        used.add(tok)
        return lambda s: tok in s

    pred = expr()
    if i != len(toks):
        raise InputError(f"query: unexpected '{toks[i]}'")
    if known is not None:
        unknown = sorted(used - set(known))
        if unknown:
            raise InputError(f"query: unknown code(s) {', '.join(unknown)}")
    return CodeQuery(text=text, codes=frozenset(used), _pred=pred)
