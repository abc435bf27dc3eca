"""`kb diff REV1 REV2`: the rules of two KBs (git revisions or KB folders) compared in a lawyer's
terms, and the findings of the example bodies that flip between them.

A git revision is exported with `git archive` (ontology/, rules/, queries/) into a temporary
folder; the revision is checked with `git rev-parse --verify` first and never starts with "-".
The comparison walks each KB's graph in Python (no query is built from the input).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

import rdflib

from kb_service.core import paths
from kb_service.core.namespaces import DCTERMS, ELI, KYZ, PROV, RDF, RDFS
from kb_service.core.problems import UsageError
from kb_service.evaluation.assess import assess_many
from kb_service.kb.loading import kb_files, load_kb, parse_all
from kb_service.models.rules_diff import FindingFlip, RuleChange, RulesDiff

MAX_ARCHIVE = 64 * 1024 * 1024
Facts = dict[str, dict[str, dict[str, str]]]  # kind -> id -> field -> value


@contextlib.contextmanager
def kb_root(rev: str, repo: Path | None = None) -> Iterator[Path]:
    """The KB folder for `rev`: a folder holding rules/ as it is, or a git revision exported."""
    folder = Path(rev)
    if folder.is_dir():
        if not (folder / "rules").is_dir():
            raise UsageError(
                f"{rev}: a folder without rules/ (expected a KB folder or a git revision)"
            )
        yield folder.resolve()
        return
    if not rev or rev.startswith("-") or len(rev) > 200 or any(c in rev for c in "\0\n"):
        raise UsageError(f"{rev!r}: expected a git revision or a KB folder")
    git = ["git", "-C", str(repo or paths.ROOT)]
    found = subprocess.run(
        [*git, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], capture_output=True
    )
    if found.returncode != 0:
        raise UsageError(f"{rev!r}: neither a KB folder nor a git revision of {repo or paths.ROOT}")
    commit = found.stdout.decode().strip()
    archive = subprocess.run(
        [*git, "archive", "--format=tar", commit, "ontology", "rules", "queries"],
        capture_output=True,
    )
    if archive.returncode != 0 or len(archive.stdout) > MAX_ARCHIVE:
        raise UsageError(
            f"{rev}: cannot export the KB ({archive.stderr.decode(errors='replace').strip()})"
        )
    with tempfile.TemporaryDirectory(prefix="kb-diff-") as tmp:
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(tmp, filter="data")
        yield Path(tmp)


def _local(node: rdflib.term.Node) -> str:
    return str(node).rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _literal(node: rdflib.term.Node) -> str:
    return str(node)


def _join(values: Sequence[str]) -> str:
    return ", ".join(sorted(values))


def _of_class(g: rdflib.Graph, cls: rdflib.URIRef) -> set[rdflib.term.Node]:
    classes = set(g.transitive_subjects(RDFS.subClassOf, cls))
    return {s for c in classes for s in g.subjects(RDF.type, c)}


def _one(g: rdflib.Graph, s: rdflib.term.Node, p: rdflib.URIRef) -> str:
    return _join(
        [_literal(o) if isinstance(o, rdflib.Literal) else _local(o) for o in g.objects(s, p)]
    )


def _version(g: rdflib.Graph, v: rdflib.term.Node) -> str:
    since, until = _one(g, v, KYZ.validFrom) or "…", _one(g, v, KYZ.validUntil) or "…"
    unit = _join([_literal(c) for u in g.objects(v, KYZ.timeUnit) for c in g.objects(u, KYZ.code)])
    return f"{_one(g, v, KYZ.amount)} {unit} [{since} – {until}) on {_one(g, v, KYZ.hasLegalBasis)}"


FIELDS = {  # kind -> (class, what is compared: name -> property)
    "citation": (KYZ.Citation, {
        "act": KYZ.citesAct, "provision": KYZ.citesProvision, "valid_from": KYZ.validFrom,
        "valid_until": KYZ.validUntil, "repointed_from": KYZ.repointedFrom,
    }),
    "act": (KYZ.LegalAct, {
        "status": KYZ.validityStatus, "in_force_from": ELI.first_date_entry_in_force,
        "no_longer_in_force": ELI.date_no_longer_in_force, "number": ELI.id_local,
        "date": ELI.date_document,
    }),
    "change": (KYZ.LegalChange, {
        "kind": KYZ.changeKind, "changing_act": KYZ.changingAct, "changed_act": KYZ.changedAct,
        "provisions": KYZ.changedProvision, "effective_from": KYZ.effectiveFrom,
        "source": PROV.wasDerivedFrom,
    }),
}  # fmt: skip


def rule_facts(root: Path) -> Facts:
    """What a lawyer reads in the rules, as plain strings per resource."""
    g = parse_all(kb_files(root))
    out: Facts = {k: {} for k in ("requirement", "citation", "parameter", "act", "change")}
    for r in _of_class(g, KYZ.Requirement):
        row = {"basis": _one(g, r, KYZ.hasLegalBasis)}
        for o in [*g.objects(r, KYZ.text), *g.objects(r, KYZ.translation)]:
            row[f"text@{getattr(o, 'language', '')}"] = _literal(o)
        out["requirement"][_one(g, r, DCTERMS.identifier) or _local(r)] = row
    for p in _of_class(g, KYZ.Parameter):
        dated = sorted(
            (_one(g, v, KYZ.validFrom), _version(g, v)) for v in g.objects(p, KYZ.version)
        )
        out["parameter"][_local(p)] = {"versions": "; ".join(text for _, text in dated)}
    for kind, (cls, fields) in FIELDS.items():
        for node in _of_class(g, cls):
            out[kind][_local(node)] = {name: _one(g, node, prop) for name, prop in fields.items()}
    return out


def compare(before: Facts, after: Facts) -> list[RuleChange]:
    changes: list[RuleChange] = []
    for kind in before:
        old, new = before[kind], after.get(kind, {})
        for rid in sorted(set(old) | set(new)):
            if rid not in new:
                changes.append(RuleChange(kind, rid, "removed"))
            elif rid not in old:
                shown = "; ".join(f"{k}: {v}" for k, v in sorted(new[rid].items()) if v)
                changes.append(RuleChange(kind, rid, "added", after=shown))
            else:
                for key in sorted(set(old[rid]) | set(new[rid])):
                    a, b = old[rid].get(key) or None, new[rid].get(key) or None
                    if a != b:
                        changes.append(RuleChange(kind, rid, "changed", key, a, b))
    return changes


def _statuses(
    root: Path, examples: Sequence[Path], as_of: dt.date
) -> dict[tuple[str, str, str, str], str]:
    kb = load_kb("oxigraph", root)
    out = {}
    for path, ev in zip(examples, assess_many(list(examples), as_of, "en", kb=kb), strict=True):
        for f in ev.findings:
            out[(path.name, f.requirement, f.unit or "", f.check)] = f.status
    return out


def rules_diff(
    rev1: str,
    rev2: str,
    as_of: dt.date,
    examples: Sequence[Path] | None = None,
    repo: Path | None = None,
) -> RulesDiff:
    bodies = (
        sorted((paths.ROOT / "examples").glob("*.json")) if examples is None else list(examples)
    )
    with kb_root(rev1, repo) as a, kb_root(rev2, repo) as b:
        changes = compare(rule_facts(a), rule_facts(b))
        before, after = _statuses(a, bodies, as_of), _statuses(b, bodies, as_of)
    flips = [
        FindingFlip(k[0], k[1], k[2] or None, k[3], before.get(k), after.get(k))
        for k in sorted(set(before) | set(after))
        if before.get(k) != after.get(k)
    ]
    return RulesDiff(rev1, rev2, as_of.isoformat(), tuple(changes), tuple(flips))
