"""Typed expression trees, written both as reportgen expressions and as DuckDB SQL.

Each node knows its type (int, dec, str, date, bool, null) and renders itself twice: `rg()` in
the recipe's expression language, `sql()` in DuckDB's dialect. The SQL side keeps numbers exact:
division is `xdiv` (reference.py), never DuckDB's `/`, which gives a double for decimals.
"""
import datetime
import re
from decimal import Decimal

IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
KEYWORDS = {"and", "or", "not", "in", "is", "null", "true", "false"}


def number_text(value):
    text = format(value, "f") if isinstance(value, Decimal) else str(value)
    return f"({text})" if text.startswith("-") else text


def sql_string(text):
    return "'" + text.replace("'", "''") + "'"


def sql_literal(value):
    """A Python value as a DuckDB literal of its type."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, Decimal)):
        return number_text(value)
    if isinstance(value, datetime.date):
        return f"DATE '{value.isoformat()}'"
    return sql_string(str(value))


def sql_name(name):
    return '"' + name.replace('"', '""') + '"'


def numeric_result(*types):
    return "int" if all(t in ("int", "null") for t in types) else "dec"


class Expr:
    type = "null"

    def children(self):
        return []

    def walk(self):
        yield self
        for child in self.children():
            yield from child.walk()

    def aggregates(self):
        return [node for node in self.walk() if isinstance(node, Agg)]

    def columns(self):
        return {node.name for node in self.walk() if isinstance(node, Col)}


class Col(Expr):
    def __init__(self, name, type):
        self.name, self.type = name, type

    def rg(self):
        return self.name if IDENTIFIER.match(self.name) and self.name.lower() not in KEYWORDS else f'"{self.name}"'

    def sql(self, agg=None):
        return sql_name(self.name)


class Lit(Expr):
    """A literal; a date is written `'2013-04-01'` (text compared as a date) or `date('...')`."""

    def __init__(self, value, type, as_text=False):
        self.value, self.type, self.as_text = value, type, as_text

    def rg(self):
        v = self.value
        if v is None:
            return "null"
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, (int, Decimal)):
            return number_text(v)
        if isinstance(v, datetime.date):
            return f"'{v.isoformat()}'" if self.as_text else f"date('{v.isoformat()}')"
        return "'" + v.replace("'", "''") + "'"

    def sql(self, agg=None):
        return sql_literal(self.value)


class Param(Expr):
    """`params.name`: the SQL side is the value itself."""

    def __init__(self, name, value, type):
        self.name, self.value, self.type = name, value, type

    def rg(self):
        return f"params.{self.name}"

    def sql(self, agg=None):
        return sql_literal(self.value)


class PeriodBound(Expr):
    """`period.start` or `period.end` of the run's period (after `--period`)."""
    type = "date"

    def __init__(self, which, value):
        self.which, self.value = which, value

    def rg(self):
        return f"period.{self.which}"

    def sql(self, agg=None):
        return sql_literal(self.value)


class Bin(Expr):
    SQL = {"and": "AND", "or": "OR", "!=": "<>"}

    def __init__(self, op, a, b, type):
        self.op, self.a, self.b, self.type = op, a, b, type

    def children(self):
        return [self.a, self.b]

    def rg(self):
        return f"({self.a.rg()} {self.op} {self.b.rg()})"

    def sql(self, agg=None):
        if self.op == "/":
            return f"xdiv({self.a.sql(agg)}, {self.b.sql(agg)})"
        return f"({self.a.sql(agg)} {self.SQL.get(self.op, self.op)} {self.b.sql(agg)})"


class Not(Expr):
    type = "bool"

    def __init__(self, a):
        self.a = a

    def children(self):
        return [self.a]

    def rg(self):
        return f"(not {self.a.rg()})"

    def sql(self, agg=None):
        return f"(NOT {self.a.sql(agg)})"


class Neg(Expr):
    def __init__(self, a):
        self.a, self.type = a, a.type

    def children(self):
        return [self.a]

    def rg(self):
        return f"(-{self.a.rg()})"

    def sql(self, agg=None):
        return f"(-{self.a.sql(agg)})"


class In(Expr):
    type = "bool"

    def __init__(self, x, items):
        self.x, self.items = x, items

    def children(self):
        return [self.x] + self.items

    def rg(self):
        return f"({self.x.rg()} in ({', '.join(i.rg() for i in self.items)}))"

    def sql(self, agg=None):
        return f"({self.x.sql(agg)} IN ({', '.join(i.sql(agg) for i in self.items)}))"


class IsNull(Expr):
    type = "bool"

    def __init__(self, x, negated):
        self.x, self.negated = x, negated

    def children(self):
        return [self.x]

    def rg(self):
        return f"({self.x.rg()} is {'not ' if self.negated else ''}null)"

    def sql(self, agg=None):
        return f"({self.x.sql(agg)} IS {'NOT ' if self.negated else ''}NULL)"


class Func(Expr):
    """year month quarter day round floor ceil abs coalesce lower upper contains if."""

    def __init__(self, name, args, type):
        self.name, self.args, self.type = name, args, type

    def children(self):
        return self.args

    def rg(self):
        return f"{self.name}({', '.join(a.rg() for a in self.args)})"

    def sql(self, agg=None):
        args = [a.sql(agg) for a in self.args]
        if self.name in ("floor", "ceil"):
            return self.toward(args)
        if self.name == "if":
            return f"(CASE WHEN {args[0]} THEN {args[1]} ELSE {args[2]} END)"
        return f"{self.name}({', '.join(args)})"


    def toward(self, args):
        """floor(x, n) and ceil(x, n) to n fraction digits (tens, hundreds for a negative n),
        exactly: DuckDB's floor and ceil take no digits, and give a double for an integer."""
        x, digits = args[0], self.args[1].value if len(self.args) > 1 else 0
        if self.args[0].type == "int" and digits >= 0:
            return x
        if digits == 0:
            return f"{self.name}({x})"
        scale = 10 ** abs(digits)
        if digits > 0:
            return f"xdiv({self.name}({x} * {scale}), {scale})"
        return f"({self.name}(xdiv({x}, {scale})) * {scale})"


class Agg(Expr):
    """An aggregate call; `arg` is None for count(). `sql` needs the aggregate's column name in
    the grouped query (`agg`), since measures are computed from their aggregates' results."""

    def __init__(self, fn, arg, type):
        self.fn, self.arg, self.type = fn, arg, type

    def children(self):
        return [self.arg] if self.arg else []

    def rg(self):
        return f"{self.fn}({self.arg.rg() if self.arg else ''})"

    def sql(self, agg=None):
        return agg(self)

    def grouped_sql(self):
        """The aggregate over a group's rows, each row ordered by `_o` (for first and last)."""
        if self.arg is None:
            return "count(*)"
        x = self.arg.sql()
        return {
            "count": f"count({x})",
            "count_distinct": f"count(DISTINCT {x})",
            "sum": f"sum({x})",
            "avg": f"xdiv(sum({x}), count({x}))",
            "min": f"min({x})",
            "max": f"max({x})",
            "median": f"xmedian(list_sort(list({x}) FILTER (WHERE {x} IS NOT NULL)))",
            "first": f"first({x} ORDER BY _o) FILTER (WHERE {x} IS NOT NULL)",
            "last": f"last({x} ORDER BY _o) FILTER (WHERE {x} IS NOT NULL)",
        }[self.fn]

    @property
    def zero_when_empty(self):
        """Counts and sums of a period bucket without rows inside the data's span are 0."""
        return self.fn in ("count", "count_distinct", "sum")


AGGREGATE_TYPES = {"count": "int", "count_distinct": "int", "avg": "dec", "median": "dec"}


def agg(fn, arg=None):
    kind = AGGREGATE_TYPES.get(fn) or (arg.type if arg else "int")
    return Agg(fn, arg, kind)
