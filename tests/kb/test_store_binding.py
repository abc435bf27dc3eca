"""Values bound into SPARQL (kb/store.py: bind_values), on both engines: each value reaches the
query as one term of its own type, never as query text."""

from __future__ import annotations

import datetime as dt

import pytest

from kb_service.kb.store import IRI, LangString, bind_values, new_store

ENGINES = ("oxigraph", "rdflib")
X = "http://example.org/"
DATA = (
    f'<{X}s> <{X}p> "secret" .\n'
    f'<{X}s> <{X}n> "3"^^<http://www.w3.org/2001/XMLSchema#integer> .\n'
    f'<{X}s> <{X}d> "2024-02-29"^^<http://www.w3.org/2001/XMLSchema#date> .\n'
    f'<{X}t> <{X}p> "public" .\n'
).encode()
# Strings that would change the query if they were spliced into its text.
HOSTILE = [
    'anything") ("secret',  # would add a second VALUES row matching the data
    'x" } ?s ?p ?o . { "',  # would close the group and match every triple
    '" . } DELETE WHERE { ?s ?p ?o } #',
    '\'\'\'""" \\ \\"',
    "line one\nline two\r\n",
    "?s <http://example.org/p> ?v",
    'WHERE { } VALUES (?v) { ("secret") }',
    "кыргызча «текст» \u2028 😀",
    "",
]


def store(engine: str):
    s = new_store(engine)
    s.add_ntriples(DATA)
    return s


def echo(engine: str, **values) -> dict:
    """The row a query with no pattern returns for `values`: what each value became."""
    rows = new_store(engine).select("SELECT * WHERE { }", values)
    assert len(rows) == 1
    return rows[0]


# --- the text bind_values writes ------------------------------------------------------------


def test_values_go_after_the_first_where_brace():
    query = "SELECT ?x WHERE { ?x ?p ?o OPTIONAL { SELECT ?y WHERE { ?y ?q ?r } } }"
    bound = bind_values(query, {"v": 1, "w": 2}, lambda v: f"T{v}")
    head, tail = query.split("WHERE {", 1)
    assert bound == head + "WHERE {" + " VALUES (?v ?w) { (T1 T2) } " + tail
    assert bound.count("VALUES") == 1


def test_the_where_keyword_is_found_in_any_case():
    assert (
        bind_values("select * where{ }", {"v": 1}, str) == "select * where{ VALUES (?v) { (1) }  }"
    )


def test_a_table_of_rows_is_one_values_block_beside_the_single_values():
    rows = [{"a": 1, "b": 2}, {"a": 3, "b": 4}]
    bound = bind_values("SELECT * WHERE { }", {"v": 0}, str, rows)
    assert " VALUES (?v) { (0) } " in bound
    assert " VALUES (?a ?b) { (1 2) (3 4) } " in bound


def test_nothing_to_bind_leaves_the_query_as_it_is():
    query = "SELECT * WHERE { ?s ?p ?o }"
    assert bind_values(query, {}, str) is query


@pytest.mark.parametrize("name", ["a b", "x)", "1a", "v}", "x;", "?v", "", "é"])
def test_a_bad_variable_name_is_refused(name):
    with pytest.raises(ValueError, match="bad SPARQL variable name"):
        bind_values("SELECT * WHERE { }", {name: 1}, str)


def test_a_query_without_where_is_refused():
    with pytest.raises(ValueError, match="no WHERE group"):
        bind_values("ASK { ?s ?p ?o }", {"v": 1}, str)


# --- both engines: each value is one term of its type --------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("text", HOSTILE)
def test_a_hostile_string_comes_back_unchanged(engine, text):
    assert echo(engine, v=text) == {"v": text}


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("text", HOSTILE)
def test_a_hostile_string_matches_only_itself(engine, text):
    rows = store(engine).select(f"SELECT ?s WHERE {{ ?s <{X}p> ?v }}", {"v": text})
    assert rows == []  # spliced, most of these would match "secret" or every subject


ESCAPE_LIKE = ['x\\u0022) ("secret', 'x\\U00000022) ("secret', '\\u005c") ("secret']


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("text", ESCAPE_LIKE)
def test_escape_like_text_does_not_break_out_either(engine, text):
    """Read as SPARQL text, \\u0022 is a quote: even decoded, it stays inside the string."""
    rows = store(engine).select(f"SELECT ?s WHERE {{ ?s <{X}p> ?v }}", {"v": text})
    assert rows == []
    assert len(store(engine).select("SELECT ?v WHERE { }", {"v": text})) == 1


@pytest.mark.parametrize("engine", ENGINES)
def test_a_string_matches_the_equal_literal(engine):
    rows = store(engine).select(f"SELECT ?s WHERE {{ ?s <{X}p> ?v }}", {"v": "secret"})
    assert rows == [{"s": X + "s"}]


RDFLIB_REWRITES = pytest.mark.xfail(
    strict=True,
    reason="rdflib reads the query text, not the term: its parser turns a raw tab into spaces "
    "and decodes \\u/\\U codepoint escapes inside a bound string (Literal.n3() writes tabs "
    "raw and a backslash as \\\\); the value changes, but stays one string (above)",
)


@pytest.mark.parametrize("engine", ["oxigraph", pytest.param("rdflib", marks=RDFLIB_REWRITES)])
@pytest.mark.parametrize("text", ["a\tb", *ESCAPE_LIKE])
def test_tabs_and_escape_like_text_come_back_unchanged(engine, text):
    assert echo(engine, v=text) == {"v": text}


@pytest.mark.parametrize("engine", ENGINES)
def test_an_iri_binds_as_an_iri_and_a_str_as_a_literal(engine):
    s = store(engine)
    query = f"SELECT ?v WHERE {{ ?s <{X}p> ?v FILTER(isIRI(?s)) }}"
    assert s.select(query, {"s": IRI(X + "s")}) == [{"v": "secret"}]
    assert s.select(query, {"s": X + "s"}) == []  # the same text as a string is not the IRI
    kinds = s.select(
        "SELECT (isIRI(?i) AS ?a) (isLiteral(?l) AS ?b) WHERE { }", {"i": IRI(X), "l": X}
    )
    assert kinds == [{"a": True, "b": True}]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("bad", [X + "s> ?p ?o . } #", X + "a b", X + '"', X + "<"])
def test_an_iri_that_would_break_out_is_refused(engine, bad):
    with pytest.raises(Exception, match="IRI|URI"):  # each engine's own refusal
        store(engine).select("SELECT * WHERE { ?s ?p ?o }", {"s": IRI(bad)})


@pytest.mark.parametrize("engine", ENGINES)
def test_ints_are_integers(engine):
    row = echo(engine, n=-7, big=2**63 - 1)
    assert row == {"n": -7, "big": 2**63 - 1} and type(row["n"]) is int
    typed = store(engine).select("SELECT (DATATYPE(?n) AS ?t) WHERE { }", {"n": 3})
    assert typed == [{"t": "http://www.w3.org/2001/XMLSchema#integer"}]
    rows = store(engine).select(f"SELECT ?s WHERE {{ ?s <{X}n> ?n }}", {"n": 3})
    assert rows == [{"s": X + "s"}]


@pytest.mark.parametrize("engine", ENGINES)
def test_booleans_are_booleans_not_integers(engine):
    assert echo(engine, t=True, f=False) == {"t": True, "f": False}
    row = new_store(engine).select("SELECT (DATATYPE(?b) AS ?t) WHERE { }", {"b": True})
    assert row == [{"t": "http://www.w3.org/2001/XMLSchema#boolean"}]


@pytest.mark.parametrize("engine", ENGINES)
def test_dates_are_dates_and_compare_as_dates(engine):
    leap = dt.date(2024, 2, 29)
    assert echo(engine, d=leap) == {"d": leap}
    s = store(engine)
    query = f"SELECT ?s WHERE {{ ?s <{X}d> ?d FILTER(?d >= ?cutoff) }}"
    assert s.select(query, {"cutoff": leap}) == [{"s": X + "s"}]  # on the day: included
    assert s.select(query, {"cutoff": dt.date(2024, 3, 1)}) == []
    typed = s.select("SELECT (DATATYPE(?d) AS ?t) WHERE { }", {"d": leap})
    assert typed == [{"t": "http://www.w3.org/2001/XMLSchema#date"}]


@pytest.mark.parametrize("engine", ENGINES)
def test_a_language_string_keeps_its_tag(engine):
    row = echo(engine, v=LangString('ky" } #', "ky"))
    assert row == {"v": 'ky" } #'} and row["v"].lang == "ky"


@pytest.mark.parametrize("engine", ENGINES)
def test_a_table_joins_each_row_with_the_data(engine):
    rows = [{"who": IRI(X + "s"), "text": "secret"}, {"who": IRI(X + "t"), "text": "secret"}]
    found = store(engine).select(f"SELECT ?who WHERE {{ ?who <{X}p> ?text }}", {}, rows)
    assert found == [{"who": X + "s"}]  # t says "public": its row finds nothing
