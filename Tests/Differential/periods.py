"""Periods and their buckets, computed independently of reportgen (Python's calendar and ISO
weeks), as the format reference describes them: a bound names a year, a month or a day (a start
is its first day, an end its last); buckets are every year, half, quarter, month, ISO week or
day that the period touches; a date outside the period is in no bucket.
"""
import datetime
from dataclasses import dataclass

UNITS = ["year", "half", "quarter", "month", "week", "day"]


def last_of_month(year, month):
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    return following - datetime.timedelta(days=1)


def bound(text, is_end):
    parts = text.split("-")
    year = int(parts[0])
    if len(parts) == 1:
        return datetime.date(year, 12, 31) if is_end else datetime.date(year, 1, 1)
    if len(parts) == 2:
        month = int(parts[1])
        return last_of_month(year, month) if is_end else datetime.date(year, month, 1)
    return datetime.date.fromisoformat(text)


def bucket_start(day, unit):
    if unit == "year":
        return datetime.date(day.year, 1, 1)
    if unit == "half":
        return datetime.date(day.year, 1 if day.month <= 6 else 7, 1)
    if unit == "quarter":
        return datetime.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    if unit == "month":
        return datetime.date(day.year, day.month, 1)
    if unit == "week":
        return day - datetime.timedelta(days=day.isoweekday() - 1)
    return day


def bucket_end(start, unit):
    months = {"year": 12, "half": 6, "quarter": 3, "month": 1}.get(unit)
    if months:
        last = start.month + months - 1
        return last_of_month(start.year, last)
    return start + datetime.timedelta(days=6 if unit == "week" else 0)


def code(start, unit):
    """The bucket as the csv output writes it: 2025, 2025-H1, 2025-Q3, 2025-03, 2025-W07, 2025-03-15."""
    if unit == "year":
        return f"{start.year:04d}"
    if unit == "half":
        return f"{start.year:04d}-H{1 if start.month <= 6 else 2}"
    if unit == "quarter":
        return f"{start.year:04d}-Q{(start.month - 1) // 3 + 1}"
    if unit == "month":
        return f"{start.year:04d}-{start.month:02d}"
    if unit == "week":
        year, week, _ = start.isocalendar()
        return f"{year:04d}-W{week:02d}"
    return start.isoformat()


@dataclass
class Period:
    start: datetime.date
    end: datetime.date
    every: str

    def buckets(self):
        """(index, code, first day, last day) of every bucket the period touches."""
        result, start = [], bucket_start(self.start, self.every)
        while start <= self.end:
            end = bucket_end(start, self.every)
            result.append((len(result), code(start, self.every), start, end))
            start = end + datetime.timedelta(days=1)
        return result


def recipe_period(start_text, end_text, every):
    return Period(bound(start_text, False), bound(end_text, True), every)


def single(text):
    """The first and last day a `--period` word names (2025, 2025-H1, 2025-Q3, 2025-03, 2025-W07, 2025-03-15)."""
    parts = text.split("-")
    year = int(parts[0])
    if len(parts) == 1:
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    if len(parts) == 3:
        day = datetime.date.fromisoformat(text)
        return day, day
    marker = parts[1]
    if marker.startswith("H"):
        start = datetime.date(year, 1 if marker == "H1" else 7, 1)
        return start, bucket_end(start, "half")
    if marker.startswith("Q"):
        start = datetime.date(year, (int(marker[1]) - 1) * 3 + 1, 1)
        return start, bucket_end(start, "quarter")
    if marker.startswith("W"):
        start = datetime.date.fromisocalendar(year, int(marker[1:]), 1)
        return start, start + datetime.timedelta(days=6)
    start = datetime.date(year, int(marker), 1)
    return start, bucket_end(start, "month")


RELATIVE = {"this-year": ("year", 0), "last-year": ("year", 1), "this-quarter": ("quarter", 0),
            "last-quarter": ("quarter", 1), "this-month": ("month", 0), "last-month": ("month", 1)}


def unit_of(text):
    """The unit a `--period` word is written in: 2025 year, 2025-H1 half, 2025-Q3 quarter..."""
    parts = text.split("-")
    if len(parts) == 1:
        return "year"
    if len(parts) == 3:
        return "day"
    return {"H": "half", "Q": "quarter", "W": "week"}.get(parts[1][0], "month")


def command_line_period(text, every, as_of=None):
    """`--period TEXT` over a recipe whose period is cut `every`: the recipe's unit is kept,
    unless the text names less than one bucket of it (2025-Q2 of a yearly recipe), which is cut
    in the unit it is written in. Relative words count from `as_of` (`--as-of`)."""
    if text == "ytd":
        start, end, unit = datetime.date(as_of.year, 1, 1), as_of, "month"
    elif text in RELATIVE:
        unit, back = RELATIVE[text]
        start = bucket_start(as_of, unit)
        if back:
            start = bucket_start(start - datetime.timedelta(days=1), unit)
        end = bucket_end(start, unit)
    else:
        first, _, last = text.partition("..")
        start, end, unit = single(first)[0], single(last or first)[1], unit_of(first)
    first_bucket, last_bucket = bucket_start(start, every), bucket_start(end, every)
    within_one = first_bucket == last_bucket and (first_bucket != start or bucket_end(first_bucket, every) != end)
    return Period(start, end, unit if within_one else every)


def previous(period):
    """The period of the same length just before: as many whole buckets when it is made of whole
    buckets, else as many days."""
    day = datetime.timedelta(days=1)
    first = bucket_start(period.start, period.every)
    last = bucket_end(bucket_start(period.end, period.every), period.every)
    if first == period.start and last == period.end:
        start = period.start
        for _ in period.buckets():
            start = bucket_start(start - day, period.every)
        return Period(start, period.start - day, period.every)
    days = (period.end - period.start).days + 1
    return Period(period.start - datetime.timedelta(days=days), period.start - day, period.every)


def year_before(day, keep_month_end=False):
    """The same day a year before (the 29th of February gives the 28th); the last day of a
    month stays the last day of its month."""
    last = last_of_month(day.year - 1, day.month).day
    if keep_month_end and day == last_of_month(day.year, day.month):
        return last_of_month(day.year - 1, day.month)
    return datetime.date(day.year - 1, day.month, min(day.day, last))


def extractor_period(span, period, reads_dated):
    """The period an extractor sees: the days of its `span` when it reads a dated source over
    other days than the report's (cut into the same buckets), else the report's period."""
    if not reads_dated or period is None or span in (None, "period", "all"):
        return period
    first, last = span_days(span, period)
    return Period(first, last, period.every)


def span_days(span, period):
    """The days an extractor's `span` reads of a dated source; None for every row."""
    if period is None or span == "all":
        return None
    if span in (None, "period"):
        return period.start, period.end
    if span == "previous":
        before = previous(period)
        return before.start, before.end
    if span == "previous_year":
        return year_before(period.start), year_before(period.end, keep_month_end=True)
    first = bound(str(span["from"]), False)
    last = bound(str(span["to"]), True) if "to" in span else max(first, period.end)
    return first, last
