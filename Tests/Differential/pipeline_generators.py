"""Generators of the extractors that combine or read other tables: join, pivot, compare, trend."""
import datetime
from decimal import Decimal

from aggregate_steps import Pivot
from cases import RESULT, Table
from expressions import Bin, Col, Func, Lit, Param
from aggregate_steps import Aggregate
from generators import Draw, grouped_input, key_columns, measures
from sampling import date_span, period_around
from steps import Compare, Compute, Join, PeriodKey, Trend

MISSING = {"str": "nowhere", "int": 9999, "dec": Decimal("9999.5"), "date": datetime.date(1900, 1, 1)}


def join_case(index, rng, datasets):
    if rng.random() < 0.25:
        return join_of_aggregates(index, rng, datasets)
    draw = Draw(rng, datasets, need=lambda d: d.keys or d.dates)
    left = draw.table
    candidates = draw.dataset.keys + draw.dataset.dates
    on = rng.sample(candidates, min(len(candidates), rng.choice([1, 1, 1, 2])))
    positions = [list(left.types).index(c) for c in on]
    combos = []
    for row in left.rows:
        combo = tuple(row[p] for p in positions)
        if combo not in combos:
            combos.append(combo)
    chosen = rng.sample(combos, rng.randint(0, len(combos))) if combos else []
    chosen.append(tuple(MISSING[left.types[c]] for c in on))
    if chosen and rng.random() < 0.3:
        chosen.insert(rng.randrange(len(chosen)), rng.choice(chosen))  # a key twice: both rows match
    fmt = rng.choice(["csv", "csv", "json", "inline"])
    if fmt != "inline" and rng.random() < 0.3:
        chosen.append(tuple(None for _ in on))  # a null key matches nothing
    if fmt == "inline":
        chosen = [c for c in chosen if None not in c]
    rng.shuffle(chosen)
    types = {c: left.types[c] for c in on}
    if len(on) == 1 and types[on[0]] == "int" and rng.random() < 0.3:
        types[on[0]] = "dec"  # 2007 on the left matches 2007.0 on the right
    types.update(target="int", weight="dec")
    clash = [c for c in left.types if c not in on]
    if clash and rng.random() < 0.4:
        types[rng.choice(clash)] = "int"  # renamed lookup_<name> in the result
    rows = []
    for combo in chosen:
        extra = [rng.randint(-5, 500), Decimal(rng.randint(0, 999)) / 100] + ([rng.randint(0, 9)] if len(types) > len(on) + 2 else [])
        values = [Decimal(v) if types[c] == "dec" and v is not None else v for c, v in zip(on, combo)]
        # An inline table has no nulls: the format gives a row's values as text, numbers or booleans.
        rows.append(values + [None if rng.random() < 0.1 and fmt != "inline" else e for e in extra])
    lookup = Table("lookup", types, rows, format=fmt, dataset="generated")
    step = Join(RESULT, left.id, "lookup", on, rng.choice([None, "inner", "left", "left"]))
    return draw.case(index, "join", [step], extra_tables=[lookup])


def join_of_aggregates(index, rng, datasets):
    """Two aggregates of one source by the same key, joined: the source is read once for both."""
    draw = Draw(rng, datasets, need=lambda d: d.keys)
    keys = key_columns(draw, 1)
    generator = draw.generator()
    left = Aggregate("left_totals", draw.table.id, keys, measures(rng, generator), generator.predicate(1) if rng.random() < 0.3 else None)
    right = Aggregate("right_totals", draw.table.id, keys, measures(rng, generator))
    step = Join(RESULT, "left_totals", "right_totals", [keys[0][0]], rng.choice([None, "inner", "left"]))
    return draw.case(index, "join", [left, right, step])


def pivot_of_periods(index, rng, datasets):
    """A pivot of an aggregate by period and key: periods as columns (or rows), buckets without data included."""
    draw = Draw(rng, datasets, need=lambda d: d.keys and d.dates)
    draw.date = rng.choice(draw.dataset.dates)
    draw.period = period_around(rng, *date_span(draw.dataset, draw.date))
    keys = [("period", PeriodKey(Col(draw.date, "date")))] + key_columns(draw, 1)
    name, measure = measures(rng, draw.generator(), 1)[0]
    totals = Aggregate("totals", draw.table.id, keys, [(name, measure)])
    rows, columns = (keys[1][0], "period") if rng.random() < 0.7 else ("period", keys[1][0])
    function = rng.choice([None, "sum", "count", "min", "max"] + (["avg"] if measure.type in ("int", "dec") else []))
    if function in (None, "sum") and measure.type not in ("int", "dec"):
        function = "count"
    return draw.case(index, "pivot", [totals, Pivot(RESULT, "totals", rows, columns, name, function, rng.choice([None, True]))])


def pivot_case(index, rng, datasets):
    if rng.random() < 0.2:
        return pivot_of_periods(index, rng, datasets)
    draw = Draw(rng, datasets)
    types, steps, source = dict(draw.table.types), [], draw.table.id
    # Columns of few values make the columns: the data's keys, or parts of its dates.
    axes = list(draw.dataset.keys)
    if draw.dataset.dates and (len(axes) < 2 or rng.random() < 0.3):
        date = Col(rng.choice(draw.dataset.dates), "date")
        parts = rng.sample(["year", "quarter", "month"], 2 - min(1, len(axes)))
        computed = [(f"{part}_of", Func(part, [date], "int")) for part in parts]
        steps.append(Compute("prepared", source, computed))
        types.update({name: "int" for name, _ in computed})
        source = "prepared"
        axes += [name for name, _ in computed]
    columns = rng.choice(axes)
    others = [c for c in axes if c != columns]
    # Now and then rows by any column that is not a decimal (many rows, numbers and dates as labels).
    rows = rng.choice(others) if others and rng.random() < 0.8 else rng.choice([c for c in types if types[c] != "dec" and c != columns])
    function = rng.choice([None, "sum", "sum", "count", "avg", "avg", "min", "max"])
    numbers = [c for c, t in types.items() if t in ("int", "dec") and c not in (rows, columns)]
    if function in (None, "sum", "avg") or rng.random() < 0.7:
        if not numbers:
            function, numbers = "count", [c for c in types if c not in (rows, columns)]
        value = rng.choice(numbers)
    else:
        value = rng.choice([c for c in types if c not in (rows, columns)])
    steps.append(Pivot(RESULT, source, rows, columns, value, function, rng.choice([None, True, True, False])))
    return draw.case(index, "pivot", steps)


def compare_case(index, rng, datasets):
    draw = Draw(rng, datasets, params=True)
    steps, source = [], draw.table.id
    if rng.random() < 0.6:
        step, types, _, numbers = grouped_input(draw)
        steps, source, values = [step], "totals", {}
    else:
        types, values = dict(draw.table.types), draw.values
        numbers = [c for c, t in types.items() if t in ("int", "dec")]
    if not numbers:
        return None
    column = rng.choice(numbers)
    value = Col(column, types[column])
    if rng.random() < 0.15:
        value = Bin("*", value, Lit(2, "int"), value.type)
    choice = rng.random()
    goal_value, goal_type = draw.params["goal"]
    if choice < 0.25 and values.get(column):
        target = Lit(rng.choice(values[column]), types[column])  # equal to some rows: met
    elif choice < 0.4:
        target = Lit(rng.choice([0, 1, 10, 100, 1000, 50000, Decimal("12.5")]), "int")
        target.type = "dec" if isinstance(target.value, Decimal) else "int"
    elif choice < 0.55:
        target = Param("goal", goal_value, goal_type)
    elif choice < 0.75:
        other = rng.choice(numbers)
        target = Col(other, types[other])  # the same column gives met everywhere
    elif choice < 0.9:
        target = Func("round", [Col(column, types[column])], types[column])
    else:
        target = Bin("+", Param("goal", goal_value, goal_type), Lit(5, "int"), "dec")
    better = rng.choice([None, "higher", "lower", "lower"])
    steps.append(Compare(RESULT, source, value, target, better))
    return draw.case(index, "compare", steps)


def trend_case(index, rng, datasets):
    draw = Draw(rng, datasets)
    if rng.random() < 0.75 or not draw.dataset.dates:
        step, types, key, numbers = grouped_input(draw)
        return draw.case(index, "trend", [step, Trend(RESULT, "totals", rng.choice(numbers), key)])
    numbers = [c for c, t in draw.table.types.items() if t in ("int", "dec")]
    by = rng.choice(draw.dataset.dates)
    return draw.case(index, "trend", [Trend(RESULT, draw.table.id, rng.choice(numbers), by)])
