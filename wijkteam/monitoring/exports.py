"""Exports of protected aggregates: a dashboard table as CSV or XLSX, the period report as PDF, and the
Wmo and youth figures in the shape of the CBS social-domain monitor (see docs/monitoring-cbs-export.md).

Nothing here reads persons: every value comes from `metrics` after `suppression`. Secret cells are
written as "." (the StatLine sign), in CSV, XLSX and PDF alike.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.cases.models import Case, ClientSystemMember
from wijkteam.monitoring import metrics, suppression
from wijkteam.monitoring.metrics import Dashboard, Scope, Table
from wijkteam.monitoring.suppression import Protected, Rules

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cell(value: Protected) -> Any:
    if value.secret:
        return suppression.SECRET
    if value.value is None:
        return ""
    return value.value


def table_rows(table: Table) -> list[list[Any]]:
    """Header, rows and (when additive) the total row of a protected table."""
    header = [str(table.row_header), *[str(c) for c in table.columns]]
    if table.has_totals:
        header.append(_("Total"))
    rows: list[list[Any]] = [header]
    for label, cells, total in table.rows:
        row = [label, *[_cell(c) for c in cells]]
        if table.has_totals:
            row.append(_cell(total) if total is not None else "")
        rows.append(row)
    if table.has_totals and table.column_totals is not None and table.total is not None:
        rows.append([_("Total"), *[_cell(c) for c in table.column_totals], _cell(table.total)])
    return rows


def _preamble(table: Table, scope: Scope, rules: Rules) -> list[list[Any]]:
    lines = [[str(table.title)], [_("Period"), scope.period.code]]
    if scope.team is not None:
        lines.append([_("Team"), scope.team.name])
    if scope.district is not None:
        lines.append([_("District"), scope.district.display_name])
    lines.append(
        [
            _("Protection"),
            _("'.' = secret (fewer than %(n)s persons); counts rounded to multiples of %(r)s")
            % {"n": rules.threshold, "r": rules.rounding},
        ]
    )
    if table.note:
        lines.append([_("Note"), str(table.note)])
    return [*lines, []]


def table_csv(table: Table, scope: Scope, rules: Rules) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerows(_preamble(table, scope, rules))
    writer.writerows([[str(v) for v in row] for row in table_rows(table)])
    return buffer.getvalue()


def table_xlsx(table: Table, scope: Scope, rules: Rules) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = table.key[:31]
    for row in _preamble(table, scope, rules):
        sheet.append(row)
    start = sheet.max_row + 1
    for row in table_rows(table):
        sheet.append([float(v) if hasattr(v, "as_tuple") else v for v in row])
    for cell in sheet[start]:
        cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 40
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# ------------------------------------------------------------------------------------------------ PDF
def report_pdf(board: Dashboard, charts: Iterable[tuple[str, bytes]] = ()) -> bytes:
    """The period report as PDF with fpdf2 (pure Python): headline figures against targets, every table,
    and the charts as PNG rendered by vl-convert."""
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("helvetica", "B", 16)
    scope = board.scope
    title = _("Period report %(period)s") % {"period": scope.period.code}
    _line(pdf, 9, _latin(title))
    pdf.set_font("helvetica", size=9)
    where = ", ".join(
        part
        for part in [scope.team.name if scope.team else "", scope.district.display_name if scope.district else ""]
        if part
    )
    _line(pdf, 5, _latin(where or _("All teams and districts")))
    _line(
        pdf,
        5,
        _latin(
            _("'.' = secret (fewer than %(n)s persons); counts rounded to multiples of %(r)s")
            % {"n": board.rules.threshold, "r": board.rules.rounding}
        ),
    )
    heading = FontFace(emphasis="BOLD")
    for section in board.sections:
        pdf.ln(3)
        pdf.set_font("helvetica", "B", 12)
        _line(pdf, 7, _latin(str(section.title)))
        pdf.set_font("helvetica", size=8)
        if not section.available:
            _line(pdf, 5, _latin(str(section.note) or _("Not yet available.")))
            continue
        if section.figures:
            with pdf.table(col_widths=(60, 15, 20, 15), headings_style=heading) as out:
                out.row([_latin(_("Figure")), _latin(_("Value")), _latin(_("Target")), _latin(_("Met"))])
                for f in section.figures:
                    target = f"{f.target.get_comparison_display()} {f.target.value}" if f.target else ""
                    out.row(
                        [_latin(str(f.label)), f.value.display(), _latin(target), _latin(met_text(f.met, f.target))]
                    )
        for table in section.tables:
            pdf.ln(2)
            pdf.set_font("helvetica", "B", 9)
            _line(pdf, 5, _latin(str(table.title)))
            pdf.set_font("helvetica", size=7)
            rows = table_rows(table)
            with pdf.table(headings_style=heading) as out:
                for row in rows:
                    out.row([_latin(str(v)) for v in row])
    for title_text, png in charts:
        pdf.add_page()
        pdf.set_font("helvetica", "B", 11)
        _line(pdf, 6, _latin(title_text))
        pdf.image(io.BytesIO(png), w=170)
    return bytes(pdf.output())


def _line(pdf: Any, height: int, text: str) -> None:
    """A paragraph over the full width, the cursor back at the left margin below it."""
    pdf.multi_cell(0, height, text, new_x="LMARGIN", new_y="NEXT")


def _latin(text: str) -> str:
    """The core PDF fonts are Latin-1: replace the few typographic characters we use."""
    table = {"–": "-", "—": "-", "≥": ">=", "≤": "<=", "‘": "'", "’": "'", "“": '"', "”": '"', "…": "..."}
    for old, new in table.items():
        text = text.replace(old, new)
    return text.encode("latin-1", "replace").decode("latin-1")


def met_text(met: bool | None, target: Any) -> str:
    if target is None:
        return _("no target")
    if met is None:
        return _("unknown")
    return _("met") if met else _("not met")


# ------------------------------------------------------------------------------------ CBS monitor shape
CBS_COLUMNS = [
    "Perioden",
    "RegioS",
    "Naam",
    "WmoMeldingen_1",
    "WmoMeldingenPer1000Huishoudens_2",
    "JongerenMetJeugdhulpWijkteam_3",
    "JeugdhulpTrajectenGestart_4",
    "JeugdhulpTrajectenBeeindigd_5",
    "BeeindigdVolgensPlan_6",
    "BeeindigdVoortijdigInOvereenstemming_7",
    "BeeindigdVoortijdigEenzijdigClient_8",
    "BeeindigdVoortijdigExterneOmstandigheden_9",
    "BeeindigdRedenOnbekend_10",
    "WmoClientenMaatwerkvoorziening_11",
    "JongerenMetJeugdhulpMaatwerk_12",
]

# closing reason of a case -> BIJ reden beëindiging (01..05, or unknown)
BIJ_END_REASON = {
    Case.ClosingReason.GOALS_REACHED: "01",
    Case.ClosingReason.PARTLY_REACHED: "01",
    Case.ClosingReason.REFERRED: "02",
    Case.ClosingReason.NO_LONGER_WANTED: "03",
    Case.ClosingReason.NO_CONTACT: "03",
    Case.ClosingReason.MOVED: "05",
    Case.ClosingReason.DECEASED: "05",
    Case.ClosingReason.OTHER: "",
}


def cbs_period_key(code: str) -> str:
    """2026 → 2026JJ00, 2026-H1 → 2026HJ01, 2026-Q3 → 2026KW03 (CBS period keys)."""
    if len(code) == 4:
        return f"{code}JJ00"
    year, part = code.split("-")
    kind = {"H": "HJ", "Q": "KW"}[part[0]]
    return f"{year}{kind}{int(part[1:]):02d}"


def _youth(scope: Scope) -> dict[str, int]:
    """Youths (client-system role child) in the team's cases: running, started and ended in the period, with
    BIJ end reasons. One aggregate query."""
    start, end = scope.period.start, scope.period.end
    members = ClientSystemMember.objects.filter(role="child", case__in=metrics.cases(scope).values("pk"))
    running = Q(case__opened_on__lte=end) & (Q(case__closed_on__isnull=True) | Q(case__closed_on__gte=start))
    ended = Q(case__status="closed", case__closed_on__gte=start, case__closed_on__lte=end)
    aggregates: dict[str, Any] = {
        "youths": Count("person", filter=running, distinct=True),
        "started": Count("id", filter=Q(case__opened_on__gte=start, case__opened_on__lte=end)),
        "ended": Count("id", filter=ended),
    }
    for code in ("01", "02", "03", "05", ""):
        reasons = [r for r, c in BIJ_END_REASON.items() if c == code]
        if code == "":
            aggregates["end_unknown"] = Count(
                "id", filter=ended & (Q(case__closing_reason__in=reasons) | Q(case__closing_reason=""))
            )
        else:
            aggregates[f"end_{code}"] = Count("id", filter=ended & Q(case__closing_reason__in=reasons))
    return members.aggregate(**aggregates)


def _clients_with_decisions(scope: Scope) -> tuple[int, int]:
    """Distinct persons with a running customised provision (granted, objection or ended decision whose
    period overlaps the period) on the Wmo 2015 and on the Jeugdwet; (0, 0) without provisions."""
    from django.apps import apps

    if not apps.is_installed("wijkteam.provisions"):
        return 0, 0
    from wijkteam.monitoring.decisions import _decisions
    from wijkteam.provisions import flow

    running = (
        _decisions(scope)
        .filter(status__in=flow.COSTING, period_start__lte=scope.period.end)
        .filter(Q(period_end__isnull=True) | Q(period_end__gte=scope.period.start))
    )
    counts = running.aggregate(
        wmo=Count("person", filter=Q(legal_basis__code="wmo2015"), distinct=True),
        youth=Count("person", filter=Q(legal_basis__code="jeugdwet"), distinct=True),
    )
    return counts["wmo"], counts["youth"]


def cbs_rows(scope: Scope, rules: Rules) -> list[list[str]]:
    """One row for the municipality (or the team's area) and one per district, for the period."""
    place = scope.municipality
    regions: list[tuple[str, str, Scope]] = []
    if scope.district is None and place is not None:
        regions.append((place.code, place.name, scope))
    for district in metrics.districts_in_scope(scope):
        regions.append((district.code, district.display_name, Scope(scope.period, scope.team, district, place)))
    rows = []
    for code, name, region_scope in regions:
        wmo = metrics.help_requests(region_scope).filter(is_wmo_report=True).count()
        base = metrics._households_base(region_scope)
        youth = _youth(region_scope)
        ended = [youth["end_01"], youth["end_02"], youth["end_03"], youth["end_05"], youth["end_unknown"]]
        raw = [[youth["started"], *ended]]
        # the end reasons add up to the ended trajectories: suppress them as one line with its total
        protected = suppression.protect_table([ended], rules)
        wmo_clients, youth_clients = _clients_with_decisions(region_scope)
        rows.append(
            [
                cbs_period_key(scope.period.code),
                code,
                name,
                suppression.count(wmo, rules).display(),
                suppression.rate_per_1000(wmo, base, rules).display() if base else "",
                suppression.count(youth["youths"], rules).display(),
                suppression.count(raw[0][0], rules).display(),
                protected.row_totals[0].display(),
                *[c.display() for c in protected.cells[0]],
                suppression.count(wmo_clients, rules).display(),
                suppression.count(youth_clients, rules).display(),
            ]
        )
    return rows


def cbs_csv(scope: Scope, rules: Rules) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(CBS_COLUMNS)
    writer.writerows(cbs_rows(scope, rules))
    return buffer.getvalue()


def export_filename(kind: str, scope: Scope, extension: str) -> str:
    parts = ["wijkteam", kind, scope.period.code]
    if scope.team is not None:
        parts.append(f"team{scope.team.pk}")
    if scope.district is not None:
        parts.append(scope.district.code)
    return "-".join(parts) + f"-{timezone.localdate():%Y%m%d}.{extension}"
