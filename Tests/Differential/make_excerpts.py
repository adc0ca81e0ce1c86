#!/usr/bin/env python3
"""Writes the small excerpts in data/ from the pip-installed public data sets.

Run once by hand (python3 make_excerpts.py); the excerpts are committed, so the differential
test needs none of these packages. data/SOURCES.md says where each comes from and under which
licence. Every excerpt is a plain CSV: ISO dates, '.' decimals, an empty cell for a missing value.
"""
import csv
import json
import os
import sys

import palmerpenguins
import vega_datasets

HERE = os.path.dirname(os.path.abspath(__file__))
VEGA = os.path.join(os.path.dirname(vega_datasets.__file__), "_data")
MONTHS = {m: i + 1 for i, m in enumerate("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split())}


def write(name, header, rows):
    with open(os.path.join(HERE, "data", name), "w", newline="") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    print(f"data/{name}: {len(rows)} rows")


def read_csv(path):
    with open(path, newline="") as file:
        return list(csv.DictReader(file))


def number(text):
    """A number as the data set writes it, without a float round trip."""
    return "" if text in ("", "NA", None) else text


def main():
    # Seattle weather, daily 2012-2015: the 1st, 8th, 15th and 22nd of each month.
    rows = [r for r in read_csv(os.path.join(VEGA, "seattle-weather.csv")) if int(r["date"][8:10]) in (1, 8, 15, 22)]
    write("weather.csv", ["date", "precipitation", "temp_max", "temp_min", "wind", "weather"],
          [[r["date"].replace("/", "-"), r["precipitation"], r["temp_max"], r["temp_min"], r["wind"], r["weather"]] for r in rows])

    # Monthly stock prices 2000-2010: every other month.
    rows = []
    for r in read_csv(os.path.join(VEGA, "stocks.csv")):
        month, day, year = r["date"].split()
        if MONTHS[month] % 2 == 1:
            rows.append([r["symbol"], f"{year}-{MONTHS[month]:02d}-{int(day):02d}", r["price"]])
    write("stocks.csv", ["symbol", "date", "price"], rows)

    # Iowa's net generation by source, yearly 2001-2017: whole.
    rows = read_csv(os.path.join(VEGA, "iowa-electricity.csv"))
    write("iowa-electricity.csv", ["year", "source", "net_generation"], [[r["year"], r["source"], r["net_generation"]] for r in rows])

    # US employment, monthly 2006-2015: six of the columns.
    columns = ["month", "nonfarm", "construction", "wholesale_trade", "utilities", "nonfarm_change"]
    rows = read_csv(os.path.join(VEGA, "us-employment.csv"))
    write("us-employment.csv", columns, [[r[c] for c in columns] for r in rows])

    # Palmer penguins: every other row (NA becomes an empty cell).
    columns = ["species", "island", "bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "sex", "year"]
    path = os.path.join(os.path.dirname(palmerpenguins.__file__), "data", "penguins.csv")
    rows = read_csv(path)[::2]
    write("penguins.csv", columns, [[number(r[c]) for c in columns] for r in rows])

    # Cars: every third record, without Displacement (null values stay empty).
    columns = ["Name", "Miles_per_Gallon", "Cylinders", "Horsepower", "Weight_in_lbs", "Acceleration", "Year", "Origin"]
    with open(os.path.join(VEGA, "cars.json")) as file:
        records = json.load(file, parse_float=str, parse_int=str)[::3]
    write("cars.csv", columns, [["" if r[c] is None else r[c] for c in columns] for r in records])

    # US macro data, quarterly 1959 Q1-2009 Q3; date is the quarter's first day (added).
    import statsmodels.datasets.macrodata as macrodata
    rows = []
    for r in read_csv(os.path.join(os.path.dirname(macrodata.__file__), "macrodata.csv")):
        year, quarter = int(float(r["year"])), int(float(r["quarter"]))
        rows.append([f"{year}-{(quarter - 1) * 3 + 1:02d}-01", year, quarter] + [r[c] for c in ("realgdp", "unemp", "infl", "realint")])
    write("macrodata.csv", ["date", "year", "quarter", "realgdp", "unemp", "infl", "realint"], rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
