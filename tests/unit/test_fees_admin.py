"""Fee arithmetic and the invoicing CSV (SPEC §2): 4,000 first, 2,500 each following, 25 % VAT."""
from datetime import date
from decimal import Decimal

from forum.admin.fee_views import fees_csv
from forum.members.fees import fees_for_year
from tests import factories

YEAR = date.today().year


def aarhus_with_three():
    for email, name in (("a@aarhus.dk", "Alice Andersen"), ("b@aarhus.dk", "Bo Bech"), ("c@aarhus.dk", "Cai Carlsen")):
        factories.make_member(email=email, name=name, organization="Aarhus Kommune")


def test_aarhus_three_members(app):
    aarhus_with_three()
    (aarhus,) = fees_for_year(YEAR)
    assert [line.fee_ex_vat for line in aarhus.lines] == [Decimal(4000), Decimal(2500), Decimal(2500)]
    assert aarhus.fee_ex_vat == Decimal(9000)
    assert aarhus.vat == Decimal(2250)
    assert aarhus.total == Decimal(11250)


def test_csv_is_semicolon_separated_with_decimal_commas(app):
    aarhus_with_three()
    factories.make_member(email="=cmd@evil.dk", name="=HYPERLINK(1)", organization="Vejle Kommune")
    lines = fees_csv(YEAR).strip().split("\r\n")
    assert lines[0].startswith("år;organisation;antal_medlemmer")
    aarhus = next(line for line in lines if "Aarhus" in line).split(";")
    assert aarhus[0] == str(YEAR) and aarhus[2] == "3"
    assert aarhus[4] == "4000,00 / 2500,00 / 2500,00"
    assert aarhus[5:] == ["9000,00", "2250,00", "11250,00"]
    vejle = next(line for line in lines if "Vejle" in line)
    assert ";'=HYPERLINK(1);" in vejle
