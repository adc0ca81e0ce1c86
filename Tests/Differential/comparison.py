"""Compares reportgen's result table with the reference's, exactly, after writing both the same
way: numbers as their exact value rounded once to the csv output's 10 fraction digits, half
away from zero (1.50 = 1.5, 2 = 2.0), dates ISO, booleans true/false, null as an empty cell.

The csv file is read back as a reader would (Python's csv module: a blank line is no row at
all); the json output is compared too, where null and an empty text differ.
"""
import csv
import datetime
import json
import re
from decimal import ROUND_HALF_UP, Decimal

NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
PLACES = Decimal(1).scaleb(-10)
NULL = object()


def number(value):
    exact = Decimal(value).quantize(PLACES, rounding=ROUND_HALF_UP).normalize()
    text = format(exact, "f")
    return "0" if text in ("-0", "0E-10") else text


def text_of(value, for_csv):
    """A reference value as the csv output writes it (null: empty) or the json output (null: NULL)."""
    if value is None:
        return "" if for_csv else NULL
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, Decimal)):
        return number(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value)
    if for_csv:
        text = neutralised(text)
    return number(text) if NUMBER.match(text) else text


def neutralised(text):
    """The csv output's rule: text that starts like a formula gets a leading quote."""
    if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not NUMBER.match(text):
        return "'" + text
    return text


def got_text(text):
    return number(text) if NUMBER.match(text) else text


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as file:
        records = [record for record in csv.reader(file) if record]
    return (records[0] if records else []), records[1:]


def read_json(path, table):
    with open(path, encoding="utf-8") as file:
        report = json.load(file, parse_float=Decimal)
    for candidate in report.get("tables", []):
        if candidate.get("id") == table:
            header = [c["name"] for c in candidate["columns"]]
            rows = [[NULL if v is None else text_of(v, for_csv=False) if not isinstance(v, str) else got_text(v)
                     for v in row] for row in candidate["rows"]]
            return header, rows
    return None, None


class Mismatch:
    """How two tables differ: a readable account, and what differs (column names, or
    '<columns>' / '<rows>' when the header or the number of rows does)."""

    def __init__(self, text, parts, patterns=frozenset()):
        self.text, self.parts, self.patterns = text, parts, frozenset(patterns)

    def __str__(self):
        return self.text


def difference(header, rows, got_header, got_rows, label, raw_rows=None):
    """A Mismatch, or None when the tables are the same. `raw_rows` are the got rows as
    written (before numbers are normalised), for showing."""
    if header == got_header and rows == got_rows:
        return None
    raw_rows = raw_rows or got_rows
    parts, patterns = set(), set()
    lines = [f"{label}: the result differs"]
    if header != got_header:
        parts.add("<columns>")
        lines += [f"  columns expected {header}", f"  columns got      {got_header}"]
    if len(rows) != len(got_rows):
        parts.add("<rows>")
        lines.append(f"  expected {len(rows)} rows, got {len(got_rows)}")
    shown = 0
    for i in range(max(len(rows), len(got_rows))):
        want = rows[i] if i < len(rows) else None
        have = got_rows[i] if i < len(got_rows) else None
        if want == have:
            continue
        marks = ""
        if want is not None and have is not None and len(want) == len(have):
            columns = [str(h) for h, a, b in zip(header, want, have) if a != b]
            parts.update(columns)
            patterns.update(pattern(a, b) for a, b in zip(want, have) if a != b)
            marks = "  differs in " + ", ".join(columns)
        shown += 1
        if shown <= 8:
            written = raw_rows[i] if i < len(raw_rows) else None
            lines += [f"  row {i + 1}: expected {show(want)}", f"  {' ' * len(str(i + 1))}      got      {show(written)}{marks}"]
    if shown > 8:
        lines.append(f"  ... and {shown - 8} more rows that differ")
    return Mismatch("\n".join(lines), parts, patterns | (parts & {"<rows>", "<columns>"}))


def pattern(want, have):
    """What kind of difference one cell shows, to tell failures apart in the summary."""
    if want in ("", NULL):
        return "0 for null" if have == "0" else "a value for null"
    if have in ("", NULL):
        return "null for a value"
    return "another value"


def show(row):
    if row is None:
        return "(no row)"
    return "[" + ", ".join("null" if v is NULL else repr(v) for v in row) + "]"


def compare(header, rows, csv_path, json_path, table):
    """None when reportgen's csv and json outputs both hold the reference's table."""
    expected_header = [text_of(h, for_csv=True) for h in header]
    expected = [[text_of(v, for_csv=True) for v in row] for row in rows]
    raw_header, raw = read_csv(csv_path)
    got_header = [got_text(h) for h in raw_header]
    got = [[got_text(v) for v in row] for row in raw]
    problem = difference(expected_header, expected, got_header, got, "csv output", raw)
    if problem:
        return problem
    expected_header = [text_of(h, for_csv=False) for h in header]
    expected = [[text_of(v, for_csv=False) for v in row] for row in rows]
    got_header, got = read_json(json_path, table)
    if got_header is None:
        return Mismatch(f"json output: no table '{table}'", {"<table>"})
    return difference(expected_header, expected, [got_text(h) for h in got_header], got, "json output")
