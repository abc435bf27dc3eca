"""Turtle edited as text: find a statement or a bracketed node, change one property in place,
append a block in the file's style. Nothing is re-serialised, so `git diff` shows only the
change and hand-written comments stay.

The scanner knows just enough Turtle for this: strings (short and long, with escapes, and their
@lang or ^^datatype), IRIs in angle brackets, comments, brackets, and the punctuation `; , .`
(a dot ends a statement only when whitespace, a comment or the end follows it: `req:5.3` is one
name). Every edited file is parsed again before it is written (editing.changeset).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from kb_service.core.problems import UsageError


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str
    kind: str  # "str" (a literal with its suffix), "iri", "punct", "word"


_PUNCT = "[](),;"
_STOP = set(" \t\r\n[](),;\"'<#")


def _string_end(text: str, i: int) -> int:
    quote = text[i]
    long = text.startswith(quote * 3, i)
    j = i + (3 if long else 1)
    while j < len(text):
        c = text[j]
        if c == "\\":
            j += 2
            continue
        if long and text.startswith(quote * 3, j):
            return j + 3
        if not long and c == quote:
            return j + 1
        if not long and c == "\n":
            break
        j += 1
    raise UsageError(f"unterminated string at offset {i}")


def tokens(text: str) -> list[Token]:
    out: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in " \t\r\n":
            i += 1
        elif c == "#":
            nl = text.find("\n", i)
            i = n if nl < 0 else nl
        elif c in "\"'":
            j = _string_end(text, i)
            while j < n and text[j] not in _STOP:  # @lang or ^^datatype
                j += 1
            out.append(Token(i, j, text[i:j], "str"))
            i = j
        elif c == "<":
            j = text.index(">", i) + 1
            out.append(Token(i, j, text[i:j], "iri"))
            i = j
        elif c in _PUNCT:
            out.append(Token(i, i + 1, c, "punct"))
            i += 1
        else:
            j = i
            while j < n and text[j] not in _STOP:
                j += 1
            word = text[i:j]
            if word.endswith("."):  # a dot before whitespace ends the statement
                if len(word) > 1:
                    out.append(Token(i, j - 1, word[:-1], "word"))
                out.append(Token(j - 1, j, ".", "punct"))
            else:
                out.append(Token(i, j, word, "word"))
            i = j
    return out


@dataclass(frozen=True)
class Statement:
    """One predicate and its objects inside a node: token indexes [pred, end)."""

    predicate: str
    pred: int  # index of the predicate token
    objects: list[tuple[int, int]]  # token index ranges of each object, [start, end)


@dataclass
class Node:
    """A subject's property list: tokens (first, last) exclusive of the subject and the
    closing `.` or `]`."""

    toks: list[Token]
    first: int
    last: int  # index of the closing token (`.` or `]`)

    def statements(self) -> list[Statement]:
        out: list[Statement] = []
        i = self.first
        while i < self.last:
            pred, i, objects, start, depth = i, i + 1, [], i + 1, 0
            while i < self.last:
                t = self.toks[i].text if self.toks[i].kind == "punct" else ""
                if t in ("[", "("):
                    depth += 1
                elif t in ("]", ")"):
                    depth -= 1
                elif depth == 0 and t in (",", ";"):
                    objects.append((start, i))
                    start = i + 1
                    if t == ";":
                        break
                i += 1
            else:
                objects.append((start, i))
            out.append(Statement(self.toks[pred].text, pred, [o for o in objects if o[0] < o[1]]))
            i += 1
            while i < self.last and self.toks[i].text == ";":
                i += 1
        return out

    def get(self, predicate: str) -> Statement | None:
        return next((s for s in self.statements() if s.predicate == predicate), None)

    def child(self, obj: tuple[int, int]) -> Node | None:
        """The bracketed node `[ ... ]` that is this object, if it is one."""
        start, end = obj
        if self.toks[start].text != "[" or self.toks[end - 1].text != "]":
            return None
        return Node(self.toks, start + 1, end - 1)

    def texts(self, predicate: str) -> list[str]:
        st = self.get(predicate)
        return [" ".join(t.text for t in self.toks[a:b]) for a, b in (st.objects if st else [])]


def statement_nodes(text: str, subject: str) -> list[Node]:
    """Every top-level statement whose subject is `subject` (a CURIE), in file order."""
    toks = tokens(text)
    found: list[Node] = []
    depth, at_start = 0, True
    for i, tok in enumerate(toks):
        if tok.kind == "punct" and tok.text in "[(":
            depth += 1
        elif tok.kind == "punct" and tok.text in "])":
            depth -= 1
        if depth == 0 and at_start and tok.text == subject:
            end = i + 1
            inner = 0
            while end < len(toks) and not (inner == 0 and toks[end].text == "."):
                inner += {"[": 1, "(": 1, "]": -1, ")": -1}.get(toks[end].text, 0)
                end += 1
            found.append(Node(toks, i + 1, end))
        at_start = depth == 0 and tok.text == "."
    return found


class TextEdit:
    """Replacements on one text, applied together (none may overlap)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._edits: list[tuple[int, int, str]] = []

    def replace(self, start: int, end: int, new: str) -> None:
        self._edits.append((start, end, new))

    def result(self) -> str:
        out, pos = [], 0
        for start, end, new in sorted(self._edits, key=lambda e: (e[0], e[1])):
            if start < pos:
                raise UsageError("internal: overlapping text edits")
            out += [self.text[pos:start], new]
            pos = end
        return "".join(out) + self.text[pos:]

    def _indent(self, node: Node, index: int) -> str:
        start = node.toks[index].start
        line = self.text.rfind("\n", 0, start) + 1
        lead = self.text[line:start]
        return lead[: len(lead) - len(lead.lstrip())]

    def set_objects(self, node: Node, predicate: str, objects: str) -> None:
        """Replace the objects of `predicate` in `node`, or add the statement at its end."""
        st = node.get(predicate)
        if st is None:
            self.add_statement(node, f"{predicate} {objects}")
            return
        first, last = node.toks[st.objects[0][0]], node.toks[st.objects[-1][1] - 1]
        self.replace(first.start, last.end, objects)

    def add_statement(self, node: Node, statement: str) -> None:
        """`predicate objects` as the node's last statement, on its own line."""
        sts = node.statements()
        last = node.toks[sts[-1].objects[-1][1] - 1]
        indent = self._indent(node, sts[-1].pred)
        self.replace(last.end, last.end, f" ;\n{indent}{statement}")

    def add_object(self, node: Node, predicate: str, obj: str, sep: str = ", ") -> None:
        st = node.get(predicate)
        if st is None:
            self.add_statement(node, f"{predicate} {obj}")
            return
        last = node.toks[st.objects[-1][1] - 1]
        self.replace(last.end, last.end, f"{sep}{obj}")

    def remove_statement(self, node: Node, predicate: str) -> None:
        sts = node.statements()
        for k, st in enumerate(sts):
            if st.predicate != predicate:
                continue
            end = node.toks[st.objects[-1][1] - 1].end
            if k == 0:  # the first: up to the next predicate
                nxt = node.toks[sts[1].pred].start if len(sts) > 1 else end
                self.replace(node.toks[st.pred].start, nxt, "")
            else:
                prev = node.toks[sts[k - 1].objects[-1][1] - 1].end
                self.replace(prev, end, "")

    def remove_object(self, node: Node, predicate: str, obj: str) -> None:
        st = node.get(predicate)
        if st is None:
            return
        spans = [(a, b) for a, b in st.objects]
        texts = [" ".join(t.text for t in node.toks[a:b]) for a, b in spans]
        if obj not in texts:
            return
        k = texts.index(obj)
        if len(spans) == 1:
            self.remove_statement(node, predicate)
            return
        a, b = spans[k]
        if k == 0:
            self.replace(node.toks[a].start, node.toks[spans[1][0]].start, "")
        else:
            self.replace(node.toks[spans[k - 1][1] - 1].end, node.toks[b - 1].end, "")


def append_block(text: str, block: str) -> str:
    """A new statement at the end of the file, after one blank line."""
    if text and not text.endswith("\n"):
        text += "\n"
    return text + ("\n" if text.strip() else "") + block.rstrip("\n") + "\n"


_PREFIX = re.compile(r"^@prefix\s+([A-Za-z0-9_-]*):\s*<([^>]*)>\s*\.[^\n]*\n", re.M)


def ensure_prefixes(text: str, needed: dict[str, str]) -> str:
    """Declare the prefixes `needed` that the file lacks, after its last @prefix line."""
    have = {m.group(1): m.group(2) for m in _PREFIX.finditer(text)}
    missing = [(p, iri) for p, iri in needed.items() if p not in have]
    for p, iri in needed.items():
        if p in have and have[p] != iri:
            raise UsageError(f"the file binds prefix {p}: to {have[p]}, expected {iri}")
    if not missing:
        return text
    width = max([len(p) for p in have] + [len(p) for p, _ in missing]) + 2
    lines = "".join(f"@prefix {(p + ':').ljust(width)}<{iri}> .\n" for p, iri in missing)
    last = list(_PREFIX.finditer(text))
    at = last[-1].end() if last else 0
    return text[:at] + lines + text[at:]


# ---------- terms ----------

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def literal(value: str, lang: str | None = None) -> str:
    """A Turtle string literal: quotes, backslashes and line breaks escaped."""
    body = "".join(_ESCAPES.get(c, c) for c in value)
    return f'"{body}"' + (f"@{lang}" if lang else "")


def date_literal(day: dt.date) -> str:
    return f'"{day.isoformat()}"^^xsd:date'


def datetime_literal(when: dt.datetime) -> str:
    return f'"{when.isoformat(timespec="seconds")}"^^xsd:dateTime'


def date_value(token_text: str) -> dt.date | None:
    """The date of a `"YYYY-MM-DD"^^xsd:date` token, else None."""
    m = re.fullmatch(r'"([0-9]{4}-[0-9]{2}-[0-9]{2})"\^\^xsd:date', token_text)
    return dt.date.fromisoformat(m.group(1)) if m else None
