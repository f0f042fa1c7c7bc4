#!/usr/bin/env python3
"""Runs the peer page in headless Chromium on a workspace and compares its counts with the CLI.

Usage: browser_check.py WORKSPACE.json [--runs N] [--skip-convert] [--result-only]

Writes the workspace's CSV files into tools/peer/data/ (unless --skip-convert), serves
tools/peer/ with `python3 -m http.server` on 127.0.0.1, opens index.html?runs=N in headless
Chromium through chromedriver (python selenium; `pip install selenium`), waits for
window.peerResult, prints it, and compares its counts with
`omnirx funnel WORKSPACE.json --funnel f-default --json` (OMNIRX_CLI, by default
/tmp/peer-target/release/omnirx). Exits with 1 when the counts differ, 2 on any failure.
With --result-only it prints window.peerResult as one line of JSON and runs no CLI (with
--skip-convert the WORKSPACE argument is then not read at all).

Chromium and chromedriver are the system's (/usr/bin); nothing is downloaded. Chromium's
`--dump-dom` cannot be used instead: it dumps the page before the DuckDB worker has finished,
even with a large --virtual-time-budget, because virtual time does not wait for a worker.
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import check_counts  # noqa: E402  (the CLI runner lives beside this script)
import workspace_to_csv  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
# Generous, because the large workspace's CSV parse in wasm takes a while on two cores; the
# page reports its own errors, so this limit only catches a page that hangs.
PAGE_LIMIT_SECONDS = 900


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_server(port, server):
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("http.server exited early")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("http.server did not start listening")


def run_page(port, runs):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="peer-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
        # Every host name but the loopback address fails to resolve, so the run proves that the
        # page needs nothing from outside this machine.
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    ]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    try:
        driver.set_script_timeout(30)
        started = time.monotonic()
        driver.get(f"http://127.0.0.1:{port}/index.html?runs={runs}")
        while time.monotonic() - started < PAGE_LIMIT_SECONDS:
            result = driver.execute_script("return window.peerResult === undefined ? null : window.peerResult;")
            if result is not None:
                shown = driver.find_element("id", "result").text
                return result, shown, time.monotonic() - started
            time.sleep(0.5)
        raise RuntimeError(f"no window.peerResult after {PAGE_LIMIT_SECONDS} s")
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def main(arguments):
    if not arguments or arguments[0].startswith("-"):
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    workspace_path = arguments[0]
    runs = 5
    convert = True
    result_only = False
    rest = arguments[1:]
    while rest:
        if rest[0] == "--runs" and len(rest) > 1:
            runs = int(rest[1])
            rest = rest[2:]
        elif rest[0] == "--skip-convert":
            convert = False
            rest = rest[1:]
        elif rest[0] == "--result-only":
            result_only = True
            rest = rest[1:]
        else:
            print(__doc__.strip().splitlines()[2], file=sys.stderr)
            return 2

    if convert:
        workspace_to_csv.convert(workspace_path, os.path.join(HERE, "data"))
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", HERE],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_server(port, server)
        result, shown, seconds = run_page(port, runs)
    except Exception as error:  # noqa: BLE001  (any failure means no comparison)
        print(f"the page could not be run: {error}", file=sys.stderr)
        return 2
    finally:
        server.terminate()
        server.wait(timeout=10)

    if result_only:
        print(json.dumps(result))
        return 2 if "error" in result else 0
    print(f"page finished in {seconds:.1f} s; window.peerResult:")
    print(json.dumps(result, indent=2))
    if "error" in result:
        return 2
    if json.loads(shown) != result:
        print("the page's text differs from window.peerResult", file=sys.stderr)
        return 2
    cli = check_counts.cli_counts(workspace_path)
    print(f"CLI     counts: {cli}")
    print(f"browser counts: {result['counts']}")
    if cli == result["counts"]:
        print("equal: yes")
        return 0
    print("equal: NO")
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
