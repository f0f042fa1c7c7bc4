#!/usr/bin/env python3
"""Writes a workspace full of the funnel's edge cases, to compare funnel.sql with the CLI on.

Usage: edge_workspaces.py BASE.json SEED OUT.json [HCPS]

The generated demo workspaces rarely put two events in the same second, an event exactly at a
window's end, an entry on 31 August or a first prescription before the entry, so equal counts on
them prove little about those rules. This keeps BASE's products, channels, accounts and reps
(any valid workspace file, e.g. `omnirx demo --scale tiny`), and replaces its HCPs, interactions
and prescriptions by random ones built around each HCP's entry: ties in the entry's second,
events one second before, at and after the window's end, month-end entries, prescriptions
before, in and after the window, zero units, account-only records, timestamps written with an
offset, exact copies of interactions (which the import drops) and copies that differ only in their
notes (which stay), and a time zone chosen by SEED (including one the app does not know, which
counts as UTC).
"""

import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from workspace_to_csv import days_from_civil, fixed_utc_offset_seconds, unwrap  # noqa: E402

ZONES = ["Asia/Shanghai", "UTC", "UTC-05:30", "Asia/Kolkata", "Europe/Berlin", "UTC+14:00",
         "UTC-12:00", "Asia/Tokyo"]
KINDS = ["visit", "call", "remote_detailing", "email_sent", "email_opened", "email_clicked",
         "wechat_message", "wechat_read", "meeting_invited", "meeting_attended", "sample",
         "pharmacy_visit"]
OUTCOMES = ["engaged", "detailed", "neutral", "negative", "no_response"]
NOTES = ["follow up", "line one\nline two", 'said "yes", then no', "王芳 👩‍⚕️", "\u202e<b>x</b>"]


def civil_from_days(days):
    """(year, month, day) of a day count since 1970-01-01 (Howard Hinnant's algorithm)."""
    days += 719468
    era = (days if days >= 0 else days - 146096) // 146097
    day_of_era = days - era * 146097
    year_of_era = (day_of_era - day_of_era // 1460 + day_of_era // 36524
                   - day_of_era // 146096) // 365
    year = year_of_era + era * 400
    day_of_year = day_of_era - (365 * year_of_era + year_of_era // 4 - year_of_era // 100)
    mp = (5 * day_of_year + 2) // 153
    day = day_of_year - (153 * mp + 2) // 5 + 1
    month = mp + 3 if mp < 10 else mp - 9
    return year + (month <= 2), month, day


def days_in_month(year, month):
    following = (year + month // 12, month % 12 + 1)
    return days_from_civil(*following, 1) - days_from_civil(year, month, 1)


def month_index(year, month):
    return year * 12 + month - 1


def month_text(index):
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def local_parts(instant, offset):
    local = instant + offset
    second_of_day = local % 86400
    return civil_from_days((local - second_of_day) // 86400), second_of_day


def window_end(entry, offset):
    """The app's 6-month window end, computed independently of funnel.sql."""
    (year, month, day), second_of_day = local_parts(entry, offset)
    target = month_index(year, month) + 6
    target_year, target_month = target // 12, target % 12 + 1
    day = min(day, days_in_month(target_year, target_month))
    return days_from_civil(target_year, target_month, day) * 86400 + second_of_day - offset


def timestamp_text(instant, rng):
    """The instant as the file writes it, now and then with an offset or a space, as people do."""
    style = rng.random()
    shift = 0
    suffix = "Z"
    if style < 0.05:
        shift = rng.choice([8, -5, 0, 14]) * 3600 + rng.choice([0, 1800])
        sign = "+" if shift >= 0 else "-"
        suffix = f"{sign}{abs(shift) // 3600:02d}:{abs(shift) % 3600 // 60:02d}"
    (year, month, day), second_of_day = local_parts(instant, shift)
    separator = " " if 0.05 <= style < 0.08 else "T"
    return (f"{year:04d}-{month:02d}-{day:02d}{separator}{second_of_day // 3600:02d}:"
            f"{second_of_day // 60 % 60:02d}:{second_of_day % 60:02d}{suffix}")


def entry_instant(rng, offset):
    """Local entries that stress month arithmetic: month ends, leap days, midnight, 23:59:59."""
    year = rng.choice([2023, 2024, 2025])
    month = rng.randint(1, 12)
    last = days_in_month(year, month)
    day = rng.choice([1, last, last, min(29, last), min(30, last), rng.randint(1, last)])
    second_of_day = rng.choice([0, 86399, 43200, rng.randrange(86400)])
    return days_from_civil(year, month, day) * 86400 + second_of_day - offset


def build(base, seed, hcp_count):
    rng = random.Random(seed)
    zone = ZONES[seed % len(ZONES)]
    offset = fixed_utc_offset_seconds(zone) or 0
    workspace = dict(base)
    workspace["settings"] = dict(base["settings"], time_zone=zone)
    channels = [c["id"] for c in base["channels"]]
    products = [p["id"] for p in base["products"]]
    accounts = [a["id"] for a in base["accounts"]]
    reps = [r["id"] for r in base.get("reps", [])]
    template = base["hcps"][0]
    hcps, interactions, prescriptions = [], [], []
    for number in range(1, hcp_count + 1):
        hcp_id = f"h-e{number:05d}"
        account_id = rng.choice(accounts)
        hcps.append(dict(template, id=hcp_id, name=f"Edge {number}", account_id=account_id))
        if rng.random() < 0.05:
            # Some HCPs have prescriptions and no interaction: they never enter the funnel.
            entry = None
        else:
            entry = entry_instant(rng, offset)
        end = window_end(entry, offset) if entry is not None else None
        anchor = entry if entry is not None else entry_instant(rng, offset)

        def event(at):
            record = {
                "at": timestamp_text(at, rng),
                "hcp_id": hcp_id,
                "channel_id": rng.choice(channels),
                "kind": rng.choice(KINDS),
                "product_id": rng.choice(products + [None]),
                "outcome": rng.choice(OUTCOMES[:2] * 2 + OUTCOMES),
            }
            if reps and rng.random() < 0.3:
                record["rep_id"] = rng.choice(reps)
            if rng.random() < 0.05:
                record["notes"] = rng.choice(NOTES)
            interactions.append(record)
            if rng.random() < 0.1:
                # A copy, its instant perhaps written another way: exact (dropped on import, one
                # event) or, now and then, with other notes (kept, two events).
                copy = dict(record, at=timestamp_text(at, rng))
                if rng.random() < 0.3:
                    copy["notes"] = rng.choice(NOTES)
                interactions.append(copy)

        if entry is not None:
            event(entry)
            candidates = [entry, entry, entry + 1, end - 1, end, end, end + 1, end + 86400,
                          entry + rng.randrange(max(1, end - entry))]
            for _ in range(rng.randint(0, 10)):
                at = rng.choice(candidates)
                # Several events in one second, so that file order has to break the tie.
                for _ in range(rng.choice([1, 1, 2, 3])):
                    event(at)
        (year, month, _), _ = local_parts(anchor, offset)
        entry_month = month_index(year, month)
        if end is not None:
            (end_year, end_month, _), _ = local_parts(end, offset)
            end_month_index = month_index(end_year, end_month)
        else:
            end_month_index = entry_month + 6
        months = [entry_month - 3, entry_month - 1, entry_month, entry_month + 1,
                  entry_month + 2, entry_month + 3, entry_month + 5, end_month_index - 1,
                  end_month_index, end_month_index + 1, entry_month + 9]
        for _ in range(rng.choice([0, 1, 2, 3, 4, 5, 6, 8])):
            record = {
                "period": month_text(rng.choice(months)),
                "product_id": rng.choice(products),
                "units": rng.choice([0, 1, 3, 12]),
                "value": 0.0,
            }
            owner = rng.random()
            if owner < 0.1:
                # An account-only record never counts for an HCP.
                record["account_id"] = account_id
            else:
                record["hcp_id"] = hcp_id
                if owner < 0.5:
                    record["account_id"] = account_id
            prescriptions.append(record)
    # File order is independent of time, as in a file assembled from several exports.
    rng.shuffle(interactions)
    rng.shuffle(prescriptions)
    for item in interactions:
        if item["product_id"] is None:
            del item["product_id"]
    workspace["hcps"] = hcps
    workspace["interactions"] = interactions
    workspace["prescriptions"] = prescriptions
    workspace["targets"] = []
    workspace["segment_rule_sets"] = []
    workspace["journeys"] = []
    return workspace


def main(arguments):
    if len(arguments) not in (3, 4):
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    base_path, seed, out_path = arguments[0], int(arguments[1]), arguments[2]
    hcp_count = int(arguments[3]) if len(arguments) == 4 else 300
    with open(base_path, "rb") as handle:
        document = json.load(handle)
    workspace = build(unwrap(document), seed, hcp_count)
    envelope = {"type": "omnirx-workspace", "version": 1, "source": "edge_workspaces.py",
                "workspace": workspace}
    with open(out_path, "w", encoding="utf-8") as handle:
        json.dump(envelope, handle, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
