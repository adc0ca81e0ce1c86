"""The committed excerpts in data/, read into typed rows.

Types are the test's own names: int, dec (exact decimal), str, date, bool. Values are Python
int, decimal.Decimal, str, datetime.date, bool, and None for a missing value.
"""
import csv
import datetime
import os
from dataclasses import dataclass, field
from decimal import Decimal

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


@dataclass
class Dataset:
    name: str
    file: str
    types: dict                      # column -> type, in file order
    keys: list                       # low-cardinality columns worth grouping, pivoting, joining by
    dates: list                      # date columns
    rows: list = field(default_factory=list)

    @property
    def numbers(self):
        return [c for c, t in self.types.items() if t in ("int", "dec")]


DATASETS = [
    Dataset("weather", "weather.csv",
            {"date": "date", "precipitation": "dec", "temp_max": "dec", "temp_min": "dec", "wind": "dec", "weather": "str"},
            keys=["weather"], dates=["date"]),
    Dataset("stocks", "stocks.csv", {"symbol": "str", "date": "date", "price": "dec"}, keys=["symbol"], dates=["date"]),
    Dataset("iowa", "iowa-electricity.csv", {"year": "date", "source": "str", "net_generation": "int"},
            keys=["source"], dates=["year"]),
    Dataset("employment", "us-employment.csv",
            {"month": "date", "nonfarm": "int", "construction": "int", "wholesale_trade": "dec", "utilities": "dec",
             "nonfarm_change": "int"}, keys=[], dates=["month"]),
    Dataset("penguins", "penguins.csv",
            {"species": "str", "island": "str", "bill_length_mm": "dec", "bill_depth_mm": "dec", "flipper_length_mm": "int",
             "body_mass_g": "int", "sex": "str", "year": "int"}, keys=["species", "island", "sex", "year"], dates=[]),
    Dataset("cars", "cars.csv",
            {"Name": "str", "Miles_per_Gallon": "dec", "Cylinders": "int", "Horsepower": "int", "Weight_in_lbs": "int",
             "Acceleration": "dec", "Year": "date", "Origin": "str"}, keys=["Origin", "Cylinders"], dates=["Year"]),
    Dataset("macro", "macrodata.csv",
            {"date": "date", "year": "int", "quarter": "int", "realgdp": "dec", "unemp": "dec", "infl": "dec", "realint": "dec"},
            keys=["quarter"], dates=["date"]),
]


def parse(text, kind):
    if text == "":
        return None
    if kind == "int":
        return int(text)
    if kind == "dec":
        return Decimal(text)
    if kind == "date":
        return datetime.date.fromisoformat(text)
    return text


def load():
    """Every dataset, with its rows read."""
    for dataset in DATASETS:
        with open(os.path.join(DATA, dataset.file), newline="") as file:
            reader = csv.DictReader(file)
            dataset.rows = [[parse(record[c], t) for c, t in dataset.types.items()] for record in reader]
    return {d.name: d for d in DATASETS}
