"""Findings report rendering: HTML content, PDF text (Kyrgyz letters), EARL/PROV Turtle."""

import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib import namespace as ns
from render_pdf_text import pdf_text
from repo_paths import ROOT

from kb_service.core.languages import LANGS
from kb_service.kb.registry import current_kb
from kb_service.models.findings import STATUSES, CitationView, Evaluation, Finding
from kb_service.render import render_report
from kb_service.render.report import citation_line

EARL = "http://www.w3.org/ns/earl#"
KYZ = "https://w3id.org/kyzmat-kb/ontology#"
BODY_NAME = "Үлгү мамлекеттик органы (көңүл)"
GENERATED = "2024-03-02T10:00:00+00:00"


def _evaluation(lang: str = "ky") -> Evaluation:
    law = CitationView(
        id="law-civil-service-2016",
        type="law",
        number="75",
        date="2016-04-30",
        title="«Мамлекеттик жарандык кызмат жана муниципалдык кызмат жөнүндө» Мыйзам",
        article="15",
        in_force=False,
        note="2021-жылы жокко чыгарылган; мураскору: № 116 Мыйзам",
        successor="law-civil-service-2021",
    )
    resolution = CitationView(
        id="gov-res-706-2016",
        type="government-resolution",
        number="706",
        date="2016-12-29",
        title="Конкурстук тандоо жөнүндө жобо",
        article=None,
        in_force=True,
    )
    unknown = CitationView(
        id="order-92-2017",
        type="order",
        number=None,
        date=None,
        title="МККнын буйругу",
        article=None,
        in_force=None,
    )
    findings = (
        Finding(
            requirement="2.1",
            section=2,
            unit="central-apparatus",
            status="compliant",
            explanation="Протоколдор бар; бардык конкурстар өз убагында өткөрүлгөн.",
            requirement_text="Конкурстук комиссиялардын чечимдеринин протоколдору",
            citations=(resolution,),
            evidence_documents=({"number": 13, "title": "Конкурстук комиссиянын протоколдору"},),
        ),
        Finding(
            requirement="2.2",
            section=2,
            unit=None,
            status="non_compliant",
            explanation="Бош кызмат орундары 30 күндөн ашык ээленбей турат.",
            requirement_text="Бош кызмат орундарынын болушу",
            citations=(law, resolution),
        ),
        Finding(
            requirement="5.3",
            section=5,
            unit=None,
            status="insufficient_evidence",
            explanation="Окутуу жөнүндө маалымат берилген эмес.",
            citations=(unknown,),
        ),
        Finding(
            requirement="13",
            section=13,
            unit=None,
            status="informational",
            explanation="Функция Мамлекеттик салык кызматына өткөрүлүп берилди.",
        ),
        Finding(
            requirement="1.1",
            section=1,
            unit="territorial-units",
            status="not_applicable",
            explanation="Аймактык өкүлчүлүктөр жок.",
        ),
    )
    return Evaluation(
        body={"id": "sample-body", "name": BODY_NAME, "body_type": "state-body"},
        as_of="2024-03-01",
        lang=lang,
        kb_revision="abc1234",
        findings=findings,
        summary={"section_titles": {2: "Конкурстук тандоонун абалы"}},
        labels=current_kb().catalog.label_table(lang),  # the KB's words, as explain gives them
    )


# What the CLI passes from the knowledge base (explain.kb_labels); the renderer copies none of it.
KB_LABELS = {
    "act_type_government-resolution": "КР Өкмөтүнүн токтому",
    "unit_central-apparatus": "борбордук аппарат",
    "unit_departmental-units": "ведомстволук өкүлчүлүктөр",
    "unit_territorial-units": "аймактык өкүлчүлүктөр",
}


def _html(lang: str = "ky", labels: dict[str, str] | None = None) -> str:
    ev = _evaluation(lang)
    given = {**KB_LABELS, **(labels or {})}
    return render_report(ev, "html", given, generated_at=GENERATED).decode("utf-8")


def test_html_header_summary_and_signature() -> None:
    html = _html()
    assert '<html lang="ky">' in html
    assert "Мониторингдин жыйынтыктары боюнча отчет" in html
    assert BODY_NAME in html
    assert "мамлекеттик орган" in html  # body type resolved from its id
    assert "01.03.2024" in html and "02.03.2024" in html  # as-of and generated dates
    assert "abc1234" in html
    for key in ("inspector", "signature", "full_name", "position", "acknowledged"):
        assert current_kb().catalog.label_table("ky")[key] in html
    # No scripts and nothing fetched from outside.
    assert "<script" not in html.lower()
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert "<link" not in html.lower()


def test_html_summary_counts_and_chart() -> None:
    html = _html()
    # One bar per section plus the total bar.
    assert html.count("<svg") == 5
    # Section 2: one compliant, one non-compliant -> two 50% segments.
    assert 'x="0.0" y="0" width="50.0" height="10" fill="#2e7d32"' in html
    assert 'x="50.0" y="0" width="50.0" height="10" fill="#b71c1c"' in html
    assert "2. Конкурстук тандоонун абалы" in html
    for status in STATUSES:
        assert current_kb().catalog.label_table("ky")[f"status_{status}"] in html


def test_html_findings_grouped_with_citations_and_warnings() -> None:
    html = _html()
    positions = [html.index(f'id="section-{n}"') for n in (1, 2, 5, 13)]
    assert positions == sorted(positions)
    assert "Бош кызмат орундары 30 күндөн ашык ээленбей турат." in html
    assert "Бош кызмат орундарынын болушу" in html
    # Citation line: title, type, number, date, article.
    assert "№ 75, 30.04.2016, Берене 15" in html
    assert "КР Өкмөтүнүн токтому, № 706, 29.12.2016" in html
    # In-force yes/no/unknown; the repealed act is marked where cited.
    for word in ("ооба", "жок", "белгисиз"):
        assert f"<b>{word}</b>" in html
    assert html.count('class="warn-mark"') == 1
    # Requested documents as a short "№ N title" list.
    assert re.search(r"<b>№&nbsp;13</b> <span class=\"dtitle\">Конкурстук комиссиянын", html)
    assert "борбордук аппарат" in html and "Орган толугу менен" in html


def test_html_uses_passed_labels_and_language() -> None:
    html = _html("ru", {"report_title": "Отчёт инспектора", "status_compliant": "Ок"})
    assert "Отчёт инспектора" in html
    assert ">Ок<" in html
    assert "Не соответствует" in html  # fallback table for ru
    assert "Мониторингдин" not in html
    en = _html("en")
    assert "Monitoring findings report" in en and "Insufficient evidence" in en


def test_pdf_has_kyrgyz_letters_and_body_name() -> None:
    pdf = render_report(_evaluation(), "pdf", generated_at=GENERATED)
    text = pdf_text(pdf)
    for letter in ("ң", "ө", "ү"):
        assert letter in text
    assert "Үлгү мамлекеттик органы" in " ".join(text.split())
    assert "Мониторингдин жыйынтыктары боюнча отчет" in text


def test_unknown_format_and_label_tables() -> None:
    with pytest.raises(ValueError):
        render_report(_evaluation(), "docx")
    tables = [current_kb().catalog.label_table(lang) for lang in LANGS]
    assert tables[0].keys() == tables[1].keys() == tables[2].keys()
    assert current_kb().catalog.label_table("xx") == current_kb().catalog.label_table("ky")
    expected = {
        "compliant": ("Талапка ылайык", "Соответствует", "Compliant"),
        "non_compliant": ("Талапка ылайык эмес", "Не соответствует", "Non-compliant"),
        "insufficient_evidence": (
            "Далилдер жетишсиз",
            "Недостаточно сведений",
            "Insufficient evidence",
        ),
        "not_applicable": ("Колдонулбайт", "Не применимо", "Not applicable"),
        "informational": ("Маалымат үчүн", "Для сведения", "Informational"),
    }
    for status, words in expected.items():
        assert tuple(t[f"status_{status}"] for t in tables) == words


def test_empty_evaluation_renders_in_every_format() -> None:
    ev = Evaluation(
        body={"id": "x", "name": "Бош орган"},
        as_of="2024-01-01",
        lang="ky",
        kb_revision="r1",
        findings=(),
        labels=current_kb().catalog.label_table("ky"),
    )
    html = render_report(ev, "html").decode("utf-8")
    assert current_kb().catalog.label_table("ky")["no_findings"] in html and "<svg" not in html
    assert "Бош орган" in pdf_text(render_report(ev, "pdf"))
    g = Graph().parse(data=render_report(ev, "ttl").decode("utf-8"), format="turtle")
    assert not list(g.subjects(ns.RDF.type, URIRef(EARL + "Assertion")))
    assert len(list(g.subjects(ns.RDF.type, ns.PROV.Activity))) == 1


def _body(html: bytes) -> str:
    # The class names also occur in the inline CSS; look at the document only.
    return html.decode("utf-8").split("<body>", 1)[1]


def test_not_in_force_box_lists_each_act_once_near_the_top() -> None:
    ev = _evaluation()
    law = ev.findings[1].citations[0]
    # A second finding citing the repealed law: still one entry, counted twice.
    extra = replace(ev.findings[2], requirement="5.4", citations=(law,))
    ev = replace(ev, findings=(*ev.findings, extra))
    html = _body(render_report(ev, "html", generated_at=GENERATED))
    lab = current_kb().catalog.label_table("ky")
    box = html[html.index('class="stale-box"') : html.index("</table>", html.index("stale-acts"))]
    assert html.index('class="stale-box"') < html.index(lab["summary"])
    assert lab["not_in_force_acts"].replace("{date}", "01.03.2024") in box  # the as-of date
    assert box.count(citation_line(law, lab)) == 1
    assert "2021-жылы жокко чыгарылган; мураскору: № 116 Мыйзам" in box
    assert (
        "law-civil-service-2021" not in box
    )  # internal ids stay out; the note names the successor
    assert f"{lab['cited_by']}: <b>2</b>" in box
    # Acts in force or of unknown status are not listed.
    assert "Конкурстук тандоо жөнүндө жобо" not in box and "МККнын буйругу" not in box
    # Every citation of the law points to the box entry.
    assert html.count('<span class="warn-mark">⚠&#8239;1</span>') == 2


def test_no_box_when_every_cited_act_is_in_force() -> None:
    ev = _evaluation()
    ev = replace(ev, findings=tuple(f for f in ev.findings if f.requirement != "2.2"))
    html = _body(render_report(ev, "html"))
    assert "stale-box" not in html and "warn-mark" not in html


def _unit_findings() -> Evaluation:
    """Section 2 with requirement 2.2 evaluated per unit (three findings)."""
    ev = _evaluation()
    base = replace(
        ev.findings[1],
        citations=ev.findings[0].citations,
        evidence_documents=({"number": 5, "title": "Бош орундар", "link": "explicit"},),
    )
    per_unit = tuple(
        replace(base, unit=u, status=st, explanation=f"бош орундар: {n}", deciding_facts=fs)
        for u, st, n, fs in (
            ("central-apparatus", "non_compliant", 2, ("vac-ca",)),
            ("departmental-units", "compliant", 0, ()),
            ("territorial-units", "informational", 1, ("vac-tu",)),
        )
    )
    return replace(ev, findings=(ev.findings[0], *per_unit))


def test_findings_of_one_requirement_are_grouped_with_unit_labels() -> None:
    ev = _unit_findings()
    html = render_report(ev, "html", KB_LABELS).decode("utf-8")
    group = html[html.index('id="req-2.2"') :]
    group = group[: group.index("</section>")]  # 2.2 is the last group of section 2
    # One heading and requirement text, one row per unit, citations/documents once.
    assert html.count('id="req-2.2"') == 1
    assert html.count("Бош кызмат орундарынын болушу") == 1
    assert group.count('<td class="unit">') == 3
    for unit in ("борбордук аппарат", "ведомстволук өкүлчүлүктөр", "аймактык өкүлчүлүктөр"):
        assert f'<td class="unit">{unit}</td>' in group
    assert group.count('class="refs"') == 1 and group.count('class="docs"') == 1
    assert group.count("КР Өкмөтүнүн токтому, № 706, 29.12.2016") == 1
    # Deciding records shown only where there are some.
    assert group.count('class="facts"') == 2
    assert "Чечүүчү маалыматтар: vac-ca" in group
    # Informational rows get the outlined (record) badge, judgements a filled one.
    assert group.count("badge badge-info") == 1
    opening = html[html.rindex("<div", 0, html.index('id="req-2.2"')) : html.index('id="req-2.2"')]
    assert "rg-info" not in opening  # a mixed group is not styled as a mere record


def test_differing_citations_are_shown_per_finding() -> None:
    ev = _unit_findings()
    law = _evaluation().findings[1].citations[0]
    findings = list(ev.findings)
    findings[2] = replace(findings[2], citations=(law,))
    html = render_report(replace(ev, findings=tuple(findings)), "html").decode("utf-8")
    group = html[html.index('id="req-2.2"') :]
    assert group.count('class="refs"') == 3
    assert group.count('class="docs"') == 1  # documents still shared


def _pdf_pages(path: Path) -> int:
    if shutil.which("pdfinfo"):
        out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
        return int(re.search(r"^Pages:\s+(\d+)", out.stdout, re.M).group(1))  # type: ignore[union-attr]
    try:
        from pypdf import PdfReader
    except ImportError:  # "/Type /Page" objects, not the "/Pages" tree nodes
        return len(re.findall(rb"/Type\s*/Page\b", path.read_bytes()))
    return len(PdfReader(str(path)).pages)


def test_ministry_violations_report_fits_in_twenty_pages(tmp_path: Path) -> None:
    from kb_service.cli.main import main

    facts = ROOT / "examples" / "ministry-violations.json"
    out = tmp_path / "report.pdf"
    rc = main(["evaluate", str(facts), "--as-of", "2025-06-30", "--format", "pdf", "-o", str(out)])
    assert rc == 0
    assert 1 <= _pdf_pages(out) <= 20
