"""The synthetic country generator (kb_service/facts/synthetic): the same seed gives the same
bytes, every judged check has a violation recipe, every body validates, and periods and
deadlines are the KB's (a KB with another training interval moves the cut-off)."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter

import pytest

from kb_service.evaluation.check_kinds import kind_of
from kb_service.facts import load_facts
from kb_service.facts.synthetic import BODIES_DIR, MANIFEST, generate_bodies, write_country
from kb_service.facts.synthetic.law_dates import law_dates
from kb_service.facts.synthetic.plant import RECIPES
from kb_service.kb.registry import current_kb

AS_OF = dt.date(2025, 6, 30)


def _files(folder):
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.json"))
    }


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path):
    kb = current_kb()
    for name, seed in (("a", 3), ("b", 3), ("c", 4)):
        write_country(tmp_path / name, 8, seed=seed, share=0.3, as_of=AS_OF, kb=kb)
    a, b, c = (_files(tmp_path / n) for n in "abc")
    assert len(a) == 9 and MANIFEST in a  # 8 bodies and the manifest
    assert a == b
    assert a[MANIFEST] != c[MANIFEST]
    assert sum(a[k] != c.get(k) for k in a if k.startswith(BODIES_DIR)) >= 6  # other bodies


def test_every_judged_check_has_a_recipe_and_nothing_else_does():
    kb = current_kb()
    judged = {
        c.id
        for c in kb.checks.checks.values()
        if kind_of(c.kind).judged and kb.catalog.requirements[c.requirement].evaluated
    }
    assert set(RECIPES) == judged
    for recipe in RECIPES.values():
        assert set(recipe.breaks) <= judged


def test_mix_sizes_and_plan():
    kb = current_kb()
    bodies = generate_bodies(60, seed=7, share=0.1, as_of=AS_OF, kb=kb)
    types = Counter(b.data["body_type"] for b in bodies)
    assert set(types) == set(kb.catalog.body_types)  # every body type, even in a small set
    assert types["local-self-government"] > types["state-body"] > types["ttp-ktp"]
    regimes = {kb.catalog.body_types[t].regime for t in types}
    assert regimes == {"state", "municipal"}
    servants = [len(b.data["servants"]) for b in bodies]
    assert 30 * len(bodies) < sum(servants) < 140 * len(bodies)
    # a share of 0.1: each judged check broken in about a tenth of the bodies it applies to
    planted = Counter(c for b in bodies for c in b.planted)
    assert set(planted) == set(RECIPES)
    assert all(1 <= n <= 12 for n in planted.values()), planted
    for b in bodies:
        broken = [c for c, s in b.expected.items() if s == "non_compliant"]
        assert set(b.planted) <= set(broken)


def test_no_violations_means_all_compliant():
    kb = current_kb()
    for b in generate_bodies(6, seed=1, share=0.0, as_of=AS_OF, kb=kb):
        assert b.planted == {}
        assert set(b.expected.values()) <= {"compliant", "informational", "not_applicable"}


def test_bodies_validate_and_dates_come_from_the_kb(tmp_path):
    kb = current_kb()
    write_country(tmp_path, 6, seed=5, share=0.5, as_of=AS_OF, kb=kb)
    law = law_dates(kb, AS_OF)
    version = kb.checks.parameters["training-interval"].version_on(AS_OF)
    assert version is not None
    assert law.training_cutoff == AS_OF.replace(year=AS_OF.year - version.amount)
    manifest = json.loads((tmp_path / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["as_of"] == AS_OF.isoformat() and len(manifest["bodies"]) == 6
    for entry in manifest["bodies"]:
        facts = load_facts(tmp_path / BODIES_DIR / entry["file"], AS_OF, kb=kb)
        assert facts.body_id == entry["id"]
        data = json.loads((tmp_path / BODIES_DIR / entry["file"]).read_text(encoding="utf-8"))
        stale = entry["planted"].get("training-recency")
        if stale:  # the planted servant's last training falls before the KB's cut-off
            dates = [t["date"] for t in data["trainings"] if t["servant"] == stale[0]]
            assert dates and max(dates) < law.training_cutoff.isoformat()


@pytest.mark.parametrize("share", [-0.1, 1.5])
def test_share_out_of_range_is_refused(tmp_path, share):
    from kb_service.core.problems import UsageError

    with pytest.raises(UsageError):
        write_country(tmp_path / "x", 2, seed=1, share=share, as_of=AS_OF, kb=current_kb())
