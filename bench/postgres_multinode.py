#!/usr/bin/env python3
"""A multi-node check with stock PostgreSQL, laid out the way Citus spreads shards: a
coordinator holds `events` hash-partitioned by id, and its two partitions are postgres_fdw
foreign tables on two more local servers (asynchronous, so both shards are read at once).

    python3 bench/postgres_multinode.py [--rows 2000000] [--repeat 3]

The shards are loaded with COPY directly (inserting through a foreign table is very slow):
the coordinator stages the rows and pipes each shard the rows of its partition
(`satisfies_hash_partition`) from COPY TO STDOUT into COPY FROM STDIN. The reference recipe
(bench/events-postgres.yaml) then runs over the coordinator, pushed and streamed, and over the
same rows in one table; every result must be identical. It prints the times and how the
coordinator runs the pushed statement (EXPLAIN VERBOSE).
"""
import argparse, os, subprocess, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pg_cluster  # noqa: E402
import run as bench  # noqa: E402
from postgres_pushdown import timed  # noqa: E402

COORDINATOR, SHARDS = 55481, (55482, 55483)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=2_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    subprocess.run(["swift", "build", "-c", "release", "--product", "reportgen", "--static-swift-stdlib",
                    "--scratch-path", bench.SCRATCH], cwd=bench.ROOT, check=True, stdout=subprocess.DEVNULL)
    work = tempfile.mkdtemp(prefix="reportgen-multinode-")
    coordinator = pg_cluster.Server(COORDINATOR)
    shards = [pg_cluster.Server(port) for port in SHARDS]
    data = os.path.join(work, "events.csv")
    subprocess.run([sys.executable, os.path.join(bench.SHARED, "gen_events.py"), "-n", str(args.rows), "-o", data], check=True,
                   stdout=subprocess.DEVNULL)
    pg_cluster.load_events(coordinator, data, table="events_single")

    servers = "".join(f"""
        CREATE SERVER shard{k} FOREIGN DATA WRAPPER postgres_fdw
            OPTIONS (host '127.0.0.1', port '{port}', dbname 'postgres', async_capable 'true', fetch_size '50000');
        CREATE USER MAPPING FOR reportgen SERVER shard{k} OPTIONS (user 'reportgen');""" for k, port in enumerate(SHARDS))
    partitions = "".join(f"""
        CREATE FOREIGN TABLE events_p{k} PARTITION OF events FOR VALUES WITH (MODULUS {len(SHARDS)}, REMAINDER {k})
            SERVER shard{k} OPTIONS (table_name 'events_p{k}');""" for k in range(len(SHARDS)))
    coordinator.psql(f"""CREATE EXTENSION postgres_fdw; {servers}
        CREATE TABLE events ({pg_cluster.EVENTS_TABLE}) PARTITION BY HASH (id); {partitions}
        ALTER DATABASE postgres SET enable_partitionwise_aggregate = on;""")
    for k, shard in enumerate(shards):
        shard.psql(f"CREATE TABLE events_p{k} ({pg_cluster.EVENTS_TABLE})")
        rows = subprocess.Popen(["psql", "-X", "-q", "-d", coordinator.connection, "-c",
                                 f"COPY (SELECT * FROM events_single WHERE satisfies_hash_partition('events'::regclass, "
                                 f"{len(SHARDS)}, {k}, id)) TO STDOUT"], stdout=subprocess.PIPE)
        shard.psql(f"COPY events_p{k} FROM STDIN", stdin=rows.stdout)
        rows.wait()
        shard.psql(f"ANALYZE events_p{k}")
    counts = [subprocess.run(["psql", "-X", "-At", "-d", shard.connection, "-c", f"SELECT count(*) FROM events_p{k}"],
                             capture_output=True, text=True, check=True).stdout.strip() for k, shard in enumerate(shards)]
    print(f"{args.rows:,} events: shards hold {' + '.join(counts)} rows")

    recipe = os.path.join(bench.ROOT, "bench", "events-postgres.yaml")
    runs = {
        "2 shards, pushed": ("events", []),
        "2 shards, streamed (--no-pushdown)": ("events", ["--no-pushdown"]),
        "1 node, pushed": ("events_single", []),
    }
    commands, results = {}, {}
    for name, (table, flags) in runs.items():
        out = os.path.join(work, name.replace(" ", "-").replace(",", "").replace("(", "").replace(")", ""))
        results[name] = os.path.join(out, "reportgen.csv")
        commands[name] = ([bench.REPORTGEN, "run", recipe, "--out", out, "-q"] + flags,
                          dict(os.environ, EVENTS_POSTGRES=coordinator.connection, EVENTS_TABLE=table))
    medians, memory = timed(commands, args.repeat)
    loaded = {name: bench.load(path) for name, path in results.items()}
    same = len({repr(rows) for rows in loaded.values()}) == 1
    print(f"\nreference aggregation, median of {args.repeat}; results {'identical' if same else 'DIFFER'}")
    print("| layout | median wall s | peak RSS MiB |")
    print("|---|---|---|")
    for name, median in medians.items():
        print(f"| {name} | {median:.3f} | {memory[name]:.0f} |")
    explain = subprocess.run([bench.REPORTGEN, "validate", "--explain", recipe], capture_output=True, text=True,
                             env=dict(os.environ, EVENTS_POSTGRES=coordinator.connection, EVENTS_TABLE="events"))
    statement = next(line[len("  SQL: "):] for line in explain.stdout.splitlines() if line.startswith("  SQL: "))
    parameters = next(line for line in explain.stdout.splitlines() if line.startswith("  with "))
    values = [part.split(" = ", 1)[1].strip("'") for part in parameters[len("  with "):].split(", ")]
    for index, value in reversed(list(enumerate(values, start=1))):
        statement = statement.replace(f"${index}", f"'{value}'")
    plan = subprocess.run(["psql", "-X", "-At", "-d", coordinator.connection, "-c", "EXPLAIN (VERBOSE, COSTS OFF) " + statement],
                          capture_output=True, text=True, check=True).stdout
    print("\nthe coordinator's plan of the pushed statement:\n" + "\n".join("    " + line for line in plan.splitlines()))
    if not same:
        sys.exit("results differ")


if __name__ == "__main__":
    main()
