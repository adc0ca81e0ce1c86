"""A generated case: its data tables, its extractors, the run's settings; and how it is written
to a folder (recipe.yaml and data files) for reportgen.
"""
import csv
import datetime
import json
import os
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from periods import command_line_period, recipe_period

DECLARED = {"int": "int", "dec": "decimal", "str": "string", "date": "date", "bool": "bool"}
PLAIN = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
RESULT = "result"


@dataclass
class Table:
    """A source: typed columns and rows, written as csv, json or inline. `styles` keeps, per
    cell, how a decimal is written ('2.5' or '2.50'), so that shrinking keeps the text."""
    id: str
    types: dict
    rows: list
    format: str = "csv"
    dataset: str = ""
    decimal_style: dict = field(default_factory=dict)  # (row index, column) -> extra zeros
    dated_by: str = None           # the column that places rows in time (a date, or years as int)
    undeclared: frozenset = frozenset()  # columns whose type reportgen infers
    locale: str = None             # the csv source's `locale`: numbers written 1.382,5
    repeat: int = 1                # the file holds the rows this many times, the k-th time moved by k

    def moved(self, value, k):
        """A value the k-th time round: dates k days later, numbers k (integers) or k/100 more."""
        if k == 0 or value is None or isinstance(value, (str, bool)):
            return value
        if isinstance(value, datetime.date):
            return value + datetime.timedelta(days=k)
        if isinstance(value, int):
            return value + k
        return value + Decimal(k) / 100

    def file_rows(self):
        """(row index in `rows`, values) of every row the file holds, in order."""
        for k in range(self.repeat):
            for r, row in enumerate(self.rows):
                yield r, [self.moved(v, k) for v in row]

    def cell_text(self, r, column, value):
        if value is None:
            return ""
        if isinstance(value, Decimal):
            text = format(value, "f")
            zeros = self.decimal_style.get((r, column), 0)
            if zeros:
                text += ("" if "." in text else ".") + "0" * zeros
            return self.localised(text)
        if isinstance(value, int) and not isinstance(value, bool):
            return self.localised(str(value))
        if isinstance(value, datetime.date):
            return value.isoformat()
        if isinstance(value, bool):
            return "true" if value else "false"
        return str(value)


    def localised(self, text):
        """A number as the source's locale writes it: `1.382,5` (de-DE, vi-VN), grouped when long."""
        if not self.locale:
            return text
        sign, text = ("-", text[1:]) if text.startswith("-") else ("", text)
        whole, _, fraction = text.partition(".")
        groups = []
        while len(whole) > 3 and len(whole) + 3 * len(groups) > 4:  # 10.000, but 2007 as it is
            whole, groups = whole[:-3], [whole[-3:]] + groups
        return sign + ".".join([whole] + groups) + ("," + fraction if fraction else "")


@dataclass
class Case:
    index: int
    kind: str
    tables: list                   # [Table]
    steps: list                    # extractors in order; the last is named "result"
    locale: str = "en-US"
    period: tuple = None           # (from text, to text, every) as the recipe writes it
    cli_period: str = None         # --period
    params: dict = field(default_factory=dict)  # name -> (value, type)
    as_of: datetime.date = None    # --as-of, for a relative --period (last-quarter)

    @property
    def effective_period(self):
        if self.period is None:
            return None
        if self.cli_period:
            return command_line_period(self.cli_period, self.period[2], self.as_of)
        return recipe_period(*self.period)

    def copy(self, **changes):
        return replace(self, **changes)


# YAML ----------------------------------------------------------------------------------------

def scalar(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, Decimal)):
        return format(value, "f") if isinstance(value, Decimal) else str(value)
    text = str(value)
    if PLAIN.match(text) and text.lower() not in ("true", "false", "null", "yes", "no", "on", "off", "y", "n"):
        return text
    return json.dumps(text, ensure_ascii=False)


def yaml_lines(value, indent=0):
    pad = " " * indent
    lines = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, (dict, list)) and item:
                lines.append(f"{pad}{scalar(key)}:")
                lines += yaml_lines(item, indent + 2)
            else:
                lines.append(f"{pad}{scalar(key)}: {flow(item)}")
    else:
        for item in value:
            if isinstance(item, dict) and item:
                inner = yaml_lines(item, indent + 2)
                lines.append(f"{pad}- {inner[0].strip()}")
                lines += inner[1:]
            else:
                lines.append(f"{pad}- {flow(item)}")
    return lines


def flow(value):
    if isinstance(value, dict):
        return "{" + ", ".join(f"{scalar(k)}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    return scalar(value)


def recipe(case):
    sources = {}
    for table in case.tables:
        columns = {c: DECLARED[t] for c, t in table.types.items() if c not in table.undeclared}
        if table.format == "inline":
            rows = [{c: v for c, v in zip(table.types, row)} for row in table.rows]
            sources[table.id] = {"type": "inline", "columns": columns, "rows": [flow_row(r) for r in rows]}
        else:
            sources[table.id] = {"type": table.format, "path": f"{table.id}.{table.format}"}
            if columns:
                sources[table.id]["columns"] = columns
            if table.locale:
                sources[table.id]["locale"] = table.locale
        if table.dated_by:
            sources[table.id]["dated_by"] = table.dated_by
    document = {"reportgen": 1, "title": f"Differential case {case.index} ({case.kind})", "locale": case.locale}
    if case.period:
        start, end, every = case.period
        document["period"] = {"from": start, "to": end, "every": every}
    if case.params:
        document["params"] = {name: value for name, (value, _) in case.params.items()}
    document["sources"] = sources
    document["extractors"] = {step.id: {"type": step.kind, **step.options(), **({"span": step.span} if step.span else {})}
                              for step in case.steps}
    document["outputs"] = [{"type": "csv", "table": RESULT, "path": "result.csv"}, {"type": "json", "path": "report.json"}]
    lines = []
    for key, value in document.items():
        if isinstance(value, (dict, list)) and key not in ("period", "params"):
            lines.append(f"{key}:")
            lines += yaml_lines(value, 2)
        else:
            lines.append(f"{key}: {flow(value)}")
    return "\n".join(lines) + "\n"


def flow_row(row):
    """An inline row, with dates as text (the declared column type reads them)."""
    return {c: v.isoformat() if isinstance(v, datetime.date) else v for c, v in row.items() if v is not None}


# Data files ----------------------------------------------------------------------------------

def write(case, folder):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "recipe.yaml"), "w") as file:
        file.write(recipe(case))
    for table in case.tables:
        path = os.path.join(folder, f"{table.id}.{table.format}")
        if table.format == "csv":
            with open(path, "w", newline="") as file:
                writer = csv.writer(file, lineterminator="\n")
                writer.writerow(list(table.types))
                for r, row in table.file_rows():
                    writer.writerow([table.cell_text(r, c, v) for c, v in zip(table.types, row)])
        elif table.format == "json":
            records = []
            for r, row in table.file_rows():
                fields = []
                for c, v in zip(table.types, row):
                    text = "null" if v is None else table.cell_text(r, c, v)
                    if isinstance(v, (str, datetime.date)):
                        text = json.dumps(text, ensure_ascii=False)
                    fields.append(f"{json.dumps(c)}: {text}")
                records.append("  {" + ", ".join(fields) + "}")
            with open(path, "w") as file:
                file.write("[\n" + ",\n".join(records) + "\n]\n")


def command(case, binary, folder):
    arguments = [binary, "run", os.path.join(folder, "recipe.yaml"), "--out", os.path.join(folder, "out"), "--quiet"]
    if case.cli_period:
        arguments += ["--period", case.cli_period]
    if case.as_of:
        arguments += ["--as-of", case.as_of.isoformat()]
    return arguments
