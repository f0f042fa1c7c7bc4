#!/usr/bin/env python3
"""Checks that funnel.sql counts the default funnel exactly as the OmniRx CLI does.

Usage: check_counts.py WORKSPACE.json [--data DIR]

Converts the workspace with workspace_to_csv.py (into DIR, or a temporary folder), loads the
CSV files with tables.sql and runs funnel.sql in Python's duckdb (`pip install duckdb`; the
version of DuckDB inside @duckdb/duckdb-wasm is the one to prefer), runs
`omnirx funnel WORKSPACE.json --funnel f-default --json` (the binary named by the environment
variable OMNIRX_CLI, by default /tmp/peer-target/release/omnirx), and prints both lists of
counts. Exits with 1 when they differ, 2 when the comparison cannot be made.
"""

import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import workspace_to_csv  # noqa: E402  (the converter lives beside this script)

DEFAULT_CLI = "/tmp/peer-target/release/omnirx"

# The default funnel as src/domain/funnel/definition.rs writes it, without the step names (they
# depend on the data's language). funnel.sql computes exactly this funnel, so a workspace whose
# f-default was edited in the app cannot be compared.
EXPECTED_CONDITIONS = [
    {"type": "interaction"},
    {
        "type": "interaction",
        "kinds": sorted(
            [
                "email_opened",
                "email_clicked",
                "wechat_read",
                "meeting_attended",
                "visit",
                "call",
                "remote_detailing",
            ]
        ),
        "outcomes": ["detailed", "engaged"],
    },
    {
        "type": "interaction",
        "kinds": sorted(["visit", "call", "remote_detailing", "meeting_attended", "sample"]),
        "outcomes": ["detailed"],
    },
    {"type": "first_prescription"},
    {"type": "prescriptions", "months": 3, "within_months": 6},
]


def normalised_condition(condition):
    """The condition with absent lists and list order made irrelevant."""
    result = {}
    for key, value in condition.items():
        if isinstance(value, list):
            if value:
                result[key] = sorted(value)
        else:
            result[key] = value
    return result


def default_funnel_problems(workspace):
    """Why the workspace's f-default is not the funnel funnel.sql computes (empty when it is)."""
    funnel = next((f for f in workspace.get("funnels", []) if f.get("id") == "f-default"), None)
    if funnel is None:
        return ["the workspace has no funnel f-default"]
    problems = []
    conditions = [normalised_condition(s.get("condition", {"type": "interaction"}))
                  for s in funnel.get("steps", [])]
    if conditions != EXPECTED_CONDITIONS:
        problems.append(f"its steps are {conditions}")
    if funnel.get("unit", "hcp") != "hcp":
        problems.append(f"its unit is {funnel['unit']}")
    if funnel.get("order", "ordered") != "ordered":
        problems.append(f"its order is {funnel['order']}")
    if funnel.get("window", {"amount": 6, "unit": "months"}) != {"amount": 6, "unit": "months"}:
        problems.append(f"its window is {funnel['window']}")
    if funnel.get("period") is not None:
        problems.append(f"it has a period {funnel['period']}")
    if funnel.get("manual_counts") is not None:
        problems.append("it has typed counts")
    return problems


def duckdb_counts(data_dir):
    import duckdb  # Imported here so that a missing module is reported with the rest.

    with open(os.path.join(HERE, "tables.sql"), encoding="utf-8") as handle:
        tables_sql = handle.read()
    with open(os.path.join(HERE, "funnel.sql"), encoding="utf-8") as handle:
        funnel_sql = handle.read()
    connection = duckdb.connect()
    # tables.sql names the CSV files relative to their folder, as the browser page does.
    previous = os.getcwd()
    os.chdir(data_dir)
    try:
        started = time.perf_counter()
        connection.execute(tables_sql)
        loaded = time.perf_counter()
        rows = connection.execute(funnel_sql).fetchall()
        finished = time.perf_counter()
    finally:
        os.chdir(previous)
    print(
        f"duckdb {duckdb.__version__}: load {1000 * (loaded - started):.0f} ms, "
        f"query {1000 * (finished - loaded):.0f} ms"
    )
    return [int(count) for _, _, count in rows]


def cli_counts(workspace_path):
    cli = os.environ.get("OMNIRX_CLI", DEFAULT_CLI)
    started = time.perf_counter()
    completed = subprocess.run(
        [cli, "funnel", workspace_path, "--funnel", "f-default", "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    finished = time.perf_counter()
    if completed.returncode != 0:
        raise RuntimeError(f"{cli} failed ({completed.returncode}): {completed.stderr.strip()}")
    report = json.loads(completed.stdout)
    print(f"omnirx funnel: {1000 * (finished - started):.0f} ms (parse, index and count)")
    return [int(step["count"]) for step in report["steps"]]


def main(arguments):
    if not arguments or arguments[0].startswith("-"):
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    workspace_path = arguments[0]
    data_dir = None
    if len(arguments) == 3 and arguments[1] == "--data":
        data_dir = arguments[2]
    elif len(arguments) != 1:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2

    with open(workspace_path, "rb") as handle:
        problems = default_funnel_problems(workspace_to_csv.unwrap(json.load(handle)))
    if problems:
        print(f"{workspace_path}: f-default is not the default funnel: " + "; ".join(problems),
              file=sys.stderr)
        return 2

    with tempfile.TemporaryDirectory(prefix="peer-csv-") as scratch:
        target = data_dir or scratch
        workspace_to_csv.convert(workspace_path, target)
        try:
            sql = duckdb_counts(target)
            cli = cli_counts(workspace_path)
        except Exception as error:  # noqa: BLE001  (any failure means no comparison)
            print(f"cannot compare: {error}", file=sys.stderr)
            return 2
    print(f"CLI    counts: {cli}")
    print(f"DuckDB counts: {sql}")
    if cli == sql:
        print("equal: yes")
        return 0
    print("equal: NO")
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
