"""Fallback words for the renderers in ky (default), ru and en.

The lead passes the knowledge base's own label tables; these only fill gaps, so a
renderer never prints a raw key. Keys:

- fixed words: see ``_FIXED`` (report_title, body, as_of, ...);
- ``status_<status>`` for each status in findings_model.STATUSES;
- ``body_type_<id>``, ``unit_<id>``, ``act_type_<id>``: passed in from the knowledge base
  (explain.kb_labels), never copied here;
- ``section_<n>`` (optional, from the lead) for section titles in the report.
"""

from collections.abc import Mapping

LANGS = ("ky", "ru", "en")
DEFAULT_LANG = "ky"

# key: (ky, ru, en)
_FIXED: dict[str, tuple[str, str, str]] = {
    "report_title": (
        "Мониторингдин жыйынтыктары боюнча отчет",
        "Отчёт о результатах мониторинга",
        "Monitoring findings report",
    ),
    "report_subtitle": (
        "Мамлекеттик жарандык кызмат жана муниципалдык кызмат жөнүндө мыйзамдардын сакталышы",
        "Соблюдение законодательства о государственной гражданской и муниципальной службе",
        "Compliance with the law on state civil service and municipal service",
    ),
    "body": ("Орган", "Орган", "Body"),
    "body_type": ("Органдын түрү", "Тип органа", "Body type"),
    "as_of": ("Абалы боюнча дата", "По состоянию на", "As of"),
    "kb_revision": ("Билим базасынын версиясы", "Версия базы знаний", "Knowledge base revision"),
    "generated": ("Түзүлгөн күнү", "Дата формирования", "Generated"),
    "summary": ("Жалпы жыйынтык", "Сводные результаты", "Summary"),
    "chart": ("Диаграмма", "Диаграмма", "Chart"),
    "legend": ("Шарттуу белгилер", "Условные обозначения", "Legend"),
    "section": ("Бөлүм", "Раздел", "Section"),
    "total": ("Бардыгы", "Всего", "Total"),
    "findings": ("Бөлүмдөр боюнча жыйынтыктар", "Результаты по разделам", "Findings by section"),
    "requirement": ("Талап", "Требование", "Requirement"),
    "unit": ("Бөлүмчө", "Подразделение", "Unit"),
    "whole_body": ("Орган толугу менен", "Орган в целом", "Whole body"),
    "status": ("Абалы", "Статус", "Status"),
    "explanation": ("Түшүндүрмө", "Пояснение", "Explanation"),
    "citations": ("Укуктук негиз", "Правовое основание", "Legal basis"),
    "legal_basis": ("Укуктук негиз", "Правовое основание", "Legal basis"),
    "act_type": ("Актынын түрү", "Вид акта", "Act type"),
    "number": ("№", "№", "No."),
    "date": ("Күнү", "Дата", "Date"),
    "article": ("Берене", "Статья", "Article"),
    "in_force": (
        "Абалы боюнча датада күчүндө",
        "Действует на дату",
        "In force on the as-of date",
    ),
    "yes": ("ооба", "да", "yes"),
    "inferred_mark": ("божомол", "предположительно", "inferred"),
    "no": ("жок", "нет", "no"),
    "unknown": ("белгисиз", "неизвестно", "unknown"),
    "warning": ("Көңүл буруңуз", "Внимание", "Warning"),
    "not_in_force_warning": (
        "Бул акт абалы боюнча датада күчүндө болгон эмес",
        "Акт не действовал на дату, по состоянию на которую проводится мониторинг",
        "This act was not in force on the as-of date",
    ),
    "successor": ("Мураскор акт", "Акт-преемник", "Successor act"),
    "not_in_force_acts": (
        "Абалы боюнча датада күчүндө болбогон, шилтеме берилген актылар",
        "Цитируемые акты, не действующие на дату мониторинга",
        "Acts cited that are not in force on the as-of date",
    ),
    "not_in_force_hint": (
        "Бул актыларга таянган жыйынтыктарды мураскор актылар боюнча текшериңиз; "
        "алардын шилтемелери ⚠ белгиси менен белгиленген.",
        "Выводы, опирающиеся на эти акты, сверьте с актами-преемниками; "
        "ссылки на них отмечены знаком ⚠.",
        "Check the findings that rely on these acts against the successor acts; "
        "their citations are marked ⚠.",
    ),
    "cited_by": ("Шилтеме берилген жыйынтыктар", "Ссылок в выводах", "Findings citing it"),
    "in_force_short": ("күчүндө", "действует", "in force"),
    "evidence_documents": (
        "Талап кылынуучу документтер",
        "Запрашиваемые документы",
        "Documents to request",
    ),
    "deciding_facts": ("Чечүүчү маалыматтар", "Определяющие сведения", "Deciding records"),
    "no_findings": ("Жыйынтыктар жок", "Результатов нет", "No findings"),
    "signature_block": ("Мониторинг жүргүзгөн", "Мониторинг провёл", "Monitoring conducted by"),
    "acknowledged": (
        "Отчет менен тааныштым (органдын өкүлү)",
        "С отчётом ознакомлен (представитель органа)",
        "Acknowledged (representative of the body)",
    ),
    "inspector": ("Инспектор", "Инспектор", "Inspector"),
    "position": ("Кызматы", "Должность", "Position"),
    "full_name": ("Аты-жөнү", "Ф.И.О.", "Full name"),
    "signature": ("Колу", "Подпись", "Signature"),
    "page": ("Барак", "Стр.", "Page"),
    "not_evaluated": (
        "Автоматтык түрдө бааланбайт",
        "Автоматически не оценивается",
        "Not evaluated automatically",
    ),
    "documents": ("Документтер", "Документы", "Documents"),
    "notes": ("Эскертүү", "Примечания", "Notes"),
}

_STATUS: dict[str, tuple[str, str, str]] = {
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


def _table(lang: str) -> dict[str, str]:
    i = LANGS.index(lang) if lang in LANGS else 0
    out = {k: v[i] for k, v in _FIXED.items()}
    out.update({"status_" + k: v[i] for k, v in _STATUS.items()})
    return out


def default_labels(lang: str = DEFAULT_LANG) -> dict[str, str]:
    """The fallback table for `lang`; unknown languages get Kyrgyz."""
    return _table(lang)


def merged_labels(lang: str, given: Mapping[str, str] | None) -> dict[str, str]:
    """Defaults for `lang` overridden by the non-empty words the caller passed."""
    out = default_labels(lang)
    out.update({k: v for k, v in (given or {}).items() if v})
    return out
