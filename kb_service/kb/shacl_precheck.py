"""A fast proof that a graph conforms to a shapes graph, for the SHACL Core subset our shapes use;
pySHACL stays the validator of record.

`compile_shapes(shapes)` reads a shapes graph into plain rules, or gives None when the graph holds
any statement outside that subset (then everything goes to pySHACL). `conforms(triples, rules)`
takes the triples as plain keys (`KeyTriple`: facts/to_rdf.py writes them beside the N-Triples,
`statement_keys` makes them from parsed statements) and is True only when they conform for
certain; False means "not proven", and the caller runs pySHACL, whose results are the problems
reported. So the pre-check must never accept what pySHACL rejects: where it is unsure (a datatype
it cannot read, values it cannot compare, any rdfs:subClassOf in the data) it answers False.
The tests hold it against pySHACL.

Supported: node shapes with sh:targetClass and sh:property; property shapes with an IRI sh:path
and sh:minCount, sh:maxCount, sh:datatype (xsd:string, date, integer, boolean), sh:class, sh:in,
sh:nodeKind, sh:pattern (no flags), sh:minInclusive / sh:maxInclusive (integers) and
sh:lessThanOrEquals; sh:name and sh:message (no effect on conformance).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields

import pyoxigraph as ox
import rdflib

from kb_service.core.namespaces import RDF_NS, RDF_TYPE, RDFS_NS, SH_NS, XSD_NS
from kb_service.kb.rdf_io import Statement

_SH = SH_NS
_RDF_FIRST, _RDF_REST, _RDF_NIL = RDF_NS + "first", RDF_NS + "rest", RDF_NS + "nil"
_SUBCLASS = RDFS_NS + "subClassOf"
_NODE_KEYS = {RDF_TYPE, _SH + "targetClass", _SH + "property"}
_PROPERTY_KEYS = {
    _SH + k
    for k in (
        "path name message minCount maxCount datatype class in nodeKind pattern minInclusive "
        "maxInclusive lessThanOrEquals"
    ).split()
}
_INT = re.compile(r"-?[0-9]{1,18}")  # well-formed for XSD and for rdflib alike; use fullmatch
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
Key = tuple[str, str, str, str]  # kind, value, datatype, language: an RDF term, comparable
KeyTriple = tuple[Key, str, Key]  # subject, predicate IRI, object
Types = dict[Key, set[str]]  # node -> the classes it is typed with
ValueTest = Callable[[Key, Types], bool]


def _date(text: str) -> dt.date | None:
    if not _DATE.fullmatch(text):
        return None
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        return None
    return day if day.year >= 1 else None


_WELL_FORMED: dict[str, Callable[[str], bool]] = {
    XSD_NS + "string": lambda _: True,
    XSD_NS + "date": lambda s: _date(s) is not None,
    XSD_NS + "integer": lambda s: bool(_INT.fullmatch(s)),
    XSD_NS + "boolean": lambda s: s in ("true", "false"),
}
_XSD_DATE, _XSD_INTEGER = XSD_NS + "date", XSD_NS + "integer"
_NODE_KINDS = {_SH + "IRI": "iri", _SH + "Literal": "literal", _SH + "BlankNode": "bnode"}


@dataclass(frozen=True)
class PropertyRule:
    path: str
    min_count: int = 0
    max_count: int | None = None
    datatype: str | None = None
    cls: str | None = None
    values: frozenset[Key] | None = None  # sh:in
    node_kind: str | None = None
    pattern: re.Pattern[str] | None = None
    min_inclusive: int | None = None
    max_inclusive: int | None = None
    less_or_equal: str | None = None  # the other property
    # the constraints on one value, as one test of only those the rule sets (built once)
    value_ok: ValueTest = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "value_ok", _value_test(self))

    def __getstate__(self) -> dict[str, object]:  # the test is rebuilt, not pickled
        return {f.name: getattr(self, f.name) for f in fields(self) if f.init}

    def __setstate__(self, state: dict[str, object]) -> None:
        for name, value in state.items():
            object.__setattr__(self, name, value)
        self.__post_init__()


@dataclass(frozen=True)
class NodeRule:
    target_class: str
    properties: tuple[PropertyRule, ...]


class _Unsupported(Exception):
    pass


def _rdflib_key(term: rdflib.term.Node) -> Key:
    if isinstance(term, rdflib.URIRef):
        return ("iri", str(term), "", "")
    if isinstance(term, rdflib.Literal):
        datatype = str(term.datatype) if term.datatype else ""
        if not datatype:
            datatype = RDF_NS + "langString" if term.language else XSD_NS + "string"
        return ("literal", str(term), datatype, term.language or "")
    raise _Unsupported(f"a {type(term).__name__} in sh:in")


def _ox_key(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> Key:
    if isinstance(term, ox.NamedNode):
        return ("iri", term.value, "", "")
    if isinstance(term, ox.Literal):
        return ("literal", term.value, term.datatype.value, term.language or "")
    return ("bnode" if isinstance(term, ox.BlankNode) else "triple", str(term), "", "")


def _one(shapes: rdflib.Graph, node: rdflib.term.Node, prop: str) -> rdflib.term.Node | None:
    values = list(shapes.objects(node, rdflib.URIRef(prop)))
    if len(values) > 1:
        raise _Unsupported(f"{prop} given twice")
    return values[0] if values else None


def _integer(term: rdflib.term.Node | None) -> int | None:
    if term is None:
        return None
    if not (isinstance(term, rdflib.Literal) and term.datatype == rdflib.XSD.integer):
        raise _Unsupported(f"a bound that is not an integer: {term!r}")
    return int(str(term))


def _iri(term: rdflib.term.Node | None) -> str | None:
    if term is not None and not isinstance(term, rdflib.URIRef):
        raise _Unsupported(f"not an IRI: {term!r}")
    return str(term) if term is not None else None


def _list(shapes: rdflib.Graph, head: rdflib.term.Node, used: set[rdflib.term.Node]) -> list[Key]:
    out = []
    while head != rdflib.RDF.nil:
        if set(shapes.predicates(head)) != {rdflib.RDF.first, rdflib.RDF.rest}:
            raise _Unsupported("a malformed RDF list")
        used.add(head)
        out.append(_rdflib_key(shapes.value(head, rdflib.RDF.first)))  # type: ignore[arg-type]
        head = shapes.value(head, rdflib.RDF.rest)  # type: ignore[assignment]
    return out


def _property(
    shapes: rdflib.Graph, node: rdflib.term.Node, used: set[rdflib.term.Node]
) -> PropertyRule:
    if {str(p) for p in shapes.predicates(node)} - _PROPERTY_KEYS:
        raise _Unsupported("a property shape with other statements")
    used.add(node)

    def g(name: str) -> rdflib.term.Node | None:
        return _one(shapes, node, _SH + name)

    path = _iri(g("path"))
    datatype, kind, pattern = _iri(g("datatype")), _iri(g("nodeKind")), g("pattern")
    if path is None or (datatype is not None and datatype not in _WELL_FORMED):
        raise _Unsupported(f"path or datatype: {path}, {datatype}")
    if kind is not None and kind not in _NODE_KINDS:
        raise _Unsupported(f"sh:nodeKind {kind}")
    values = g("in")
    return PropertyRule(
        path=path,
        min_count=_integer(g("minCount")) or 0,
        max_count=_integer(g("maxCount")),
        datatype=datatype,
        cls=_iri(g("class")),
        values=frozenset(_list(shapes, values, used)) if values is not None else None,
        node_kind=_NODE_KINDS[kind] if kind else None,
        pattern=re.compile(str(pattern)) if pattern is not None else None,
        min_inclusive=_integer(g("minInclusive")),
        max_inclusive=_integer(g("maxInclusive")),
        less_or_equal=_iri(g("lessThanOrEquals")),
    )


def compile_shapes(shapes: rdflib.Graph) -> tuple[NodeRule, ...] | None:
    """The rules of a shapes graph, or None when it says anything outside the subset."""
    try:
        rules, used = [], set()
        for shape in set(shapes.subjects(rdflib.RDF.type, rdflib.URIRef(_SH + "NodeShape"))):
            if {str(p) for p in shapes.predicates(shape)} - _NODE_KEYS:
                raise _Unsupported("a node shape with other statements")
            if set(shapes.objects(shape, rdflib.RDF.type)) != {rdflib.URIRef(_SH + "NodeShape")}:
                raise _Unsupported("a node shape of another type too")
            target = _iri(_one(shapes, shape, _SH + "targetClass"))
            if target is None:
                raise _Unsupported("a node shape without sh:targetClass")
            used.add(shape)
            props = [
                _property(shapes, p, used)
                for p in shapes.objects(shape, rdflib.URIRef(_SH + "property"))
            ]
            rules.append(NodeRule(target, tuple(props)))
        if set(shapes.subjects()) - used:  # statements about anything else: not understood
            return None
        return tuple(rules)
    except _Unsupported:
        return None


def statement_keys(statements: Iterable[Statement]) -> list[KeyTriple]:
    """Parsed statements as the pre-check reads them."""
    return [(_ox_key(t.subject), t.predicate.value, _ox_key(t.object)) for t in statements]


def _value_test(rule: PropertyRule) -> ValueTest:
    """Whether one value meets every constraint of `rule` on a value, testing only those set."""
    tests: list[ValueTest] = []
    if (kind := rule.node_kind) is not None:
        tests.append(lambda v, _: v[0] == kind)
    if (datatype := rule.datatype) is not None:
        well_formed = _WELL_FORMED[datatype]
        tests.append(
            lambda v, _: v[0] == "literal" and not v[3] and v[2] == datatype and well_formed(v[1])
        )
    if (cls := rule.cls) is not None:
        tests.append(lambda v, types: v[0] != "literal" and cls in types.get(v, ()))
    if (allowed := rule.values) is not None:
        tests.append(lambda v, _: v in allowed)
    if (pattern := rule.pattern) is not None:
        search = pattern.search
        tests.append(lambda v, _: v[0] in ("iri", "literal") and search(v[1]) is not None)
    low, high = rule.min_inclusive, rule.max_inclusive
    if low is not None or high is not None:
        tests.append(lambda v, _: _within(_integer_value(v), low, high))
    if len(tests) == 1:
        return tests[0]
    return lambda v, types: all(test(v, types) for test in tests)


def _within(n: int | None, low: int | None, high: int | None) -> bool:
    return n is not None and (low is None or n >= low) and (high is None or n <= high)


def _integer_value(v: Key) -> int | None:
    if v[0] == "literal" and v[2] == _XSD_INTEGER and _INT.fullmatch(v[1]):
        return int(v[1])
    return None


def _less_or_equal(a: Key, b: Key) -> bool:
    """a <= b for certain: both dates, or both integers, well-formed."""
    if a[0] != "literal" or b[0] != "literal":
        return False
    if a[2] == b[2] == _XSD_DATE:
        da, db = _date(a[1]), _date(b[1])
        return da is not None and db is not None and da <= db
    ia, ib = _integer_value(a), _integer_value(b)
    return ia is not None and ib is not None and ia <= ib


def conforms(triples: Iterable[KeyTriple], rules: tuple[NodeRule, ...]) -> bool:
    """True only when the triples conform to the rules for certain."""
    index: dict[Key, dict[str, list[Key]]] = {}
    types: dict[Key, set[str]] = {}
    for s, p, o in triples:
        properties = index.get(s)
        if properties is None:
            properties = index[s] = {}
        values = properties.get(p)
        if values is None:
            properties[p] = [o]
        else:
            values.append(o)
        if p == RDF_TYPE and o[0] == "iri":
            types.setdefault(s, set()).add(o[1])
        elif p == _SUBCLASS:
            return False  # class targets through subclasses: left to pySHACL
    by_class = _by_class(rules)
    none: list[PropertyRule] = []
    for node, classes in types.items():
        properties = index[node]
        for cls in classes:
            for prop in by_class.get(cls, none):
                if not _property_ok(prop, properties, types):
                    return False
    return True


def _by_class(rules: tuple[NodeRule, ...]) -> dict[str, list[PropertyRule]]:
    by_class: dict[str, list[PropertyRule]] = {}
    for rule in rules:
        by_class.setdefault(rule.target_class, []).extend(rule.properties)
    return by_class


def _property_ok(prop: PropertyRule, properties: dict[str, list[Key]], types: Types) -> bool:
    values = properties.get(prop.path, ())
    n = len(values) if len(values) < 2 else len(set(values))
    if n < prop.min_count or (prop.max_count is not None and n > prop.max_count):
        return False
    value_ok = prop.value_ok
    for v in values:
        if not value_ok(v, types):
            return False
    if prop.less_or_equal is not None:
        others = properties.get(prop.less_or_equal, ())
        return all(_less_or_equal(v, w) for v in values for w in others)
    return True
