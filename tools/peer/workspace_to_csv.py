#!/usr/bin/env python3
"""Writes the CSV files that funnel.sql reads, from an OmniRx workspace file.

Usage: workspace_to_csv.py WORKSPACE.json OUT_DIR

The files keep every record as the workspace has it (no filtering, no sorting), so that every
counting rule lives in funnel.sql (and the import's one repair that changes counts, dropping
identical interactions, in tables.sql) and not here. Only three things are decided here, because
SQL has no business re-implementing them:

* instants are written as seconds since the Unix epoch (UTC), parsed exactly as the app parses
  them (`YYYY-MM-DDTHH:MM:SSZ`, or with a `±HH:MM` offset, or a space instead of the `T`);
* the workspace's time zone is turned into its fixed UTC offset with the app's own table
  (src/domain/time_zone.rs); an unknown zone counts as UTC, as in the app;
* an interaction's notes are written JSON-escaped (`json.dumps`, ASCII only, one line), empty when
  there are none: they are only compared, to tell identical interactions, and any text (line
  breaks, NULs, quotes) then survives every CSV reader.

Files written to OUT_DIR:
  settings.csv       time_zone, utc_offset_seconds, time_zone_known
  hcps.csv           hcp_id
  channels.csv       channel_id
  products.csv       product_id
  interactions.csv   ord, hcp_id, at, kind, channel_id, product_id, outcome, rep_id, notes
  prescriptions.csv  ord, hcp_id, account_id, month, product_id, units

`ord` is the record's position in the workspace file; the funnel needs it to break ties between
interactions of the same second.
"""

import csv
import json
import os
import re
import sys
import time

# The zones without daylight saving time that the app knows, in minutes east of UTC. This copies
# FIXED_ZONES in src/domain/time_zone.rs; a zone missing here would silently shift every month
# boundary, so keep the two lists equal.
FIXED_ZONES = {
    "UTC": 0,
    "Etc/UTC": 0,
    "Asia/Shanghai": 480,
    "Asia/Chongqing": 480,
    "Asia/Harbin": 480,
    "Asia/Hong_Kong": 480,
    "Asia/Macau": 480,
    "Asia/Taipei": 480,
    "Asia/Singapore": 480,
    "Asia/Kuala_Lumpur": 480,
    "Asia/Manila": 480,
    "Asia/Urumqi": 360,
    "Asia/Tokyo": 540,
    "Asia/Seoul": 540,
    "Asia/Bangkok": 420,
    "Asia/Jakarta": 420,
    "Asia/Ho_Chi_Minh": 420,
    "Asia/Kolkata": 330,
    "Asia/Dubai": 240,
}


def fixed_utc_offset_seconds(zone):
    """The zone's offset in seconds east of UTC, or None when the app would not know it."""
    if zone in FIXED_ZONES:
        return FIXED_ZONES[zone] * 60
    if not zone.startswith("UTC") or len(zone) < 4 or zone[3] not in "+-":
        return None
    sign = 1 if zone[3] == "+" else -1
    digits = zone[4:]
    hours, minutes = digits.split(":", 1) if ":" in digits else (digits, "0")
    # Rust's str::parse::<i64> takes an optional sign and ASCII digits only, nothing else.
    integer = re.compile(r"[+-]?[0-9]+\Z")
    if not (integer.match(hours) and integer.match(minutes)):
        return None
    hours, minutes = int(hours), int(minutes)
    if not (0 <= hours <= 14 and 0 <= minutes < 60):
        return None
    return sign * (hours * 3600 + minutes * 60)


def days_from_civil(year, month, day):
    """Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm)."""
    year -= month <= 2
    era = (year if year >= 0 else year - 399) // 400
    year_of_era = year - era * 400
    day_of_year = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    return era * 146097 + day_of_era - 719468


def parse_timestamp(text):
    """Seconds since the epoch of a workspace timestamp, as src/domain/time.rs reads it."""
    # The file always writes `YYYY-MM-DDTHH:MM:SSZ`; other forms are rare, so one slicing
    # path serves all of them and only the zone suffix differs.
    dash = text.index("-")
    year = int(text[:dash])
    rest = text[dash:]
    month, day = int(rest[1:3]), int(rest[4:6])
    hour, minute, second = int(rest[7:9]), int(rest[10:12]), int(rest[13:15])
    zone = rest[15:]
    if zone in ("Z", "z"):
        offset = 0
    elif len(zone) == 6 and zone[0] in "+-" and zone[3] == ":":
        offset = int(zone[1:3]) * 3600 + int(zone[4:6]) * 60
        if zone[0] == "-":
            offset = -offset
    else:
        raise ValueError(f"unexpected timestamp {text!r}")
    return days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offset


def canonical_month(text):
    """`YYYY-MM` with a four-digit year, so that SQL can slice it."""
    year, _, month = text.partition("-")
    return f"{int(year):04d}-{int(month):02d}"


def escaped_notes(notes):
    """Notes as one ASCII line that equals another exactly when the notes do ("" for none)."""
    return json.dumps(notes, ensure_ascii=True) if notes else ""


def unwrap(document):
    """The workspace inside the file's envelope (`{"type": "omnirx-workspace", "version": 1,
    "workspace": {...}}`); a bare workspace object is accepted too, for hand-made test files."""
    if isinstance(document, dict) and document.get("type") == "omnirx-workspace":
        if document.get("version") != 1:
            raise ValueError(f"workspace file version {document.get('version')!r}, expected 1")
        return document["workspace"]
    return document


def write_rows(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def convert(workspace_path, out_dir):
    started = time.perf_counter()
    with open(workspace_path, "rb") as handle:
        workspace = unwrap(json.load(handle))
    loaded = time.perf_counter()
    os.makedirs(out_dir, exist_ok=True)

    zone = workspace.get("settings", {}).get("time_zone", "Asia/Shanghai")
    offset = fixed_utc_offset_seconds(zone)
    write_rows(
        os.path.join(out_dir, "settings.csv"),
        ["time_zone", "utc_offset_seconds", "time_zone_known"],
        [[zone, offset if offset is not None else 0, "true" if offset is not None else "false"]],
    )
    write_rows(
        os.path.join(out_dir, "hcps.csv"),
        ["hcp_id"],
        ([hcp["id"]] for hcp in workspace.get("hcps", [])),
    )
    write_rows(
        os.path.join(out_dir, "channels.csv"),
        ["channel_id"],
        ([channel["id"]] for channel in workspace.get("channels", [])),
    )
    write_rows(
        os.path.join(out_dir, "products.csv"),
        ["product_id"],
        ([product["id"]] for product in workspace.get("products", [])),
    )

    interactions = workspace.get("interactions", [])
    write_rows(
        os.path.join(out_dir, "interactions.csv"),
        ["ord", "hcp_id", "at", "kind", "channel_id", "product_id", "outcome", "rep_id", "notes"],
        (
            [
                position,
                item["hcp_id"],
                parse_timestamp(item["at"]),
                item["kind"],
                item["channel_id"],
                item.get("product_id") or "",
                item["outcome"],
                item.get("rep_id") or "",
                escaped_notes(item.get("notes") or ""),
            ]
            for position, item in enumerate(interactions)
        ),
    )
    prescriptions = workspace.get("prescriptions", [])
    write_rows(
        os.path.join(out_dir, "prescriptions.csv"),
        ["ord", "hcp_id", "account_id", "month", "product_id", "units"],
        (
            [
                position,
                item.get("hcp_id") or "",
                item.get("account_id") or "",
                canonical_month(item["period"]),
                item["product_id"],
                item["units"],
            ]
            for position, item in enumerate(prescriptions)
        ),
    )
    finished = time.perf_counter()
    print(
        f"{workspace_path}: {len(interactions)} interactions, {len(prescriptions)} prescriptions, "
        f"time zone {zone} ({'UTC' if offset is None else f'{offset:+d} s'}); "
        f"json.load {loaded - started:.2f} s, CSV {finished - loaded:.2f} s, "
        f"total {finished - started:.2f} s",
        file=sys.stderr,
    )


def main(arguments):
    if len(arguments) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    convert(arguments[0], arguments[1])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
