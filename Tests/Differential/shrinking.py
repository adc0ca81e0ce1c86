"""Makes a failing case small: fewer rows, fewer columns, measures, keys and computed columns, a
simpler where, no --period, en-US; each step is kept only when the smaller case still fails
the same way (the same kind of failure, in the same columns or fewer)."""
import copy
import time
from dataclasses import replace

from aggregate_steps import Aggregate
from expressions import Bin, Not, PeriodBound
from steps import Compute, Filter


def without_rows(table, keep):
    style = {}
    for new, old in enumerate(keep):
        for column in table.types:
            if (old, column) in table.decimal_style:
                style[(new, column)] = table.decimal_style[(old, column)]
    return replace(table, rows=[table.rows[i] for i in keep], decimal_style=style)


def without_column(table, column):
    j = list(table.types).index(column)
    types = {c: t for c, t in table.types.items() if c != column}
    style = {k: v for k, v in table.decimal_style.items() if k[1] != column}
    return replace(table, types=types, rows=[row[:j] + row[j + 1:] for row in table.rows], decimal_style=style,
                   dated_by=None if table.dated_by == column else table.dated_by)


def with_table(case, index, table):
    tables = list(case.tables)
    tables[index] = table
    return case.copy(tables=tables)


def with_step(case, index, step):
    steps = list(case.steps)
    steps[index] = step
    return case.copy(steps=steps)


def row_candidates(case):
    for t, table in enumerate(case.tables):
        n = len(table.rows)
        size = n // 2
        while size >= 1:
            for start in range(0, n, size):
                keep = [i for i in range(n) if not start <= i < start + size]
                yield with_table(case, t, without_rows(table, keep))
            size //= 2


def simpler_predicates(expression):
    if isinstance(expression, Bin) and expression.op in ("and", "or"):
        yield expression.a
        yield expression.b
    if isinstance(expression, Not):
        yield expression.a


def step_candidates(case):
    for s, step in enumerate(case.steps):
        if isinstance(step, Aggregate):
            if step.where is not None and not any(isinstance(n, PeriodBound) for n in step.where.walk()):
                yield with_step(case, s, copy_with(step, where=None))
            if step.where is not None:
                for simpler in simpler_predicates(step.where):
                    yield with_step(case, s, copy_with(step, where=simpler))
            if len(step.measures) > 1:
                for m in range(len(step.measures)):
                    yield with_step(case, s, copy_with(step, measures=step.measures[:m] + step.measures[m + 1:]))
            for k in range(len(step.keys)):
                yield with_step(case, s, copy_with(step, keys=step.keys[:k] + step.keys[k + 1:]))
        if isinstance(step, Filter):
            for simpler in simpler_predicates(step.where):
                yield with_step(case, s, copy_with(step, where=simpler))
        if isinstance(step, Compute) and len(step.columns) > 1:
            for c in range(len(step.columns)):
                yield with_step(case, s, copy_with(step, columns=step.columns[:c] + step.columns[c + 1:]))


def repeat_candidates(case):
    """A large file as its rows once: when that still fails, the rest is quick to shrink."""
    for t, table in enumerate(case.tables):
        if table.repeat > 1:
            yield with_table(case, t, replace(table, repeat=1))


def setting_candidates(case):
    bounds = any(isinstance(n, PeriodBound) for step in case.steps for e in step.expressions() for n in e.walk())
    if case.cli_period and not bounds:
        yield case.copy(cli_period=None, as_of=None)
    if case.locale != "en-US":
        yield case.copy(locale="en-US")
    for t, table in enumerate(case.tables):
        for column in table.types if len(table.types) > 1 else []:
            yield with_table(case, t, without_column(table, column))
        if table.format != "csv":
            yield with_table(case, t, replace(table, format="csv"))
        if table.decimal_style:
            yield with_table(case, t, replace(table, decimal_style={}))


def copy_with(step, **changes):
    clone = copy.copy(step)
    for name, value in changes.items():
        setattr(clone, name, value)
    return clone


def shrink(case, outcome, attempt, budget=400, seconds=90):
    """The smallest case found (within `budget` runs and about `seconds`) that still fails like
    `outcome`; `attempt(case)` runs one."""
    deadline = time.time() + seconds
    improved = True
    while improved and budget > 0 and time.time() < deadline:
        improved = False
        for candidates in (repeat_candidates, row_candidates, step_candidates, setting_candidates):
            for candidate in candidates(case):
                budget -= 1
                result = attempt(candidate)
                if result.failed and result.same_failure(outcome):
                    case, outcome, improved = candidate, result, True
                    break
                if budget <= 0 or time.time() > deadline:
                    return case
            if improved:
                break
    return case
