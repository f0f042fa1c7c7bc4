#!/usr/bin/env python3
"""Trunk post_build hook: write sw.js, the service worker that lets OmniRx start offline.

It lists every file of the build (index.html, the hashed page .js/.wasm, the import worker's
files, CSS, icons, the manifest, the JSON Schema), names the cache after a hash of their names and
contents (a new build, a new cache; the same build, the same cache), and writes
tools/service-worker.js with both filled in. It runs after tools/wasm_integrity.py and
tools/csp_hashes.py, so the index.html it hashes is the one that is served.
"""
import hashlib
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TEMPLATE = os.path.join(HERE, "service-worker.js")
NAME = "sw.js"


def main() -> int:
    staging = os.environ.get("TRUNK_STAGING_DIR") or (sys.argv[1] if len(sys.argv) > 1 else "dist")
    files = []
    for directory, _, names in os.walk(staging):
        for name in names:
            path = os.path.relpath(os.path.join(directory, name), staging).replace(os.sep, "/")
            if path != NAME:
                files.append(path)
    files.sort()
    if "index.html" not in files:
        print("service_worker.py: no index.html in %s" % staging, file=sys.stderr)
        return 1
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.encode("utf-8") + b"\0")
        with open(os.path.join(staging, path), "rb") as handle:
            digest.update(handle.read())
        digest.update(b"\0")
    version = digest.hexdigest()[:16]
    with open(TEMPLATE, encoding="utf-8") as handle:
        script = handle.read()
    script = script.replace("__OMNIRX_VERSION__", version).replace(
        "__OMNIRX_FILES__", json.dumps(files, indent=2)
    )
    with open(os.path.join(staging, NAME), "w", encoding="utf-8") as handle:
        handle.write(script)
    print("service_worker.py: %s precaches %d files as omnirx-%s" % (NAME, len(files), version))
    return 0


if __name__ == "__main__":
    sys.exit(main())
