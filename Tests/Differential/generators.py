"""One generator per class of case. Each draws a dataset, samples its rows, and builds a recipe's
extractors (the last named `result`) whose reference steps.py and aggregate_steps.py compute.
"""
import datetime
from decimal import Decimal

from aggregate_steps import Aggregate
from cases import RESULT, Case
from expression_generator import ExpressionGenerator
from expressions import Bin, Col, Func, PeriodBound, agg
from periods import extractor_period, recipe_period
from sampling import column_values, command_line_period_near, date_span, period_around, relative_period_near, sample_table
from steps import Compute, Filter, PeriodKey, Sort, Top

LOCALES = ["en-US", "en-US", "de-DE", "vi-VN"]


class Draw:
    """What every generator starts from: a dataset, its sampled table, an expression generator."""

    def __init__(self, rng, datasets, need=None, period=False, params=False):
        candidates = [d for d in datasets.values() if need is None or need(d)]
        self.rng, self.dataset = rng, rng.choice(candidates)
        self.table = sample_table(rng, self.dataset, self.dataset.name)
        self.values = column_values(self.table)
        self.period = None
        if period and self.dataset.dates:
            self.date = rng.choice(self.dataset.dates)
            self.period = period_around(rng, *date_span(self.dataset, self.date))
        self.params = {}
        if params:
            self.params["goal"] = (rng.choice([10, 250, 3000, Decimal("12.5"), Decimal("0.75")]), "dec")
        self.locale = rng.choice(LOCALES)
        self.cli_period = self.as_of = None

    def generator(self, types=None, values=None, bounds=None):
        return ExpressionGenerator(self.rng, types or self.table.types, self.values if values is None else values,
                                   self.params, bounds)

    def case(self, index, kind, steps, extra_tables=()):
        return Case(index, kind, [self.table, *extra_tables], steps, self.locale, self.period, self.cli_period, self.params,
                    self.as_of)


def measures(rng, generator, count=None):
    result, names = [], set()
    for _ in range(count or rng.randint(1, 4)):
        name, expression = generator.measure()
        while name in names:
            name += "_"
        names.add(name)
        result.append((name, expression))
    return result


def key_columns(draw, limit=2):
    keys = [c for c in draw.dataset.keys]
    draw.rng.shuffle(keys)
    decimals = [c for c, t in draw.table.types.items() if t == "dec"]
    if decimals and draw.rng.random() < 0.1:
        keys.insert(0, draw.rng.choice(decimals))  # 2.5 and 2.50 are one group
    return [(k, Col(k, draw.table.types[k])) for k in keys[:draw.rng.randint(1, limit)]] if keys else []


def filter_case(index, rng, datasets):
    draw = Draw(rng, datasets, period=rng.random() < 0.3)
    bounds = period_bounds(draw)
    return draw.case(index, "filter", [Filter(RESULT, draw.table.id, draw.generator(bounds=bounds).predicate(3))])


def period_bounds(draw):
    if not draw.period:
        return None
    period = recipe_period(*draw.period)
    return period.start, period.end


def compute_case(index, rng, datasets):
    draw = Draw(rng, datasets, params=rng.random() < 0.3)
    types, values, columns = dict(draw.table.types), dict(draw.values), []
    for i in range(rng.randint(1, 3)):
        expression = ExpressionGenerator(rng, types, values, draw.params).value(2)
        replaceable = [c for c in draw.table.types if c not in dict(columns)]
        name = rng.choice(replaceable) if replaceable and rng.random() < 0.2 else f"c{i + 1}"
        columns.append((name, expression))
        types[name] = expression.type if expression.type != "null" else "str"
        values.pop(name, None)  # a replaced column no longer holds the values it had
    return draw.case(index, "compute", [Compute(RESULT, draw.table.id, columns)])


def grouped_input(draw):
    """An aggregate of the draw's table by a key, year() or period(): rows to rank, compare or follow."""
    rng = draw.rng
    choices = []
    if draw.dataset.keys:
        choices.append("key")
    if draw.dataset.dates:
        choices += ["year", "period"]
    how = rng.choice(choices)
    if how == "key":
        keys = key_columns(draw, 1)
    elif how == "year":
        date = rng.choice(draw.dataset.dates)
        keys = [("year", Func("year", [Col(date, "date")], "int"))]
    else:
        draw.date = rng.choice(draw.dataset.dates)
        draw.period = period_around(rng, *date_span(draw.dataset, draw.date))
        keys = [("period", PeriodKey(Col(draw.date, "date")))]
    numbers = [m for m in measures(rng, draw.generator(), 3) if m[1].type in ("int", "dec")] or [("n", agg("count"))]
    step = Aggregate("totals", draw.table.id, keys, numbers)
    return step, {name: e.type for name, e in keys + numbers}, keys[0][0], [name for name, _ in numbers]


def sort_case(index, rng, datasets):
    draw = Draw(rng, datasets)
    if rng.random() < 0.3:
        step, types, key, numbers = grouped_input(draw)
        by = [rng.choice(numbers + [key])]
        return draw.case(index, "sort", [step, Sort(RESULT, "totals", by, rng.choice([None, True, False]))])
    by = rng.sample(list(draw.table.types), rng.randint(1, 2))
    return draw.case(index, "sort", [Sort(RESULT, draw.table.id, by, rng.choice([None, True, False]))])


def top_case(index, rng, datasets):
    draw = Draw(rng, datasets)
    limit, descending = rng.choice([1, 2, 3, 5, 10]), rng.choice([None, True, False])
    if rng.random() < 0.4:
        step, types, key, numbers = grouped_input(draw)
        return draw.case(index, "top", [step, Top(RESULT, "totals", rng.choice(numbers), limit, descending)])
    by = rng.choice(list(draw.table.types))
    return draw.case(index, "top", [Top(RESULT, draw.table.id, by, limit, descending)])


def aggregate_case(index, rng, datasets):
    draw = Draw(rng, datasets, period=rng.random() < 0.2)
    keys = key_columns(draw) if rng.random() < 0.8 else []
    list_form = True
    if rng.random() < 0.15:
        # The map form, with a key that is an expression.
        keys = keys[:1] + [("flag", draw.generator().predicate(1))]
        list_form = False
    generator = draw.generator(bounds=period_bounds(draw))
    where = generator.predicate(2) if rng.random() < 0.5 else None
    return draw.case(index, "aggregate", [Aggregate(RESULT, draw.table.id, keys, measures(rng, generator), where, list_form)])


def aggregate_dates_case(index, rng, datasets):
    draw = Draw(rng, datasets, need=lambda d: d.dates)
    date = Col(rng.choice(draw.dataset.dates), "date")
    parts = rng.sample(["year", "quarter", "month"], rng.randint(1, 2))
    keys = [(part, Func(part, [date], "int")) for part in parts]
    if draw.dataset.keys and rng.random() < 0.4:
        keys += [k for k in key_columns(draw, 1) if k[0] not in parts]
    rng.shuffle(keys)
    generator = draw.generator()
    where = generator.predicate(1) if rng.random() < 0.4 else None
    return draw.case(index, "aggregate_dates", [Aggregate(RESULT, draw.table.id, keys, measures(rng, generator), where)])


def period_case(index, rng, datasets):
    draw = Draw(rng, datasets, need=lambda d: d.dates, period=True)
    keys = [("period", PeriodKey(Col(draw.date, "date")))]
    if draw.dataset.keys and rng.random() < 0.35:
        keys += key_columns(draw, 1)
        rng.shuffle(keys)
    if rng.random() < 0.3:
        draw.cli_period = command_line_period_near(rng, draw.period)
    elif rng.random() < 0.15:
        draw.cli_period, draw.as_of = relative_period_near(rng, draw.period)
    generator = draw.generator(bounds=period_bounds_effective(draw))
    where = generator.predicate(1) if rng.random() < 0.3 else None
    return draw.case(index, "period", [Aggregate(RESULT, draw.table.id, keys, measures(rng, generator), where)])


def period_bounds_effective(draw):
    case = Case(0, "", [], [], period=draw.period, cli_period=draw.cli_period, as_of=draw.as_of)
    period = case.effective_period
    return (period.start, period.end) if period else None


def period_filter_case(index, rng, datasets):
    """`--period` moves a figure that selects its rows with period.start and period.end."""
    draw = Draw(rng, datasets, need=lambda d: d.dates, period=True)
    draw.cli_period = command_line_period_near(rng, draw.period)
    bounds = period_bounds_effective(draw)
    date = Col(draw.date, "date")
    where = Bin("and", Bin(">=", date, PeriodBound("start", bounds[0]), "bool"), Bin("<=", date, PeriodBound("end", bounds[1]), "bool"), "bool")
    keys = key_columns(draw, 1) if rng.random() < 0.4 else []
    step = Aggregate(RESULT, draw.table.id, keys, measures(rng, draw.generator()), where)
    return draw.case(index, "period_filter", [step])


def period_span_case(index, rng, datasets):
    """A source dated by a column (`dated_by`): every extractor that reads it sees the rows of its
    `span` (by default the run's period), so that `--period` moves every figure (RULES.md)."""
    draw = Draw(rng, datasets, need=lambda d: d.dates or d.types.get("year") == "int")
    by_year = draw.dataset.types.get("year") == "int" and (not draw.dataset.dates or rng.random() < 0.3)
    if by_year:
        low, high = date_span(draw.dataset, "year")
        draw.table.dated_by = "year"
        draw.period = period_around(rng, datetime.date(low, 1, 1), datetime.date(high, 12, 31), whole_years=True)
    else:
        draw.date = draw.table.dated_by = rng.choice(draw.dataset.dates)
        draw.period = period_around(rng, *date_span(draw.dataset, draw.date))
    if rng.random() < 0.6:
        draw.cli_period = command_line_period_near(rng, draw.period, whole_years=by_year)
    start, end = period_bounds_effective(draw)
    choice = rng.random()
    span = None
    if choice < 0.1:
        span = "all"
    elif choice < 0.2:
        span = "previous"
    elif choice < 0.3:
        span = "previous_year"
    elif choice < 0.5:
        first = start.year - rng.randint(0, 3)
        span = {"from": first}
        if rng.random() < 0.5:
            span["to"] = max(first, end.year - rng.randint(0, 1))
        if not by_year and rng.random() < 0.4:
            months = {k: f"{v}-{rng.randint(1, 12):02d}" for k, v in span.items()}
            # A span may not start after the period ends, nor end before it starts.
            if months["from"] <= end.isoformat()[:7] and months.get("to", "9999") >= months["from"]:
                span = months
    elif choice < 0.6:
        span = "period"
    seen = extractor_period(span, Case(0, "", [], [], period=draw.period, cli_period=draw.cli_period,
                                        as_of=draw.as_of).effective_period, True)
    if len(seen.buckets()) > 200:  # a long span cut by day: many rows and nothing more to learn
        span, seen = None, None
    period = (seen.start, seen.end) if seen else (start, end)
    generator = draw.generator(bounds=period)
    where = generator.predicate(1) if rng.random() < 0.3 else None
    how = rng.random()
    if how < 0.15:
        step = Filter(RESULT, draw.table.id, generator.predicate(1))
    elif how < 0.35 and draw.dataset.keys:
        step = Aggregate(RESULT, draw.table.id, key_columns(draw, 1), measures(rng, generator), where)
    elif how < 0.55 and not by_year:
        step = Aggregate(RESULT, draw.table.id, [("period", PeriodKey(Col(draw.date, "date")))], measures(rng, generator), where)
    else:
        step = Aggregate(RESULT, draw.table.id, [], measures(rng, generator), where)
    step.span = span
    return draw.case(index, "period_span", [step])


LARGE_FILE = 4_400_000  # bytes: past the 4 MiB over which reportgen reads a file on two cores


def large_case(index, rng, datasets):
    """A csv file over 4 MiB (rows sampled, then repeated, each time moved), aggregated: read on
    two cores and merged, so first, last, median and the rest must come out as on one."""
    draw = Draw(rng, datasets, need=lambda d: d.dates)
    table = draw.table
    while len(table.rows) < 10:
        draw = Draw(rng, datasets, need=lambda d: d.dates)
        table = draw.table
    table.format, table.undeclared, table.locale = "csv", frozenset(), None
    once = sum(len(",".join(table.cell_text(r, c, v) for c, v in zip(table.types, row))) + 1 for r, row in enumerate(table.rows))
    table.repeat = LARGE_FILE // max(once, 1) + 1
    keys = key_columns(draw, 1) if rng.random() < 0.5 else []
    if rng.random() < 0.4:
        date = Col(rng.choice(draw.dataset.dates), "date")
        keys = [("year", Func("year", [date], "int"))] + keys
    generator = draw.generator()
    where = generator.predicate(1) if rng.random() < 0.3 else None
    chosen = [(f"{fn}_{c}", agg(fn, Col(c, table.types[c]))) for fn in ("first", "last") for c in [rng.choice(list(table.types))]]
    chosen += measures(rng, generator, 3)
    names, unique = set(), []
    for name, expression in chosen:
        while name in names:
            name += "_"
        names.add(name)
        unique.append((name, expression))
    return draw.case(index, "large", [Aggregate(RESULT, table.id, keys, unique, where)])
