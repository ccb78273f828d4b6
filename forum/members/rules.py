"""The network's membership rules (SPEC §2) as plain values and functions."""
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

SEATS_PER_ORGANIZATION = 3
FIRST_MEMBER_FEE = Decimal(4000)
FOLLOWING_MEMBER_FEE = Decimal(2500)
VAT_RATE = Decimal("0.25")


# The network is Danish: a membership year begins and ends at midnight in Copenhagen, whatever the
# server's own time zone is.
NETWORK_TIMEZONE = ZoneInfo("Europe/Copenhagen")


def today(now: datetime | None = None) -> date:
    """Today's date in Copenhagen."""
    return (now or datetime.now(UTC)).astimezone(NETWORK_TIMEZONE).date()


def membership_year(today: date) -> int:
    """The membership year is the calendar year."""
    return today.year


def year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def fee_for_seat(position: int) -> Decimal:
    """Fee ex VAT for the `position`-th paying member (1-based) of an organization."""
    if position < 1:
        raise ValueError("positions start at 1")
    return FIRST_MEMBER_FEE if position == 1 else FOLLOWING_MEMBER_FEE


def vat(amount: Decimal) -> Decimal:
    return (amount * VAT_RATE).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
