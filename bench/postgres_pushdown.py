#!/usr/bin/env python3
"""The postgres source's benchmarks, on a throwaway PostgreSQL server (see pg_cluster.py).

    python3 bench/postgres_pushdown.py [--rows 10000000] [--repeat 3] [--wards 100] [--ward-rows 1000000]

1. Push-down: the reference aggregation of ../shared/bench (bench/events-postgres.yaml) over
   `--rows` events in PostgreSQL, computed in the database (pushed) against every row streamed
   to reportgen and aggregated there (--no-pushdown); the same SQL run by psql alone is the
   peer, and the same recipe over the CSV file is shown for scale. Wall time (median), peak
   memory, and the bytes the server sends (counted by a proxy in a separate run); every
   result must be identical.
2. Burst: `--wards` ward reports (bench/wards-postgres.yaml, `--ward-rows` rows) from one
   `reportgen burst` command, pinned to 1 core (--jobs 1) and to 2 cores (--jobs 2); the
   same over a CSV export of those rows (bench/wards-csv.yaml).
"""
import argparse, os, socket, statistics, subprocess, sys, tempfile, threading, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pg_cluster  # noqa: E402
import run as bench  # noqa: E402


class CountingProxy:
    """Forwards 127.0.0.1:`port` to the server's port, counting the bytes the server sends."""

    def __init__(self, port, target):
        self.port, self.target, self.received = port, target, 0
        self.listener = socket.create_server(("127.0.0.1", port))
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        while True:
            client, _ = self.listener.accept()
            server = socket.create_connection(("127.0.0.1", self.target))
            threading.Thread(target=self.pipe, args=(client, server, False), daemon=True).start()
            threading.Thread(target=self.pipe, args=(server, client, True), daemon=True).start()

    def pipe(self, source, destination, counted):
        try:
            while data := source.recv(1 << 20):
                if counted:
                    self.received += len(data)
                destination.sendall(data)
        except OSError:
            pass
        finally:
            destination.close()


def timed(commands, repeat):
    """Median wall seconds and peak RSS of each command, run alternately."""
    times = {name: [] for name in commands}
    memory = {name: 0.0 for name in commands}
    for _ in range(repeat):
        for name, (command, env) in commands.items():
            wall, rss = bench.run(command, env)
            times[name].append(wall)
            memory[name] = max(memory[name], rss)
    return {name: statistics.median(values) for name, values in times.items()}, memory


def pushdown(server, work, rows, repeat, load=True):
    data = os.path.join(work, f"events-{rows}.csv")
    started = time.perf_counter()
    subprocess.run([sys.executable, os.path.join(bench.SHARED, "gen_events.py"), "-n", str(rows), "-o", data], check=True,
                   stdout=subprocess.DEVNULL)
    if load:
        pg_cluster.load_events(server, data)
    print(f"{rows:,} rows generated and loaded with COPY in {time.perf_counter() - started:.0f} s")
    recipe = os.path.join(bench.ROOT, "bench", "events-postgres.yaml")
    env = dict(os.environ, EVENTS_POSTGRES=server.connection, EVENTS=data)
    out = {name: os.path.join(work, f"out-{name}") for name in ("pushed", "streamed", "csv")}
    sql = ("SELECT CAST(EXTRACT(YEAR FROM date) AS integer), unit, count(*), sum(amount) FROM events "
           "WHERE date >= '2020-01-01' AND date <= '2025-12-31' GROUP BY 1, 2")
    commands = {
        "pushed (in PostgreSQL)": ([bench.REPORTGEN, "run", recipe, "--out", out["pushed"], "-q"], env),
        "streamed (--no-pushdown)": ([bench.REPORTGEN, "run", recipe, "--out", out["streamed"], "-q", "--no-pushdown"], env),
        "psql, the SQL alone": (["psql", "-X", "-q", "-d", server.connection, "-c", sql, "-o", os.devnull], None),
        "the CSV file, in reportgen": ([bench.REPORTGEN, "run", os.path.join(bench.ROOT, "bench", "events.yaml"), "--out", out["csv"], "-q"], env),
    }
    medians, memory = timed(commands, repeat)
    proxy = CountingProxy(server.port + 1, server.port)
    received = {}
    for name in ("pushed (in PostgreSQL)", "streamed (--no-pushdown)"):
        before = proxy.received
        command, _ = commands[name]
        bench.run(command, dict(env, EVENTS_POSTGRES=f"host=127.0.0.1 port={proxy.port} user=reportgen dbname=postgres"))
        received[name] = proxy.received - before
    results = {name: bench.load(os.path.join(folder, "reportgen.csv")) for name, folder in out.items()}
    same = results["pushed"] == results["streamed"] == results["csv"]
    base = medians["streamed (--no-pushdown)"]
    print(f"\nreference aggregation over {rows:,} rows in PostgreSQL 15, median of {repeat}; results {'identical' if same else 'DIFFER'}")
    print("| how | median wall s | ratio to streamed | peak RSS MiB | bytes from the server |")
    print("|---|---|---|---|---|")
    for name, median in medians.items():
        sent = f"{received[name]:,}" if name in received else "-"
        print(f"| {name} | {median:.3f} | {median / base:.3f} | {memory[name]:.0f} | {sent} |")
    if not same:
        sys.exit("results differ")


def burst(server, work, wards, rows, repeat):
    server.psql(f"DROP TABLE IF EXISTS ward_events; CREATE TABLE ward_events AS SELECT id, date, "
                f"'Phường ' || lpad(CAST(id % {wards} + 1 AS text), 3, '0') AS ward, amount FROM events WHERE id <= {rows}; "
                "CREATE INDEX ON ward_events (ward); ANALYZE ward_events")
    exported = os.path.join(work, "ward-events.csv")
    server.psql(f"\\copy (SELECT * FROM ward_events ORDER BY id) TO '{exported}' WITH (FORMAT csv, HEADER true)")
    env = dict(os.environ, EVENTS_POSTGRES=server.connection, WARD_EVENTS=exported)
    units = ",".join(f"Phường {number:03d}" for number in range(1, wards + 1))
    print(f"\n{wards} ward reports from one `reportgen burst` ({rows:,} rows, about {rows // wards:,} per ward), median of {repeat}")
    print("| source | cores (--jobs) | median wall s | per report ms | speed-up |")
    print("|---|---|---|---|---|")
    for source in ("postgres", "csv"):
        recipe = os.path.join(bench.ROOT, "bench", f"wards-{source}.yaml")
        commands = {}
        for cores in (1, 2):
            out = os.path.join(work, f"wards-{source}-{cores}") + "/{{params.ward}}"
            commands[cores] = (["taskset", "-c", ",".join(str(core) for core in range(cores)), bench.REPORTGEN, "burst", recipe,
                                "--param", "ward", "--values", units, "--jobs", str(cores), "--out", out, "-q"], env)
        medians, _ = timed(commands, repeat)
        for cores, median in medians.items():
            written = len(os.listdir(os.path.join(work, f"wards-{source}-{cores}")))
            if written != wards:
                sys.exit(f"{source}: {written} reports written, not {wards}")
            print(f"| {source} | {cores} | {median:.2f} | {median / wards * 1000:.0f} | {medians[1] / median:.2f} |")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--wards", type=int, default=100, help="0: no burst benchmark")
    parser.add_argument("--ward-rows", type=int, default=1_000_000)
    parser.add_argument("--port", type=int, help="a server already holding `events` (from an earlier run): skip loading")
    args = parser.parse_args()
    subprocess.run(["swift", "build", "-c", "release", "--product", "reportgen", "--static-swift-stdlib",
                    "--scratch-path", bench.SCRATCH], cwd=bench.ROOT, check=True, stdout=subprocess.DEVNULL)
    server = pg_cluster.Existing(args.port) if args.port else pg_cluster.Server(55471)
    work = tempfile.mkdtemp(prefix="reportgen-pg-bench-")
    print(f"cores: {os.cpu_count()}; data in {work}")
    pushdown(server, work, args.rows, args.repeat, load=not args.port)
    if args.wards > 0:
        burst(server, work, args.wards, args.ward_rows, args.repeat)


if __name__ == "__main__":
    main()
