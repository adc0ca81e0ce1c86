"""Runs one case: writes its folder, computes the reference, runs reportgen, compares."""
import csv
import os
import shutil
import subprocess
from dataclasses import dataclass, field

import cases
import comparison
import reference


@dataclass
class Outcome:
    kind: str                        # pass, mismatch, engine-error (reportgen failed), harness-error
    detail: str = ""
    parts: set = field(default_factory=set)
    expected: tuple = None           # (header, rows) of the reference
    patterns: frozenset = frozenset()  # the kinds of cell differences, for telling failures apart

    @property
    def signature(self):
        if self.kind == "mismatch":
            return "mismatch: " + ", ".join(sorted(self.patterns))
        lines = self.detail.splitlines() or [""]
        if self.kind == "engine-error":
            errors = [line for line in lines if "error: " in line] or lines
            return "engine-error: " + errors[0].split("error: ", 1)[-1][:60]
        return f"{self.kind}: {lines[0][:80]}"

    @property
    def failed(self):
        return self.kind != "pass"

    def same_failure(self, other):
        """Whether `self` (a smaller case) still shows `other`'s failure, or part of it."""
        if self.kind != other.kind:
            return False
        if self.kind == "mismatch":
            return bool(self.parts) and self.parts <= other.parts
        return self.signature == other.signature


def execute(case, binary, folder, connection, timeout=300):
    shutil.rmtree(folder, ignore_errors=True)
    cases.write(case, folder)
    try:
        expected = reference.run(connection, case)
    except Exception as error:  # the generator made something the reference cannot compute: a harness bug
        return Outcome("harness-error", f"the reference failed: {type(error).__name__}: {error}", {"<reference>"})
    try:
        process = subprocess.run(cases.command(case, binary, folder), capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return Outcome("engine-error", f"reportgen did not finish in {timeout} s", {"<timeout>"}, expected)
    if process.returncode != 0:
        message = (process.stderr.strip() or process.stdout.strip()).replace(folder + os.sep, "")
        return Outcome("engine-error", f"reportgen exited with {process.returncode}:\n{message}", {"<exit>"}, expected)
    out = os.path.join(folder, "out")
    mismatch = comparison.compare(*expected, os.path.join(out, "result.csv"), os.path.join(out, "report.json"), cases.RESULT)
    if mismatch:
        return Outcome("mismatch", mismatch.text, mismatch.parts, expected, mismatch.patterns)
    return Outcome("pass", expected=expected)


def save_reproducer(case, outcome, binary, folder, connection):
    """A folder a person can rerun: recipe.yaml and data, expected.csv (the reference's table),
    reference.sql, the command and what differed."""
    outcome = execute(case, binary, folder, connection)
    with open(os.path.join(folder, "reference.sql"), "w") as file:
        file.write(reference.sql_text(case))
    if outcome.expected:
        with open(os.path.join(folder, "expected.csv"), "w", newline="") as file:
            writer = csv.writer(file, lineterminator="\n")
            header, rows = outcome.expected
            writer.writerow([comparison.text_of(h, True) for h in header])
            writer.writerows([[comparison.text_of(v, True) for v in row] for row in rows])
    arguments = cases.command(case, "reportgen", ".")
    arguments[2], arguments[4] = "recipe.yaml", "out"
    with open(os.path.join(folder, "what-differs.txt"), "w") as file:
        file.write(f"cd {folder} && {' '.join(arguments)}\n\n{outcome.detail}\n")
    return outcome
