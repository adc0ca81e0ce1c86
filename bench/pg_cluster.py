"""Throwaway PostgreSQL servers for the benchmarks: initdb in a temporary folder, started on a
port of their own, stopped and removed at exit. As root (CI, this machine) the server runs as
the `postgres` user, since initdb refuses root. Needs Debian's `postgresql` and `libpq-dev`
(for `pg_config --bindir`)."""
import atexit, os, shutil, subprocess, tempfile

BIN = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True, check=True).stdout.strip()


def _as_server_user(command):
    return ["runuser", "-u", "postgres", "--"] + command if os.geteuid() == 0 else command


class Server:
    def __init__(self, port, settings=()):
        self.port = port
        self.folder = tempfile.mkdtemp(prefix=f"reportgen-pg-{port}-")
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres")
        subprocess.run(_as_server_user([f"{BIN}/initdb", "-D", f"{self.folder}/data", "-U", "reportgen", "--auth=trust",
                                        "-E", "UTF8", "--locale=C.UTF-8"]), check=True, stdout=subprocess.DEVNULL)
        options = f"-p {port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off -c shared_buffers=512MB " \
                  + " ".join(f"-c {setting}" for setting in settings)
        subprocess.run(_as_server_user([f"{BIN}/pg_ctl", "-D", f"{self.folder}/data", "-l", f"{self.folder}/log", "-w",
                                        "-o", options, "start"]), check=True, stdout=subprocess.DEVNULL)
        atexit.register(self.stop)

    @property
    def connection(self):
        return f"host=127.0.0.1 port={self.port} user=reportgen dbname=postgres"

    def psql(self, sql, stdin=None, stdout=subprocess.DEVNULL):
        """Runs `sql` (a script) with psql; `stdin` feeds a COPY ... FROM STDIN."""
        command = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", self.connection, "-c", sql]
        return subprocess.run(command, stdin=stdin, stdout=stdout, check=True)

    def stop(self):
        if self.folder and os.path.exists(self.folder):
            subprocess.run(_as_server_user([f"{BIN}/pg_ctl", "-D", f"{self.folder}/data", "-m", "fast", "stop"]),
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            shutil.rmtree(self.folder, ignore_errors=True)
        self.folder = None


class Existing(Server):
    """A server already running on `port` (left by an earlier run), used as it is."""

    def __init__(self, port):
        self.port, self.folder = port, None


EVENTS_TABLE = "id bigint, date date, unit text, category text, amount numeric(12,2), status text"


def load_events(server, csv_path, table="events"):
    """Creates `table` and loads the generated events CSV into it with COPY."""
    server.psql(f"DROP TABLE IF EXISTS {table}; CREATE TABLE {table} ({EVENTS_TABLE})")
    with open(csv_path, "rb") as data:
        server.psql(f"COPY {table} FROM STDIN WITH (FORMAT csv, HEADER true)", stdin=data)
    server.psql(f"ANALYZE {table}")
