#!/usr/bin/env python3
"""Writes the hand-made seeds of fuzz/corpus/ (files named seed-*); run from anywhere.

The seeds are small on purpose: a whole demo file (500 KB) makes every run slow. The `small-*`
seed is the test fixture cut down to a few records of each kind, with every kind of record,
funnel step, segment rule and journey part still in it. The fuzzer adds its own finds next to
these (hash-named files), and `cargo fuzz cmin` keeps the set small.
"""

import json
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURE = os.path.join(HERE, "..", "tests", "fixtures", "workspace-v1.omnirx.json")
IMPORT = os.path.join(HERE, "corpus", "import_workspace")
CSV = os.path.join(HERE, "corpus", "csv_export")


def write(folder, name, data):
    os.makedirs(folder, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(folder, "seed-" + name), "wb") as file:
        file.write(data)


def envelope(workspace, version=1):
    return {"type": "omnirx-workspace", "version": version, "source": "OmniRx 0.1.0", "workspace": workspace}


def pretty(value):
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def small_workspace():
    """The fixture with a few records of each kind, references kept whole."""
    workspace = json.load(open(FIXTURE, encoding="utf-8"))["workspace"]
    hcps = workspace["hcps"][:4]
    hcp_ids = {hcp["id"] for hcp in hcps}
    account_ids = {hcp["account_id"] for hcp in hcps}
    workspace["hcps"] = hcps
    workspace["accounts"] = [a for a in workspace["accounts"] if a["id"] in account_ids]
    territory_ids = {a.get("territory_id") for a in workspace["accounts"]}
    territory_ids |= {r.get("territory_id") for r in workspace["reps"]}
    workspace["territories"] = [t for t in workspace["territories"] if t["id"] in territory_ids]
    kinds_seen = set()
    interactions = []
    for interaction in workspace["interactions"]:
        key = (interaction["kind"], interaction.get("outcome"))
        if interaction["hcp_id"] in hcp_ids and key not in kinds_seen:
            kinds_seen.add(key)
            interactions.append(interaction)
    workspace["interactions"] = interactions[:12]
    workspace["prescriptions"] = [
        p for p in workspace["prescriptions"] if p.get("hcp_id") in hcp_ids
    ][:6]
    workspace["targets"] = workspace["targets"][:3]
    journey = workspace["journeys"][0]
    journey["cards"] = journey["cards"][:: max(1, len(journey["cards"]) // 8)]
    # Cohort counts of the first two months; keep any entry with a field the first ones lack.
    keys = set()
    cohort = []
    for index, entry in enumerate(journey["cohort"]):
        if index < 12 or not set(entry) <= keys:
            cohort.append(entry)
        keys |= set(entry)
    journey["cohort"] = cohort
    workspace["journeys"] = [journey]
    return workspace


def import_seeds():
    minimal = envelope({"settings": {"name": "x"}})
    write(IMPORT, "minimal.json", json.dumps(minimal))
    write(IMPORT, "minimal-bom.json", b"\xef\xbb\xbf" + json.dumps(minimal).encode())
    small = small_workspace()
    write(IMPORT, "small-fixture.json", json.dumps(envelope(small), ensure_ascii=False, separators=(",", ":")))
    text = json.dumps(envelope(small), ensure_ascii=False)
    write(IMPORT, "truncated.json", text[: len(text) // 3])
    write(IMPORT, "empty", b"")
    write(IMPORT, "not-utf8.json", b'{"type":"omnirx-workspace","version":1,"workspace":{"settings":{"name":"\xff\xfe"}}}')
    write(IMPORT, "deep-array.json", "[" * 300 + "]" * 300)
    write(IMPORT, "deep-in-workspace.json",
          '{"type":"omnirx-workspace","version":1,"workspace":{"settings":{"name":' + "[" * 140 + "]" * 140 + "}}}")
    write(IMPORT, "newer-version.json", json.dumps(envelope({"settings": {"name": "x"}}, version=99)))
    write(IMPORT, "version-zero.json", json.dumps(envelope({"settings": {"name": "x"}}, version=0)))
    write(IMPORT, "version-text.json", '{"type":"omnirx-workspace","version":"1","workspace":{}}')
    write(IMPORT, "version-float.json", '{"type":"omnirx-workspace","version":1.0,"workspace":{"settings":{"name":"x"}}}')
    write(IMPORT, "no-workspace.json", '{"type":"omnirx-workspace","version":1}')
    write(IMPORT, "wrong-type.json", '{"type":"something-else","version":1,"workspace":{}}')
    write(IMPORT, "duplicate-key.json",
          '{"type":"omnirx-workspace","version":1,"version":1,"workspace":{"settings":{"name":"a","name":"b"}}}')
    # Repairs: a blank name and exact copies, so the round trip starts from a repaired workspace.
    repaired = {
        "settings": {"name": "  \t", "demo": True},
        "regions": [{"id": "r", "name": "R"}, {"id": "r", "name": "R"}],
        "products": [{"id": "p", "name": "P"}, {"id": "p", "name": "P"}],
        "channels": [{"id": "c", "name": "C", "kind": "rep_visit"}],
        "accounts": [{"id": "a", "name": "A", "account_type": "tertiary_hospital", "region_id": "r"}],
        "hcps": [{"id": "h", "name": "H", "account_id": "a", "specialty": "cardiology",
                  "title": "resident_physician", "prescribing_potential": 0, "influence": "none"}],
        "interactions": [{"at": "2025-06-03T08:00:00+08:00", "hcp_id": "h", "channel_id": "c",
                          "kind": "visit", "outcome": "engaged", "note": "\u0000\u202e=cmd|' /C calc'!A0"}],
        "prescriptions": [{"period": "2025-06", "account_id": "a", "product_id": "p", "units": 0,
                           "value": 0.30000000000000004},
                          {"period": "2199-12", "hcp_id": "h", "product_id": "p", "units": 1,
                           "value": -0.0}],
        "targets": [{"period": "1900-01", "product_id": "p", "units": 1, "value": 1e300}],
    }
    write(IMPORT, "repairs.json", pretty(envelope(repaired)))
    invalid = json.loads(json.dumps(repaired))
    invalid["interactions"][0]["hcp_id"] = "missing"
    invalid["prescriptions"][0]["units"] = -1
    invalid["targets"][0]["period"] = "2025-13"
    write(IMPORT, "invalid.json", pretty(envelope(invalid)))
    write(IMPORT, "hostile-strings.json",
          '{"type":"omnirx-workspace","version":1,"workspace":{"settings":{"name":"\\ud800\\udc00 \\u0000 '
          '\\u202e \\ud83d\\ude00 \\"\\\\/\\b\\f\\n\\r\\t","time_zone":"../../etc/passwd","currency":"",'
          '"data_language":"\\udbff\\udfff"}}}')
    write(IMPORT, "lone-surrogate.json",
          '{"type":"omnirx-workspace","version":1,"workspace":{"settings":{"name":"\\ud800"}}}')
    write(IMPORT, "big-numbers.json",
          '{"type":"omnirx-workspace","version":18446744073709551616,"workspace":{"settings":{"name":"x"},'
          '"prescriptions":[{"period":"2025-01","account_id":"a","product_id":"p","units":1e400,"value":1e400}]}}')


def csv_seeds():
    # The CSV target reads its input through `arbitrary`, so any bytes are a table; a few shapes of
    # different lengths help it start with several columns and rows.
    write(CSV, "empty", b"")
    write(CSV, "zeros", bytes(64))
    write(CSV, "text", "=HYPERLINK(\"http://x\"),@SUM(1)\r\n+1 -1 \t\r ＝＋－＠ 王芳 👩‍⚕️ \"q\" , ".encode() * 2)
    write(CSV, "numbers", struct.pack("<16d", -0.0, 1e-300, -1e-300, 1e300, float("nan"), float("inf"),
                                      -5.5, 0.125, 2.5, -2.5, 1 / 3, 1e21, 9007199254740993, -1, 0, 123.456)
          + bytes(range(256)))
    write(CSV, "ascending", bytes(range(256)) * 2)


def dictionary_entry(token):
    """One line of a libFuzzer dictionary: the bytes in quotes, escaped as libFuzzer reads them."""
    out = []
    for byte in token.encode("utf-8") if isinstance(token, str) else token:
        if byte in (ord("\\"), ord('"')):
            out.append("\\" + chr(byte))
        elif 0x20 <= byte < 0x7F:
            out.append(chr(byte))
        else:
            out.append("\\x%02X" % byte)
    return '"' + "".join(out) + '"'


def dictionary():
    """import_workspace.dict: JSON syntax, every key and enum-like value of the fixture, dates."""
    tokens = ["{", "}", "[", "]", ":", ",", '"', "true", "false", "null", "-0", "0.0", "1e400",
              "-1", "18446744073709551616", "0.30000000000000004", "\\u0000", "\\ud800",
              "\\ud83d\\ude00", '\\"', b"\xef\xbb\xbf", '"omnirx-workspace"', '"version":1',
              '"workspace":{"settings":{"name":"x"}}', "T00:00:00Z", "+08:00", "-04:00", "+14:00",
              '"2025-06-03T09:30:00Z"', '"2025-06"', '"2025-06-03"', '"1900-01-01T00:00:00Z"',
              '"2199-12-31T23:59:59Z"', '"1900-01"', '"2199-12"', '"2024-02-29"']
    words = set()

    def walk(value):
        if isinstance(value, dict):
            for key, inner in value.items():
                words.add(key)
                walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)
        elif isinstance(value, str) and value.isascii() and value.replace("_", "").isalnum() \
                and value.islower() and len(value) <= 24:
            words.add(value)

    walk(json.load(open(FIXTURE, encoding="utf-8")))
    lines = ["# JSON syntax and the workspace file's keys and values; written by make_seeds.py."]
    lines += [dictionary_entry(token) for token in tokens]
    lines += [dictionary_entry('"' + word + '"') for word in sorted(words)]
    with open(os.path.join(HERE, "import_workspace.dict"), "w", encoding="utf-8") as file:
        file.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    import_seeds()
    csv_seeds()
    dictionary()
