#!/usr/bin/env python3
"""Tests of the peer: the converter's parsing, and funnel.sql on hand-written events.

Run: python3 -m unittest discover -s tools/peer -p 'test_*.py'

The SQL cases need Python's duckdb (`pip install duckdb`) and are skipped without it. Each case
is one rule of docs/funnels.md with the answer worked out by hand, in the time zone
Asia/Shanghai (UTC+8), like tests/funnel_rules.rs in the app. When the environment variable
OMNIRX_CLI names a built `omnirx`, every case is also counted by `omnirx funnel` (after the
app's import), and the two counts must agree.
"""

import json
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import check_counts  # noqa: E402
import edge_workspaces  # noqa: E402
import workspace_to_csv  # noqa: E402

try:
    import duckdb
except ImportError:  # The SQL cases are skipped; the parsing cases still run.
    duckdb = None


class ParsingTest(unittest.TestCase):
    def test_timestamps_are_read_as_the_app_reads_them(self):
        self.assertEqual(workspace_to_csv.parse_timestamp("1970-01-01T00:00:00Z"), 0)
        self.assertEqual(workspace_to_csv.parse_timestamp("2025-06-03T09:30:05Z"), 1748943005)
        # An offset is converted to UTC, and a space may replace the T.
        self.assertEqual(workspace_to_csv.parse_timestamp("2025-06-03 17:30:05+08:00"), 1748943005)
        self.assertEqual(workspace_to_csv.parse_timestamp("1969-12-31T23:59:59Z"), -1)
        self.assertEqual(workspace_to_csv.parse_timestamp("2024-02-29T00:00:00Z"), 1709164800)

    def test_time_zones_match_the_apps_table(self):
        offset = workspace_to_csv.fixed_utc_offset_seconds
        self.assertEqual(offset("Asia/Shanghai"), 8 * 3600)
        self.assertEqual(offset("Asia/Kolkata"), 5 * 3600 + 1800)
        self.assertEqual(offset("UTC+08:00"), 8 * 3600)
        self.assertEqual(offset("UTC-05:30"), -(5 * 3600 + 1800))
        self.assertEqual(offset("UTC+3"), 3 * 3600)
        self.assertIsNone(offset("Europe/Berlin"))
        self.assertIsNone(offset("UTC+15:00"))
        self.assertIsNone(offset(""))

    def test_the_envelope_is_unwrapped(self):
        inner = {"settings": {"name": "x"}}
        document = {"type": "omnirx-workspace", "version": 1, "workspace": inner}
        self.assertIs(workspace_to_csv.unwrap(document), inner)
        self.assertIs(workspace_to_csv.unwrap(inner), inner)

    def test_the_edge_generators_window_end_clamps_to_the_month_end(self):
        # 31 August 2025 10:00 in UTC+8 ends on 28 February 2026 10:00 in UTC+8.
        entry = workspace_to_csv.parse_timestamp("2025-08-31T10:00:00+08:00")
        expected = workspace_to_csv.parse_timestamp("2026-02-28T10:00:00+08:00")
        self.assertEqual(edge_workspaces.window_end(entry, 8 * 3600), expected)


def local(text):
    """A local time in UTC+8 as the file writes it, e.g. "2025-08-31 10:00:00"."""
    return text.replace(" ", "T") + "+08:00"


def interaction(when, hcp, kind, outcome, channel="visit", **more):
    record = {"at": local(when), "hcp_id": hcp, "channel_id": channel, "kind": kind,
              "outcome": outcome}
    record.update(more)
    return record


def prescription(period, hcp, units=5, account=None):
    record = {"period": period, "product_id": "p1", "units": units, "value": 0.0}
    if hcp is not None:
        record["hcp_id"] = hcp
    if account is not None:
        record["account_id"] = account
    return record


def default_funnel():
    """The default funnel as the app writes it (the conditions check_counts.py expects)."""
    names = ["Awareness", "Interest", "Consideration", "Trial", "Adoption"]
    return {"id": "f-default", "name": "Default",
            "steps": [{"name": name, "condition": condition}
                      for name, condition in zip(names, check_counts.EXPECTED_CONDITIONS)],
            "window": {"amount": 6, "unit": "months"}}


def cli_counts(path):
    """The CLI's counts for the file, or None when OMNIRX_CLI names no built omnirx."""
    cli = os.environ.get("OMNIRX_CLI")
    if not cli or not os.path.exists(cli):
        return None
    completed = subprocess.run([cli, "funnel", path, "--funnel", "f-default", "--json"],
                               capture_output=True, text=True, check=True)
    return [int(step["count"]) for step in json.loads(completed.stdout)["steps"]]


def counts(interactions, prescriptions, hcps=("h1",)):
    """The default funnel's counts by funnel.sql for a workspace of these records (and, with
    OMNIRX_CLI, checked to equal the CLI's)."""
    workspace = {
        "settings": {"name": "rules", "time_zone": "Asia/Shanghai"},
        "products": [{"id": "p1", "name": "P1"}, {"id": "p2", "name": "P2"}],
        "channels": [{"id": "visit", "name": "Visit", "kind": "rep_visit"},
                     {"id": "email", "name": "Email", "kind": "email"}],
        "regions": [{"id": "r", "name": "R"}],
        "reps": [{"id": "rep1", "name": "Rep one", "region_id": "r"},
                 {"id": "rep2", "name": "Rep two", "region_id": "r"}],
        "accounts": [{"id": "a1", "name": "A1", "account_type": "other", "region_id": "r"}],
        "hcps": [{"id": hcp, "name": hcp, "account_id": "a1", "specialty": "endocrinology",
                  "title": "attending_physician"} for hcp in hcps],
        "interactions": interactions,
        "prescriptions": prescriptions,
        "funnels": [default_funnel()],
    }
    with tempfile.TemporaryDirectory(prefix="peer-test-") as folder:
        path = os.path.join(folder, "workspace.json")
        with open(path, "w", encoding="utf-8") as handle:
            json.dump({"type": "omnirx-workspace", "version": 1, "workspace": workspace}, handle)
        data = os.path.join(folder, "data")
        workspace_to_csv.convert(path, data)
        connection = duckdb.connect()
        previous = os.getcwd()
        os.chdir(data)
        try:
            with open(os.path.join(HERE, "tables.sql"), encoding="utf-8") as handle:
                connection.execute(handle.read())
            with open(os.path.join(HERE, "funnel.sql"), encoding="utf-8") as handle:
                rows = connection.execute(handle.read()).fetchall()
        finally:
            os.chdir(previous)
        result = [int(row[2]) for row in rows]
        cli = cli_counts(path)
    if cli is not None and cli != result:
        raise AssertionError(f"funnel.sql counts {result}, the CLI {cli}")
    return result


@unittest.skipIf(duckdb is None, "python duckdb is not installed")
class FunnelRulesTest(unittest.TestCase):
    def test_one_event_never_satisfies_two_steps(self):
        # A detailed visit is "any interaction", interest and consideration at once: step 1 only.
        self.assertEqual(counts([interaction("2025-03-01 10:00:00", "h1", "visit", "detailed")],
                                []), [1, 0, 0, 0, 0])

    def test_file_order_decides_among_events_of_the_same_second(self):
        second = "2025-03-01 10:00:00"
        # The detailed visit comes first in the file, so it is the entry; the opened email is
        # the interest, and nothing is left for consideration.
        visit_first = [interaction(second, "h1", "visit", "detailed"),
                       interaction(second, "h1", "email_opened", "engaged", "email"),
                       interaction(second, "h1", "email_sent", "no_response", "email")]
        self.assertEqual(counts(visit_first, []), [1, 1, 0, 0, 0])
        # The sent email comes first: entry, then the opened email, then the visit.
        sent_first = list(reversed(visit_first))
        self.assertEqual(counts(sent_first, []), [1, 1, 1, 0, 0])

    def test_a_later_step_may_share_the_previous_steps_second_but_not_precede_it(self):
        # Consideration in the same second as interest, earlier in the file: it counts.
        same_second = [interaction("2025-03-01 09:00:00", "h1", "email_sent", "neutral", "email"),
                       interaction("2025-03-02 10:00:00", "h1", "sample", "detailed"),
                       interaction("2025-03-02 10:00:00", "h1", "email_opened", "engaged", "email")]
        self.assertEqual(counts(same_second, []), [1, 1, 1, 0, 0])
        # One second earlier than the interest: it does not.
        earlier = [interaction("2025-03-01 09:00:00", "h1", "email_sent", "neutral", "email"),
                   interaction("2025-03-02 09:59:59", "h1", "sample", "detailed"),
                   interaction("2025-03-02 10:00:00", "h1", "email_opened", "engaged", "email")]
        self.assertEqual(counts(earlier, []), [1, 1, 0, 0, 0])

    def test_the_window_ends_at_the_month_end_inclusive(self):
        entry = interaction("2025-08-31 10:00:00", "h1", "email_sent", "neutral", "email")
        at_end = interaction("2026-02-28 10:00:00", "h1", "email_opened", "engaged", "email")
        after_end = interaction("2026-02-28 10:00:01", "h1", "email_opened", "engaged", "email")
        self.assertEqual(counts([entry, at_end], []), [1, 1, 0, 0, 0])
        self.assertEqual(counts([entry, after_end], []), [1, 0, 0, 0, 0])

    def considered(self):
        return [interaction("2025-01-10 10:00:00", "h1", "email_sent", "neutral", "email"),
                interaction("2025-01-11 10:00:00", "h1", "email_opened", "engaged", "email"),
                interaction("2025-01-20 10:00:00", "h1", "visit", "detailed")]

    def test_a_trial_in_the_considerations_month_counts(self):
        self.assertEqual(counts(self.considered(), [prescription("2025-01", "h1")]),
                         [1, 1, 1, 1, 0])

    def test_a_first_prescription_before_the_consideration_is_no_trial(self):
        # The first month ever is December: the HCP prescribed before and cannot trial again,
        # even though it prescribes again in February.
        rx = [prescription("2024-12", "h1"), prescription("2025-02", "h1")]
        self.assertEqual(counts(self.considered(), rx), [1, 1, 1, 0, 0])

    def test_a_trial_after_the_window_does_not_count(self):
        # The window of an entry on 10 January ends on 10 July: August is too late.
        self.assertEqual(counts(self.considered(), [prescription("2025-08", "h1")]),
                         [1, 1, 1, 0, 0])

    def test_adoption_counts_three_months_within_six_from_the_trial_month(self):
        rx = [prescription("2025-01", "h1"), prescription("2025-03", "h1"),
              prescription("2025-06", "h1")]
        # January, March and June lie within the 6 months January to June; June starts before
        # the window ends on 10 July.
        self.assertEqual(counts(self.considered(), rx), [1, 1, 1, 1, 1])
        # January, March and July span 7 months: no adoption.
        rx[2] = prescription("2025-07", "h1")
        self.assertEqual(counts(self.considered(), rx), [1, 1, 1, 1, 0])

    def test_zero_units_and_account_only_records_are_no_prescriptions(self):
        rx = [prescription("2025-01", "h1", units=0), prescription("2025-01", None, account="a1")]
        self.assertEqual(counts(self.considered(), rx), [1, 1, 1, 0, 0])

    def test_hcps_without_interactions_never_enter(self):
        self.assertEqual(counts([], [prescription("2025-01", "h1")]), [0, 0, 0, 0, 0])

    # The rules settled by issue 22 that this funnel meets.

    def test_identical_interactions_are_one_event(self):
        # A detailed visit is awareness, interest and consideration at once; its exact copy is
        # dropped on import, so only step 1 is reached.
        visit = interaction("2025-03-01 10:00:00", "h1", "visit", "detailed", rep_id="rep1",
                            product_id="p1", notes="line one\nline \"two\"")
        self.assertEqual(counts([visit, dict(visit)], []), [1, 0, 0, 0, 0])
        # The same instant written with another offset is the same interaction.
        utc = dict(visit, at="2025-03-01T02:00:00Z")
        self.assertEqual(counts([visit, utc], []), [1, 0, 0, 0, 0])
        # Three copies, two of them after another interaction in the file: still one (kept,
        # they would be the interest and the consideration; the sent email is neither).
        sent = interaction("2025-03-02 10:00:00", "h1", "email_sent", "neutral", "email")
        self.assertEqual(counts([visit, sent, dict(visit), dict(visit)], []), [1, 0, 0, 0, 0])

    def test_interactions_that_differ_in_anything_are_two_events(self):
        visit = interaction("2025-03-01 10:00:00", "h1", "visit", "detailed", rep_id="rep1",
                            product_id="p1")
        # Other notes, another rep, no rep, another product: two events each time, so the copy
        # can be the interest.
        for other in [dict(visit, notes="again"), dict(visit, rep_id="rep2"),
                      {k: v for k, v in visit.items() if k != "rep_id"},
                      dict(visit, product_id="p2")]:
            self.assertEqual(counts([visit, other], []), [1, 1, 0, 0, 0])
        # Three that differ pairwise: three steps.
        self.assertEqual(counts([visit, dict(visit, notes="a"), dict(visit, notes="b")], []),
                         [1, 1, 1, 0, 0])

    def test_a_step_without_products_matches_interactions_without_a_product(self):
        # No step of the default funnel lists products: any product, or none, matches.
        events = [interaction("2025-03-01 10:00:00", "h1", "email_sent", "neutral", "email"),
                  interaction("2025-03-02 10:00:00", "h1", "email_opened", "engaged", "email",
                              product_id="p2"),
                  interaction("2025-03-03 10:00:00", "h1", "visit", "detailed")]
        self.assertEqual(counts(events, []), [1, 1, 1, 0, 0])

    def test_a_month_window_ends_at_the_same_time_of_day_not_the_days_last_second(self):
        entry = interaction("2025-08-31 10:00:00", "h1", "email_sent", "neutral", "email")
        late = interaction("2026-02-28 23:59:59", "h1", "email_opened", "engaged", "email")
        self.assertEqual(counts([entry, late], []), [1, 0, 0, 0, 0])
        # A leap year: 31 August 2023 + 6 months ends on 29 February 2024 at 10:00.
        entry = interaction("2023-08-31 10:00:00", "h1", "email_sent", "neutral", "email")
        at_end = interaction("2024-02-29 10:00:00", "h1", "email_opened", "engaged", "email")
        after_end = interaction("2024-02-29 10:00:01", "h1", "email_opened", "engaged", "email")
        self.assertEqual(counts([entry, at_end], []), [1, 1, 0, 0, 0])
        self.assertEqual(counts([entry, after_end], []), [1, 0, 0, 0, 0])

    def test_a_month_with_zero_units_is_no_prescription_month_for_adoption(self):
        # January, March and June make 3 within 6; with March at 0 units, only 2.
        rx = [prescription("2025-01", "h1"), prescription("2025-03", "h1", units=0),
              prescription("2025-06", "h1")]
        self.assertEqual(counts(self.considered(), rx), [1, 1, 1, 1, 0])


if __name__ == "__main__":
    unittest.main()
