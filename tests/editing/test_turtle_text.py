"""Turtle edited as text: names with dots, comments, strings with hostile content, nested
nodes; an edit changes only its own statement."""

from __future__ import annotations

import rdflib

from kb_service.editing.turtle_text import TextEdit, append_block, literal, statement_nodes, tokens

TEXT = '''@prefix ex: <http://example.org/> .
# a hand-written comment . with a dot ; and [ brackets ]
ex:a ex:p "x . ] ; # not a comment" ;  # trailing comment
    ex:q ex:5.3, ex:b ;
    ex:n [ ex:about ex:p, ex:q ; ex:v "1" ] .

ex:b ex:p """long . string
with ] inside""" .
'''


def test_a_dot_inside_a_name_is_not_the_end_of_a_statement():
    assert [t.text for t in tokens("ex:x ex:y req:5.3 .")] == ["ex:x", "ex:y", "req:5.3", "."]


def test_statements_and_nested_nodes_are_found_past_strings_and_comments():
    (node,) = statement_nodes(TEXT, "ex:a")
    assert [s.predicate for s in node.statements()] == ["ex:p", "ex:q", "ex:n"]
    assert node.texts("ex:q") == ["ex:5.3", "ex:b"]
    inner = node.child(node.get("ex:n").objects[0])
    assert inner is not None and inner.texts("ex:about") == ["ex:p", "ex:q"]
    assert len(statement_nodes(TEXT, "ex:b")) == 1


def test_an_edit_changes_only_its_statement_and_keeps_the_comments():
    (node,) = statement_nodes(TEXT, "ex:a")
    edit = TextEdit(TEXT)
    edit.set_objects(node, "ex:p", literal('new "one"\n', "en"))
    edit.remove_object(node.child(node.get("ex:n").objects[0]), "ex:about", "ex:q")
    edit.add_object(node, "ex:q", "ex:c")
    edit.add_statement(node, "ex:r ex:d")
    out = append_block(edit.result(), "ex:z ex:p ex:a .")
    assert "# a hand-written comment . with a dot ; and [ brackets ]" in out
    assert "# trailing comment" in out
    g = rdflib.Graph().parse(data=out, format="turtle")
    ex = rdflib.Namespace("http://example.org/")
    assert str(g.value(ex.a, ex.p)) == 'new "one"\n'
    assert set(g.objects(ex.a, ex.q)) == {ex["5.3"], ex.b, ex.c}
    assert (ex.a, ex.r, ex.d) in g and (ex.z, ex.p, ex.a) in g
    assert set(g.objects(g.value(ex.a, ex.n), ex.about)) == {ex.p}
    assert out.splitlines()[-3:-1] == ['with ] inside""" .', ""]
