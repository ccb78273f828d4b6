"""Fees per organization and year: a page and a CSV for invoicing.

The CSV is for Danish spreadsheets: UTF-8 with a byte order mark, semicolons between
fields, decimal commas and no thousands separator (9000,00), one row per organization
that pays; the fee of each member in seat order ("4000,00 / 2500,00 / 2500,00").
"""
from __future__ import annotations

import csv
import io
from decimal import Decimal
from types import SimpleNamespace

from flask import Response, render_template

from forum.admin.blueprint import bp
from forum.admin.member_views import this_year
from forum.admin.views import year_arg
from forum.members import rules
from forum.members.fees import OrganizationFees, fees_for_year

CSV_HEADER = ["år", "organisation", "antal_medlemmer", "medlemmer", "kontingent_pr_medlem",
              "i_alt_ekskl_moms", "moms", "i_alt_inkl_moms"]


def invoiceable(year: int) -> list[OrganizationFees]:
    """Organizations with at least one paying seat, with only the paying lines.

    COI's own coordinators hold seats but pay nothing; they are not invoiced.
    """
    result = []
    for organization in fees_for_year(year):
        lines = [line for line in organization.lines if line.fee_ex_vat > 0]
        if lines:
            result.append(OrganizationFees(organization.year, organization.organization, lines))
    return result


def danish_amount(amount: Decimal) -> str:
    return f"{amount:.2f}".replace(".", ",")


def _cell(text: str) -> str:
    """Keep a spreadsheet from running a name that starts like a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


# The rules as the page states them, from the same constants the fees are computed from.
FEE_RULES = SimpleNamespace(first=rules.FIRST_MEMBER_FEE, following=rules.FOLLOWING_MEMBER_FEE,
                            seats=rules.SEATS_PER_ORGANIZATION, vat_percent=int(rules.VAT_RATE * 100))


def fees_csv(year: int) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for organization in invoiceable(year):
        writer.writerow([
            year, _cell(organization.organization), len(organization.lines),
            _cell(", ".join(line.member_name for line in organization.lines)),
            " / ".join(danish_amount(line.fee_ex_vat) for line in organization.lines),
            danish_amount(organization.fee_ex_vat), danish_amount(organization.vat), danish_amount(organization.total),
        ])
    return out.getvalue()


@bp.get("/fees")
def fees():
    year = year_arg(this_year())
    organizations = invoiceable(year)
    totals = {
        "fee_ex_vat": sum((o.fee_ex_vat for o in organizations), Decimal(0)),
        "vat": sum((o.vat for o in organizations), Decimal(0)),
        "total": sum((o.total for o in organizations), Decimal(0)),
    }
    return render_template("admin/fees.html", year=year, organizations=organizations, totals=totals,
                           fee_rules=FEE_RULES)


@bp.get("/fees.csv")
def fees_csv_file():
    year = year_arg(this_year())
    response = Response("\ufeff" + fees_csv(year), mimetype="text/csv")
    response.headers["Content-Type"] = "text/csv; charset=utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="kontingent-{year}.csv"'
    return response
