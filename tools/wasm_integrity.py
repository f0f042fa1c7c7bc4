#!/usr/bin/env python3
"""Trunk post_build hook: make the browser check the wasm's integrity hash before running it.

Trunk puts the wasm's sha384 on a <link rel="preload"> only; its loader then fetches the wasm
again with a plain fetch(), which a changed file passes. This hook makes the loader fetch the wasm
with the same `integrity`, so one changed byte stops the app from starting, and shows a message in
the boot placeholder instead of "Loading…" forever. It runs before tools/csp_hashes.py, which then
allows the rewritten loader by its hash.
"""
import os
import re
import sys

FAILURE_MESSAGE = (
    "OmniRx 无法启动：应用文件已损坏或不完整，请刷新页面。\n"
    "OmniRx could not start: its files are damaged or incomplete. Reload the page."
)


def main() -> int:
    staging = os.environ.get("TRUNK_STAGING_DIR") or (sys.argv[1] if len(sys.argv) > 1 else "dist")
    path = os.path.join(staging, "index.html")
    with open(path, encoding="utf-8") as handle:
        html = handle.read()
    preload = re.search(
        r'<link rel="preload" href="(\./[^"]+_bg\.wasm)"[^>]*integrity="(sha384-[^"]+)"', html
    )
    loader = re.search(r"const wasm = await init\(\{ module_or_path: '(\./[^']+_bg\.wasm)' \}\);", html)
    if not preload or not loader or preload.group(1) != loader.group(1):
        print("wasm_integrity.py: Trunk's wasm preload or loader changed shape in %s" % path, file=sys.stderr)
        return 1
    url, integrity = preload.group(1), preload.group(2)
    checked_loader = (
        "let wasm;\n"
        "try {\n"
        "  wasm = await init({ module_or_path: fetch('%s', { integrity: '%s' }) });\n"
        "} catch (error) {\n"
        "  const boot = document.getElementById('boot');\n"
        "  if (boot) {\n"
        "    boot.classList.add('boot-failed');\n"
        "    boot.setAttribute('role', 'alert');\n"
        "    boot.setAttribute('data-testid', 'boot-failed');\n"
        "    boot.lastElementChild.textContent = %r;\n"
        "  }\n"
        "  throw error;\n"
        "}" % (url, integrity, FAILURE_MESSAGE)
    )
    html = html[: loader.start()] + checked_loader + html[loader.end() :]
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(html)
    print("wasm_integrity.py: the loader checks %s against %s" % (url, integrity))
    return 0


if __name__ == "__main__":
    sys.exit(main())
