"""Random, well-typed expressions over a table's columns: predicates for `where`, row values for
`compute`, aggregate measures. Literals are drawn from the column's own values (so that a
comparison keeps some rows), now and then one that does not occur, and null.
"""
import datetime
from decimal import Decimal

from expressions import Bin, Col, Func, In, IsNull, Lit, Neg, Not, Param, PeriodBound, agg, numeric_result

COMPARISONS = ["=", "!=", "<", "<=", ">", ">="]


class ExpressionGenerator:
    def __init__(self, rng, types, values=None, params=None, period=None):
        """`types`: column -> type; `values`: column -> the non-null values it holds (may be
        empty for a computed table); `params`: name -> (value, type); `period`: (start, end)."""
        self.rng, self.types = rng, dict(types)
        self.values = {c: v for c, v in (values or {}).items() if v}
        self.params, self.period = params or {}, period

    def of(self, *kinds):
        return [c for c, t in self.types.items() if t in kinds]

    def pick(self, *kinds):
        names = self.of(*kinds)
        if not names:
            return None
        name = self.rng.choice(names)
        return Col(name, self.types[name])

    # Literals ------------------------------------------------------------------------------

    def literal_like(self, column):
        """A value of `column`'s type: one it holds (mostly) or one it does not."""
        r, kind = self.rng, column.type
        seen = self.values.get(column.name, [])
        if seen and r.random() < 0.8:
            value = r.choice(seen)
            return Lit(value, kind, as_text=kind == "date" and r.random() < 0.7)
        if kind == "int":
            return Lit(r.choice([0, 1, 2, 5, 10, 100, 2010, -3]), "int")
        if kind == "dec":
            return Lit(r.choice([Decimal("0"), Decimal("0.5"), Decimal("2.5"), Decimal("12.75"), Decimal("-1.5"), Decimal("100.0")]), "dec")
        if kind == "str":
            return Lit(r.choice(["sunny", "none", "A", "zzz", "Adelie ", "USA"]), "str")
        if kind == "date":
            return Lit(datetime.date(r.choice([1970, 2001, 2007, 2010, 2013, 2014]), r.randint(1, 12), r.randint(1, 28)), "date",
                       as_text=r.random() < 0.7)
        return Lit(r.random() < 0.5, "bool")

    def number_literal(self):
        r = self.rng
        if r.random() < 0.6:
            return Lit(r.choice([1, 2, 3, 4, 7, 10, 12, 100]), "int")
        return Lit(r.choice([Decimal("0.5"), Decimal("1.5"), Decimal("2.25"), Decimal("0.1"), Decimal("10.0")]), "dec")

    # Values --------------------------------------------------------------------------------

    def number(self, depth=2, divide=False):
        """An int or dec expression; `divide` allows one `/` at the top."""
        r = self.rng
        numbers, dates = self.of("int", "dec"), self.of("date")
        if divide and r.random() < 0.3:
            a, b = self.number(depth - 1), self.number(depth - 1) if r.random() < 0.6 else self.number_literal()
            return Bin("/", a, b, "dec")
        if depth <= 0 or r.random() < 0.35:
            if numbers and r.random() < 0.85:
                return self.pick("int", "dec")
            if dates and r.random() < 0.5:
                return Func(r.choice(["year", "month", "quarter", "day"]), [self.pick("date")], "int")
            return self.number_literal()
        choice = r.random()
        if choice < 0.3:
            op = r.choice(["+", "-", "*"])
            a = self.number(depth - 1)
            b = self.number_literal() if op == "*" or r.random() < 0.4 else self.number(depth - 1)
            return Bin(op, a, b, numeric_result(a.type, b.type))
        if choice < 0.38 and self.of("int"):
            a = self.pick("int")
            return Bin("%", a, Lit(r.choice([2, 3, 4, 7]), "int"), "int")
        if choice < 0.5:
            a = self.number(depth - 1)
            digits = [Lit(r.choice([0, 1, 2, -1]), "int")] if r.random() < 0.7 else []
            name = r.choice(["round", "round", "floor", "ceil"])
            if name == "round" and digits and digits[0].value < 0:
                digits = []
            return Func(name, [a] + digits, a.type)
        if choice < 0.56:
            a = self.number(depth - 1)
            return Func("abs", [a], a.type)
        if choice < 0.64 and numbers:
            a = self.pick("int", "dec")
            b = self.number_literal()
            return Func("coalesce", [a, b], numeric_result(a.type, b.type))
        if choice < 0.74:
            a, b = self.number(depth - 1), self.number(depth - 1) if r.random() < 0.7 else Lit(None, "null")
            return Func("if", [self.predicate(depth - 1), a, b], numeric_result(a.type, b.type))
        if choice < 0.82 and dates:
            return Func(r.choice(["year", "month", "quarter", "day"]), [self.pick("date")], "int")
        if choice < 0.88 and dates:
            a = self.pick("date")
            b = self.pick("date") if r.random() < 0.5 else Lit(self.literal_like(a).value, "date") if self.values.get(a.name) \
                else Lit(datetime.date(2010, 1, 1), "date")
            return Bin("-", a, b, "int")
        if choice < 0.92:
            a = self.number(depth - 1)
            return Neg(a)
        if choice < 0.96 and self.params:
            name = r.choice(sorted(self.params))
            value, kind = self.params[name]
            return Bin(r.choice(["+", "-"]), self.number(depth - 1), Param(name, value, kind), "dec")
        return self.pick("int", "dec") or self.number_literal()

    def string(self, depth=1):
        r = self.rng
        column = self.pick("str")
        if column is None:
            return Func("if", [self.predicate(1), Lit("yes", "str"), Lit("no", "str")], "str")
        choice = r.random()
        if depth <= 0 or choice < 0.45:
            return column
        if choice < 0.65:
            return Func(r.choice(["lower", "upper"]), [column], "str")
        if choice < 0.8:
            return Func("coalesce", [column, Lit("none", "str")], "str")
        return Func("if", [self.predicate(depth - 1), self.literal_like(column), column], "str")

    def date(self):
        r = self.rng
        column = self.pick("date")
        if column is None:
            return None
        if r.random() < 0.75:
            return column
        return Bin("+", column, Lit(r.choice([1, 7, 30, -10]), "int"), "date")

    def value(self, depth=2):
        """A value of any type, for computed columns."""
        r = self.rng.random()
        if r < 0.5:
            return self.number(depth, divide=True)
        if r < 0.7 and self.of("str"):
            return self.string(depth)
        if r < 0.8 and self.of("date"):
            return self.date()
        return self.predicate(depth - 1)

    # Predicates ----------------------------------------------------------------------------

    def predicate(self, depth=2):
        r = self.rng
        choice = r.random()
        if depth > 0 and choice < 0.22:
            return Bin(r.choice(["and", "or"]), self.predicate(depth - 1), self.predicate(depth - 1), "bool")
        if depth > 0 and choice < 0.28:
            return Not(self.predicate(depth - 1))
        return self.comparison()

    def comparison(self):
        r = self.rng
        column = self.pick("int", "dec", "str", "date", "bool")
        if column is None:
            return Lit(r.random() < 0.7, "bool")
        kind = column.type
        choice = r.random()
        if kind == "bool" and choice < 0.4:
            return column
        if choice < 0.12:
            return IsNull(column, negated=r.random() < 0.5)
        if choice < 0.32:
            items = [self.literal_like(column) for _ in range(r.randint(1, 3))]
            if r.random() < 0.5:
                items.insert(r.randint(0, len(items)), Lit(None, "null"))
            test = In(column, items)
            return Not(test) if r.random() < 0.45 else test
        if choice < 0.34:
            return Bin(r.choice(["=", "!="]), column, Lit(None, "null"), "bool")
        if kind == "str" and choice < 0.45:
            seen = self.values.get(column.name) or ["a"]
            word = r.choice(seen)
            start = r.randint(0, max(0, len(word) - 2))
            return Func("contains", [column, Lit(word[start:start + r.randint(1, 3)], "str")], "bool")
        if kind == "date" and self.period and choice < 0.5:
            which = r.choice(["start", "end"])
            bound = PeriodBound(which, self.period[0] if which == "start" else self.period[1])
            return Bin(">=" if which == "start" else "<=", column, bound, "bool")
        if kind in ("int", "dec") and choice < 0.5:
            other = self.number(1)
            return Bin(r.choice(COMPARISONS), other, self.literal_like(column) if r.random() < 0.6 else self.number(1), "bool")
        if kind in ("int", "dec") and choice < 0.6 and len(self.of("int", "dec")) > 1:
            return Bin(r.choice(COMPARISONS), column, self.pick("int", "dec"), "bool")
        if kind == "bool":
            return Bin(r.choice(["=", "!="]), column, Lit(r.random() < 0.5, "bool"), "bool")
        ops = ["=", "!="] if kind == "str" and r.random() < 0.7 else COMPARISONS
        return Bin(r.choice(ops), column, self.literal_like(column), "bool")

    # Measures ------------------------------------------------------------------------------

    def measure(self):
        """An aggregate expression and a name for it."""
        r = self.rng
        numbers = self.of("int", "dec")
        anything = list(self.types)
        choice = r.random()
        if choice < 0.08 or not anything:
            return "n", agg("count")
        if choice < 0.62 or not numbers:
            fn = r.choice(["count", "count_distinct", "min", "max", "first", "last"] +
                          (["sum", "sum", "avg", "avg", "median"] if numbers else []))
            if fn in ("sum", "avg", "median"):
                argument = self.pick("int", "dec") if r.random() < 0.8 else self.number(1)
            elif fn in ("min", "max") and r.random() < 0.8:
                argument = self.pick("int", "dec", "date", "str")
            else:
                argument = self.pick("int", "dec", "date", "str", "bool")
            name = argument.name if isinstance(argument, Col) else "x"
            return f"{fn}_{name}", agg(fn, argument)
        a, b = self.pick("int", "dec"), self.pick("int", "dec")
        kind = r.randrange(9)
        if kind == 0:
            return "pct", Bin("/", Bin("*", Lit(Decimal("100.0"), "dec"), agg("sum", a), "dec"), agg("sum", b), "dec")
        if kind == 1:
            return "diff", Bin("-", agg("sum", a), agg("sum", b), numeric_result(a.type, b.type))
        if kind == 2:
            return "avg_r", Func("round", [agg("avg", a), Lit(r.choice([0, 1, 2]), "int")], "dec")
        if kind == 3:
            column = self.pick("int", "dec", "date")
            return "spread", Bin("-", agg("max", column), agg("min", column), "int" if column.type == "date" else column.type)
        if kind == 4:
            return "sum0", Func("coalesce", [agg("sum", a), Lit(0, "int")], a.type)
        if kind == 5:
            return "share", Bin("/", Bin("*", agg("count", a), Lit(Decimal("100.0"), "dec"), "dec"), agg("count"), "dec")
        if kind == 6:
            return "hits", agg("sum", Func("if", [self.predicate(1), Lit(1, "int"), Lit(0, "int")], "int"))
        if kind == 7:
            return "hits_n", agg("count", Func("if", [self.predicate(1), Lit(1, "int"), Lit(None, "null")], "int"))
        return "per_row", Bin("/", agg("sum", a), agg("count"), "dec")
