"""What a SPARQL query may do here: read the store it is run on, nothing else.

Both engines follow `SERVICE <url>` (and rdflib loads `FROM <url>` graphs from the web), so a
query is refused before it runs if it names another source, or changes data. Two checks:

- `query_problems` parses without running (rdflib's parser): for `kb validate`, exact, about
  15 ms a query;
- `assert_read_only` is a lexical check, microseconds a query, made on every query before it
  is run (comments, strings and IRIs are skipped, so `?service` or `<…/SERVICE>` pass).
"""

from __future__ import annotations

import re
from typing import Any

FOREIGN = ("SERVICE", "FROM", "LOAD")  # fetch from elsewhere
UPDATES = ("INSERT", "DELETE", "CLEAR", "DROP", "CREATE", "COPY", "MOVE", "ADD", "WITH")
_TOKENS = re.compile(
    r"""
    (?P<skip> \#[^\n]*                      # comment
      | '''(?:[^'\\]|\\.|'(?!''))*'''       # long strings
      | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
      | '(?:[^'\\\n]|\\.)*' | "(?:[^"\\\n]|\\.)*"
      | <[^<>"{}|^`\\\s]*>                  # IRI
      | [?$][\w]+                           # variable
      | [\w.-]*:[\w.%:-]*                   # prefixed name
    )
    | (?P<escape> \\[uU])                   # a codepoint escape could spell a keyword
    | (?P<word> [A-Za-z]+)
    """,
    re.VERBOSE,
)


class UnsafeQuery(ValueError):
    """A query that reaches outside the store or writes to it."""


def forbidden_words(text: str) -> list[str]:
    """Keywords of the query that fetch from elsewhere or change data, in order of appearance."""
    found = []
    for match in _TOKENS.finditer(text):
        if match.lastgroup == "escape":
            found.append("\\u escape")
        elif match.lastgroup == "word" and match.group(0).upper() in FOREIGN + UPDATES:
            found.append(match.group(0).upper())
    return found


# texts already found read-only: the KB's own queries, run for every body (bounded: at most
# 2,000 texts of at most 16 KB are remembered; any other text is checked every time)
_READ_ONLY: set[str] = set()


def assert_read_only(text: str) -> None:
    """Raise UnsafeQuery if the query could fetch from elsewhere or write."""
    if text in _READ_ONLY:
        return
    words = forbidden_words(text)
    if words:
        raise UnsafeQuery(
            f"query refused: it uses {', '.join(sorted(set(words)))}; only queries that read "
            "the store they run on are run"
        )
    if len(_READ_ONLY) < 2_000 and len(text) <= 16_384:
        _READ_ONLY.add(text)


def _walk(node: Any, names: set[str]) -> None:
    stack = [node]
    while stack:
        item = stack.pop()
        name = getattr(item, "name", None)
        if isinstance(name, str):
            names.add(name)
        if isinstance(item, dict):
            names.update(k for k in item if isinstance(k, str))
            stack.extend(item.values())
        elif isinstance(item, list | tuple) or type(item).__name__ == "ParseResults":
            stack.extend(item)


def query_problems(text: str) -> list[str]:
    """Why a query file is not acceptable (syntax, SERVICE, FROM, updates); [] when it is.

    Parses only: nothing is run, so nothing can be fetched.
    """
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery

    problems = [f"uses {w}: a query may only read its own store" for w in forbidden_words(text)]
    try:
        parsed = parseQuery(text)
    except ParseException as exc:
        return [*problems, f"SPARQL syntax error: {' '.join(str(exc).split())[:200]}"]
    except Exception as exc:  # rdflib raises other types for some malformed queries
        return [*problems, f"SPARQL syntax error: {type(exc).__name__}: {str(exc)[:200]}"]
    names: set[str] = set()
    _walk(parsed, names)
    if "ServiceGraphPattern" in names and not any("SERVICE" in p for p in problems):
        problems.append("uses SERVICE: a query may only read its own store")
    if "datasetClause" in names and not any("FROM" in p for p in problems):
        problems.append("uses FROM: a query may only read its own store")
    return sorted(set(problems))
