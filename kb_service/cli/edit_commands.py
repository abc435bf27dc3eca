"""`kb act add | change` and `kb rule repoint | parameter | text | adhoc | undo`: legal staff's
edits of the rules, one operation per command (registered into cli/main.py).

Every edit names who makes it (--by) and why (--why), and the act that caused it (--cause)
where there is one; is checked with the whole KB before anything is written (a rejected edit
prints the problems and changes nothing, exit 1); `--dry-run` prints the diff of the files and
the impact, and writes nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kb_service.app import edit_cases as ec
from kb_service.cli.common import EXIT_INVALID, iso_date, print_problems
from kb_service.core.problems import UsageError
from kb_service.editing.provenance import Why
from kb_service.editing.service import Build, EditRejected


def _why(args: argparse.Namespace) -> Why:
    return Why(args.by, args.why, args.cause)


def _run(
    args: argparse.Namespace, operation: str, build: Build, acts: list[str], as_of: Any = None
) -> int:
    from kb_service.render.impact_text import impact_as_text

    try:
        out = ec.run_edit(
            operation, build, _why(args), root=args.root, acts=acts, dry_run=args.dry_run,
            as_of=as_of, lang=args.lang,
        )  # fmt: skip
    except EditRejected as err:
        print_problems(err.problems, "found")
        print(
            f"kb {args.command} {args.op}: the edit was rejected; nothing was written",
            file=sys.stderr,
        )
        return EXIT_INVALID
    if args.dry_run:
        sys.stdout.write(out.diff)
        for impact in out.impacts:
            sys.stdout.write("\n" + impact_as_text(impact))
        files = ", ".join(out.files)
        print(f"\ndry run: edit {out.edit_id} ({operation}) would change {files}; nothing written")
    else:
        print(f"edit {out.edit_id} ({operation}) written: {', '.join(out.files)}")
    return 0


def _statuses(pairs: list[str]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        fact, sep, status = pair.partition("=")
        if not sep:
            raise UsageError(f"--fact-status {pair!r}: expected FACT=STATUS, e.g. number=inferred")
        out[fact] = status
    return out


def cmd_act_add(args: argparse.Namespace) -> int:
    titles = {lg: t for lg in ("ky", "ru", "en") if (t := getattr(args, f"title_{lg}"))}
    act = ec.NewAct(
        args.act_id, args.type, args.issuer, args.source, args.number, args.date,
        args.in_force_from, titles, args.verification, _statuses(args.fact_status),
        args.validity, args.source_label, args.note,
    )  # fmt: skip
    return _run(args, "act-add", lambda ws: ec.add_act(ws, act, ec.today()), [args.act_id])


def cmd_act_change(args: argparse.Namespace) -> int:
    if (args.effective is None) == (not args.from_unknown):
        raise UsageError("give --from DATE, or --from-unknown when no source states the date")
    ch = ec.Change(
        args.old, args.kind, args.by_act, args.source, args.effective, args.provision or [],
        args.changing_provision, args.verification, args.date_status, args.comment,
    )  # fmt: skip
    build: Build = lambda ws: ec.change_act(ws, ch, ec.today())  # noqa: E731
    return _run(args, f"act-{args.kind}", build, [args.old, args.by_act], args.effective)


def cmd_repoint(args: argparse.Namespace) -> int:
    basis = ec.Basis(args.source, args.verification)

    def build(ws: Any) -> list[str]:
        return ec.repoint(
            ws, args.citation, args.to, args.effective, basis, ec.today(), args.provision, args.id
        )

    return _run(args, "rule-repoint", build, [args.to], args.effective)


def cmd_parameter(args: argparse.Namespace) -> int:
    basis = ec.Basis(args.source, args.verification)

    def build(ws: Any) -> list[str]:
        return ec.new_value(
            ws, args.param, args.amount, args.unit, args.effective, args.basis, basis, ec.today(),
            args.comment,
        )  # fmt: skip

    return _run(args, "rule-parameter", build, [args.cause] if args.cause else [], args.effective)


def cmd_text(args: argparse.Namespace) -> int:
    return _run(
        args,
        "rule-text",
        lambda ws: ec.requirement_text(ws, args.requirement, args.text_lang, args.text),
        [],
    )


def cmd_adhoc(args: argparse.Namespace) -> int:
    texts = {lg: t for lg in ("ky", "ru", "en") if (t := getattr(args, f"text_{lg}"))}
    basis = ec.Basis(args.source, args.verification)

    def build(ws: Any) -> list[str]:
        return ec.adhoc(
            ws, args.item, args.section, texts, args.monitoring, basis, args.basis or []
        )

    return _run(args, "rule-adhoc", build, [])


def cmd_undo(args: argparse.Namespace) -> int:
    eid, operation, files = ec.undo_last(args.root)
    print(f"edit {eid} ({operation}) undone: {', '.join(files)} restored")
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    found = ec.rules_diff(args.rev1, args.rev2, args.as_of, args.examples or None)
    sys.stdout.write(ec.diff_bytes(found, args.format).decode("utf-8"))
    return 0


def _common(p: argparse.ArgumentParser, lang: Callable[[argparse.ArgumentParser], None]) -> None:
    p.add_argument("--by", required=True, help="who makes the edit (your name)")
    p.add_argument("--why", required=True, help="why: what the decree says, what you read")
    p.add_argument("--cause", help="the act (id) that caused the edit, where there is one")
    p.add_argument(
        "--dry-run", action="store_true", help="show the change and its impact; write nothing"
    )
    p.add_argument(
        "--root", type=Path, default=None, help="project root holding ontology/ rules/ queries/"
    )
    lang(p)


def _sourced(p: argparse.ArgumentParser) -> None:
    p.add_argument("--source", required=True, help="the source id (src:...) the facts come from")
    p.add_argument(
        "--verification", default="verified", help="verified | inferred | unknown | stated-by-memo"
    )


def _edit(
    p: argparse.ArgumentParser,
    func: Callable[[argparse.Namespace], int],
    lang: Callable[[argparse.ArgumentParser], None],
) -> None:
    """An edit with a source: --source, --verification and the options every edit takes."""
    _sourced(p)
    _common(p, lang)
    p.set_defaults(func=func)


def register(
    sub: argparse._SubParsersAction[Any], lang: Callable[[argparse.ArgumentParser], None]
) -> None:
    acts = sub.add_parser("act", help="record an act, or a change of an act").add_subparsers(
        dest="op", required=True
    )
    p = acts.add_parser("add", help="record a new act or edition")
    p.add_argument("act_id", metavar="ID")
    p.add_argument("--type", required=True, help="act type id: law, cabinet-resolution, ...")
    p.add_argument("--issuer", required=True, help="issuer id: cabinet, president, ...")
    p.add_argument("--number")
    p.add_argument("--date", type=iso_date, help="the signing date on the act's heading")
    p.add_argument(
        "--in-force-from", dest="in_force_from", type=iso_date, help="only where a source states it"
    )
    for lg in ("ky", "ru", "en"):
        p.add_argument(f"--title-{lg}", dest=f"title_{lg}")
    p.add_argument("--source-label", dest="source_label", help="label of a new source")
    p.add_argument(
        "--fact-status", dest="fact_status", action="append", default=[], metavar="FACT=STATUS"
    )
    p.add_argument("--validity", default="unknown", help="in-force | unknown")
    p.add_argument("--note", help="an editorial note (English)")
    _edit(p, cmd_act_add, lang)

    p = acts.add_parser("change", help="an act replaced, repealed, partly repealed or amended")
    p.add_argument("old", metavar="OLD")
    p.add_argument("--kind", required=True, choices=tuple(ec.CHANGE_KINDS))
    p.add_argument(
        "--by-act",
        dest="by_act",
        required=True,
        metavar="NEW",
        help="the act that makes the change",
    )
    p.add_argument(
        "--from", dest="effective", type=iso_date, help="the day the change takes effect"
    )
    p.add_argument("--from-unknown", dest="from_unknown", action="store_true")
    p.add_argument(
        "--date-status",
        dest="date_status",
        default="verified",
        help="verified, or inferred (a signing date)",
    )
    p.add_argument(
        "--provision", action="append", help="a provision it removes or amends (repeatable)"
    )
    p.add_argument("--changing-provision", dest="changing_provision")
    p.add_argument("--comment")
    _edit(p, cmd_act_change, lang)

    rules = sub.add_parser("rule", help="edit requirements, citations, parameters").add_subparsers(
        dest="op", required=True
    )
    p = rules.add_parser("repoint", help="re-point a citation to another act from a date")
    p.add_argument("citation", metavar="CITATION")
    p.add_argument("--to", required=True, metavar="ACT")
    p.add_argument("--provision")
    p.add_argument("--from", dest="effective", type=iso_date, required=True)
    p.add_argument("--id", help="the new citation's id (default: the old one with the new act)")
    _edit(p, cmd_repoint, lang)

    p = rules.add_parser("parameter", help="a parameter's new value from a date")
    p.add_argument("param", metavar="PARAM")
    p.add_argument("--amount", type=int, required=True)
    p.add_argument(
        "--unit", required=True, help="years | months | calendar-days | working-days | ..."
    )
    p.add_argument("--from", dest="effective", type=iso_date, required=True)
    p.add_argument("--basis", nargs="+", required=True, metavar="CITATION")
    p.add_argument("--comment")
    _edit(p, cmd_parameter, lang)

    p = rules.add_parser("text", help="a requirement's wording in ky, ru or en")
    p.add_argument("requirement", metavar="REQUIREMENT")
    p.add_argument("--lang", dest="text_lang", required=True, choices=("ky", "ru", "en"))
    p.add_argument("--text", required=True)
    _common(p, lambda q: q.set_defaults(lang="en"))
    p.set_defaults(func=cmd_text)

    p = rules.add_parser(
        "adhoc", help="an ad-hoc requirement for one monitoring (memo footnote *****)"
    )
    p.add_argument("item", metavar="ITEM", help="the ad-hoc item's id, as in the facts' adhoc list")
    p.add_argument("--section", type=int, required=True)
    for lg in ("ky", "ru", "en"):
        p.add_argument(f"--text-{lg}", dest=f"text_{lg}")
    p.add_argument("--monitoring", required=True, help="which monitoring it is for (body and date)")
    p.add_argument("--basis", nargs="+", metavar="CITATION")
    _edit(p, cmd_adhoc, lang)

    p = sub.add_parser(
        "diff", help="what changed in the rules between two KBs, and which findings flip"
    )
    p.add_argument("rev1", metavar="REV1", help="a git revision or a KB folder")
    p.add_argument("rev2", metavar="REV2")
    p.add_argument("--as-of", dest="as_of", type=iso_date, default=dt.date.today())
    p.add_argument(
        "--examples", nargs="+", type=Path, help="facts files (default: examples/*.json)"
    )
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=cmd_diff)

    p = rules.add_parser("undo", help="undo the last edit (files back byte for byte)")
    p.add_argument("--root", type=Path, default=None)
    p.set_defaults(func=cmd_undo)
