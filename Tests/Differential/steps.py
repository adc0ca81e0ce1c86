"""The extractors of a generated recipe, each written twice: as the recipe's YAML options and as
a DuckDB query (a CTE named s_<id> with the step's columns and `_o`, the row order the step's
rule gives, see RULES.md). `schema()` gives the columns the step yields, for the steps after it.
"""
from expressions import Col, Expr, sql_name

TREND_COLUMNS = ["change", "change_pct", "cumulative"]
COMPARE_COLUMNS = ["target", "gap", "ratio", "status"]
WORDS = {"en-US": ("exceeded", "met", "missed", "Total"),
         "vi-VN": ("vượt", "đạt", "không đạt", "Tổng cộng"),
         "de-DE": ("übertroffen", "erreicht", "verfehlt", "Gesamt")}


def order_by(names, descending=False):
    return ", ".join(f"{sql_name(n)}{' DESC' if descending else ''} NULLS LAST" for n in names)


class PeriodKey(Expr):
    """`period(date)`: the bucket of the run's period that a date falls in."""
    type = "period"

    def __init__(self, argument):
        self.argument = argument

    def children(self):
        return [self.argument]

    def rg(self):
        return f"period({self.argument.rg()})"


class Step:
    kind = ""
    span = None          # which rows of a dated source the step reads: None (the period), 'all', ...
    read_from = None     # the CTE of those rows, set by the reference when the input is dated

    def __init__(self, id, input):
        self.id, self.input = id, input

    @property
    def src(self):
        return self.read_from or f"s_{self.input}"

    def options(self):
        """The YAML options, expressions as text."""
        raise NotImplementedError

    def schema(self, schemas):
        return dict(schemas[self.input])

    def ctes(self, schemas, ctx):
        raise NotImplementedError

    def expressions(self):
        return []


class Filter(Step):
    kind = "filter"

    def __init__(self, id, input, where):
        super().__init__(id, input)
        self.where = where

    def options(self):
        return {"input": self.input, "where": self.where.rg()}

    def expressions(self):
        return [self.where]

    def ctes(self, schemas, ctx):
        return [(f"s_{self.id}", f"SELECT * FROM {self.src} WHERE {self.where.sql()}")]


class Compute(Step):
    kind = "compute"

    def __init__(self, id, input, columns):
        super().__init__(id, input)
        self.columns = columns  # [(name, expr)]

    def options(self):
        return {"input": self.input, "columns": {name: e.rg() for name, e in self.columns}}

    def expressions(self):
        return [e for _, e in self.columns]

    def schema(self, schemas):
        types = dict(schemas[self.input])
        for name, e in self.columns:
            types[name] = e.type if e.type != "null" else "str"
        return types

    def ctes(self, schemas, ctx):
        result, previous, known = [], self.src, set(schemas[self.input])
        for index, (name, e) in enumerate(self.columns):
            cte = f"s_{self.id}" if index == len(self.columns) - 1 else f"s_{self.id}_{index}"
            if name in known:
                result.append((cte, f"SELECT * REPLACE ({e.sql()} AS {sql_name(name)}) FROM {previous}"))
            else:
                result.append((cte, f"SELECT *, {e.sql()} AS {sql_name(name)} FROM {previous}"))
            known.add(name)
            previous = cte
        return result


class Sort(Step):
    kind = "sort"

    def __init__(self, id, input, by, descending):
        super().__init__(id, input)
        self.by, self.descending = by, descending

    def options(self):
        options = {"input": self.input, "by": list(self.by)}
        if self.descending is not None:
            options["descending"] = self.descending
        return options

    def ctes(self, schemas, ctx):
        ordered = f"{order_by(self.by, bool(self.descending))}, _o"
        return [(f"s_{self.id}", f"SELECT * EXCLUDE (_o), row_number() OVER (ORDER BY {ordered}) AS _o FROM {self.src}")]


class Top(Step):
    kind = "top"

    def __init__(self, id, input, by, limit, descending):
        super().__init__(id, input)
        self.by, self.limit, self.descending = by, limit, descending

    def options(self):
        options = {"input": self.input, "by": self.by, "limit": self.limit}
        if self.descending is not None:
            options["descending"] = self.descending
        return options

    def ctes(self, schemas, ctx):
        descending = True if self.descending is None else self.descending
        # A row whose value is null is not ranked (a bucket without data is neither best nor worst).
        ranked = (f"SELECT * EXCLUDE (_o), row_number() OVER (ORDER BY {order_by([self.by], descending)}, _o) AS _o "
                  f"FROM {self.src} WHERE {sql_name(self.by)} IS NOT NULL")
        return [(f"s_{self.id}", f"SELECT * FROM ({ranked}) WHERE _o <= {self.limit}")]


class Join(Step):
    kind = "join"

    def __init__(self, id, input, with_, on, kind):
        super().__init__(id, input)
        self.with_, self.on, self.join_kind = with_, on, kind

    def options(self):
        options = {"input": self.input, "with": self.with_, "on": list(self.on)}
        if self.join_kind:
            options["kind"] = self.join_kind
        return options

    def right_columns(self, schemas):
        left = schemas[self.input]
        return [(c, f"{self.with_}_{c}" if c in left else c) for c in schemas[self.with_] if c not in self.on]

    def schema(self, schemas):
        types = dict(schemas[self.input])
        for column, name in self.right_columns(schemas):
            types[name] = schemas[self.with_][column]
        return types

    def ctes(self, schemas, ctx):
        right = ", ".join(f"r.{sql_name(c)} AS {sql_name(n)}" for c, n in self.right_columns(schemas))
        condition = " AND ".join(f"l.{sql_name(c)} = r.{sql_name(c)}" for c in self.on)
        kind = "LEFT JOIN" if self.join_kind == "left" else "JOIN"
        return [(f"s_{self.id}", f"SELECT l.* EXCLUDE (_o){', ' + right if right else ''}, "
                                 f"row_number() OVER (ORDER BY l._o, r._o) AS _o "
                                 f"FROM {self.src} l {kind} s_{self.with_} r ON {condition}")]


class Compare(Step):
    kind = "compare"

    def __init__(self, id, input, value, target, better):
        super().__init__(id, input)
        self.value, self.target, self.better = value, target, better

    def options(self):
        options = {"input": self.input, "value": self.value.rg(), "target": self.target.rg()}
        if self.better:
            options["better"] = self.better
        return options

    def expressions(self):
        return [self.value, self.target]

    def schema(self, schemas):
        types = {c: t for c, t in schemas[self.input].items() if c not in COMPARE_COLUMNS}
        number = "int" if self.value.type == "int" and self.target.type == "int" else "dec"
        types.update(target=self.target.type, gap=number, ratio="dec", status="str")
        return types

    def ctes(self, schemas, ctx):
        exceeded, met, missed, _ = WORDS[ctx.locale]
        v, t = self.value.sql(), self.target.sql()
        if self.better == "lower":  # a ceiling: at or under it is met, over it missed
            status = f"CASE WHEN {v} <= {t} THEN '{met}' WHEN {v} > {t} THEN '{missed}' END"
        else:
            status = f"CASE WHEN {v} > {t} THEN '{exceeded}' WHEN {v} = {t} THEN '{met}' WHEN {v} < {t} THEN '{missed}' END"
        kept = [c for c in schemas[self.input] if c not in COMPARE_COLUMNS]
        columns = ", ".join(sql_name(c) for c in kept)
        return [(f"s_{self.id}", f"SELECT {columns}{', ' if kept else ''}{t} AS target, ({v} - {t}) AS gap, "
                                 f"(xdiv({v}, {t}) * 100) AS ratio, {status} AS status, _o FROM {self.src}")]


class Trend(Step):
    kind = "trend"

    def __init__(self, id, input, value, by):
        super().__init__(id, input)
        self.value, self.by = value, by

    def options(self):
        return {"input": self.input, "value": self.value, "by": self.by}

    def schema(self, schemas):
        types = dict(schemas[self.input])
        kind = types[self.value]
        types.update(change=kind, change_pct="dec", cumulative=kind)
        return types

    def ctes(self, schemas, ctx):
        v = sql_name(self.value)
        window = f"ORDER BY {order_by([self.by])}, _o"
        previous = f"lag({v}) OVER ({window})"
        return [(f"s_{self.id}", f"SELECT * EXCLUDE (_o), ({v} - {previous}) AS change, "
                                 f"(xdiv({v} - {previous}, {previous}) * 100) AS change_pct, "
                                 f"CASE WHEN {v} IS NOT NULL THEN sum({v}) OVER ({window} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) END"
                                 f" AS cumulative, "
                                 f"row_number() OVER ({window}) AS _o FROM {self.src}")]

