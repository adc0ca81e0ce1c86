"""Writes data/tickets.csv: an invented help-desk export shaped like Zendesk's or Freshdesk's CSV
export from an office in Hanoi (UTC+07:00): ISO 8601 date-times with their offset, "NA" where a
ticket is not solved or not rated. Deterministic: rerunning it writes the same file.

    python3 recipes/help-desk-2025/data/generate.py
"""
import csv, datetime as dt, os, random

random.seed(20251231)
zone = dt.timezone(dt.timedelta(hours=7))
channels = [("email", 0.35), ("phone", 0.25), ("chat", 0.30), ("web", 0.10)]
priorities = [("low", 0.2), ("normal", 0.55), ("high", 0.2), ("urgent", 0.05)]

def pick(choices):
    r, total = random.random(), 0.0
    for value, weight in choices:
        total += weight
        if r < total:
            return value
    return choices[-1][0]

rows, number = [], 0
day = dt.date(2024, 1, 1)
while day <= dt.date(2025, 12, 31):
    weekday = day.weekday() < 5
    growth = 1.0 + 0.25 * (day.year - 2024) + 0.01 * day.month
    for _ in range(random.randint(3, 7) if weekday else random.randint(0, 2)):
        number += 1
        hour = min(22, max(7, int(random.gauss(11 if random.random() < 0.6 else 15, 2.2))))
        created = dt.datetime(day.year, day.month, day.day, hour, random.randint(0, 59), random.randint(0, 59), tzinfo=zone)
        if random.random() > growth * 0.9:  # fewer tickets than capacity allows some days
            continue
        channel, priority = pick(channels), pick(priorities)
        hours = random.expovariate(1 / {"urgent": 3, "high": 10, "normal": 26, "low": 60}[priority])
        solved = created + dt.timedelta(hours=hours) if random.random() < 0.93 else None
        rating = random.choice(["good", "good", "good", "bad"]) if solved and random.random() < 0.45 else "NA"
        rows.append([f"T{number:05d}", created.isoformat(), solved.isoformat(timespec="seconds") if solved else "NA",
                     channel, priority, rating])
    day += dt.timedelta(days=1)

with open(os.path.join(os.path.dirname(__file__), "tickets.csv"), "w", newline="") as out:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["ticket_id", "created_at", "solved_at", "channel", "priority", "satisfaction"])
    writer.writerows(rows)
print(len(rows), "tickets")
