"""Each case's data: rows sampled from an excerpt, some cells blanked, decimals now and then
written with trailing zeros; and periods placed around the data's dates (covering them, running
past their end, starting before them, inside them, or missing them)."""
import datetime
from decimal import Decimal

from cases import Table
from periods import command_line_period, recipe_period

SIZES = [0] + [1, 2, 3, 5] * 3 + [8, 12, 20, 30] * 5 + [45, 60, 90, 150] * 2
MAX_BUCKETS = {"year": 30, "half": 30, "quarter": 40, "month": 48, "week": 60, "day": 62}


def sample_table(rng, dataset, id, size=None, null_rate=None):
    """A Table of rows drawn from `dataset` (kept in file order, or shuffled), with nulls."""
    n = min(len(dataset.rows), rng.choice(SIZES) if size is None else size)
    picked = sorted(rng.sample(range(len(dataset.rows)), n))
    if rng.random() < 0.25:
        rng.shuffle(picked)
    rows = [list(dataset.rows[i]) for i in picked]
    rate = rng.choice([0, 0, 0.05, 0.05, 0.1, 0.2, 0.4]) if null_rate is None else null_rate
    columns = list(dataset.types)
    for row in rows:
        for j, column in enumerate(columns):
            # Keys and dates lose fewer cells, so that groups and buckets stay.
            limit = rate / 3 if column in dataset.keys or column in dataset.dates else rate
            if rng.random() < limit:
                row[j] = None
    if rows and dataset.keys and rng.random() < 0.3:
        blank_one_group(rng, dataset, rows)
    table = Table(id, dict(dataset.types), rows, format="json" if rng.random() < 0.2 else "csv", dataset=dataset.name)
    if rng.random() < 0.25:
        # Some columns' types are left to reportgen's inference (those holding a value at all).
        held = [c for j, c in enumerate(columns) if any(row[j] is not None for row in rows)]
        table.undeclared = frozenset(rng.sample(held, rng.randint(1, len(held)))) if held else frozenset()
    if table.format == "csv" and rng.random() < 0.1:
        table.locale = rng.choice(["de-DE", "vi-VN"])
    if rng.random() < 0.3:
        for r, row in enumerate(rows):
            for column, value in zip(columns, row):
                if isinstance(value, Decimal) and rng.random() < 0.3:
                    table.decimal_style[(r, column)] = rng.choice([1, 2])
    return table


def blank_one_group(rng, dataset, rows):
    """Every value of one number column is null for one key value: a group of nulls only."""
    columns = list(dataset.types)
    key = columns.index(rng.choice(dataset.keys))
    value = rng.choice(rows)[key]
    numbers = [columns.index(c) for c in dataset.numbers if c not in dataset.keys]
    if not numbers:
        return
    target = rng.choice(numbers)
    for row in rows:
        if row[key] == value:
            row[target] = None


def column_values(table):
    """Column -> the distinct non-null values the table holds, in a stable order."""
    result = {}
    for j, column in enumerate(table.types):
        seen = []
        for row in table.rows:
            if row[j] is not None and row[j] not in seen:
                seen.append(row[j])
        result[column] = seen
    return result


def date_span(dataset, column):
    """The first and last value of a column of dates (or of years)."""
    j = list(dataset.types).index(column)
    dates = [row[j] for row in dataset.rows if row[j] is not None]
    return min(dates), max(dates)


def shift_years(day, years):
    return datetime.date(day.year + years, day.month, min(day.day, 28))


def period_around(rng, low, high, whole_years=False):
    """(from, to, every) for a recipe, placed around the dates low..high; `whole_years`: its
    bounds are years and its buckets fit in them (for rows dated by year)."""
    for _ in range(20):
        every = rng.choice(["year"] * 3 + ["half", "quarter", "quarter", "quarter", "month", "month"] +
                           ([] if whole_years else ["week", "day"]))
        mode = rng.choice(["cover", "cover", "past", "past", "before", "inside", "inside", "outside"])
        start, end = low, high
        if mode == "past":
            end = shift_years(high, rng.choice([0, 1, 1, 2])) + datetime.timedelta(days=rng.randint(1, 200))
        elif mode == "before":
            start = shift_years(low, -rng.choice([1, 1, 2])) + datetime.timedelta(days=rng.randint(0, 200))
        elif mode == "inside":
            span = max(1, (high - low).days)
            start = low + datetime.timedelta(days=rng.randint(0, span))
            end = start + datetime.timedelta(days=rng.randint(0, span))
        elif mode == "outside":
            start = shift_years(high, 1)
            end = shift_years(start, rng.randint(0, 2))
        if every in ("week", "day") or (rng.random() < 0.2 and not whole_years):
            if mode == "past":
                start = high - datetime.timedelta(days=rng.randint(0, 60))
            end = start + datetime.timedelta(days=rng.randint(0, 120 if every == "week" else 40))
        form = "year" if whole_years else rng.choice(["year", "year", "month", "day"])
        texts = {
            "year": (str(start.year), str(end.year)),
            "month": (f"{start.year}-{start.month:02d}", f"{end.year}-{end.month:02d}"),
            "day": (start.isoformat(), end.isoformat()),
        }[form]
        if texts[0] > texts[1]:
            continue
        period = recipe_period(*texts, every)
        if len(period.buckets()) <= MAX_BUCKETS[every]:
            return texts + (every,)
    return (str(low.year), str(high.year), "year")


def relative_period_near(rng, period):
    """(`--period` word, `--as-of` day) near the recipe's period: last-quarter as of a day."""
    effective = recipe_period(*period)
    span = max(0, (effective.end - effective.start).days)
    as_of = effective.start + datetime.timedelta(days=rng.randint(0, span + 200))
    word = rng.choice(["this-year", "last-year", "this-quarter", "last-quarter", "this-month", "last-month", "ytd"])
    if len(command_line_period(word, period[2], as_of).buckets()) > MAX_BUCKETS[period[2]]:
        return None, None
    return word, as_of


def command_line_period_near(rng, period, whole_years=False):
    """A `--period` text near the recipe's period, whose buckets stay few."""
    start, end, every = period
    effective = recipe_period(start, end, every)
    for _ in range(20):
        day = effective.start + datetime.timedelta(days=rng.randint(0, max(0, (effective.end - effective.start).days) + 400))
        year = day.year
        forms = [str(year), f"{year}-H{1 if day.month <= 6 else 2}", f"{year}-Q{(day.month - 1) // 3 + 1}",
                 f"{year}-{day.month:02d}", f"{day.isocalendar()[0]}-W{day.isocalendar()[1]:02d}", day.isoformat(),
                 f"{year - 1}..{year}", f"{year - 1}-Q4..{year}-Q1"]
        text = rng.choice([forms[0], forms[6]] if whole_years else forms)
        if len(command_line_period(text, every).buckets()) <= MAX_BUCKETS[every]:
            return text
    return None
