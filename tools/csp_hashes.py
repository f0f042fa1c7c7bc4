#!/usr/bin/env python3
"""Trunk post_build hook: allow the built index.html's inline scripts in its CSP by their hashes.

Trunk writes one inline <script type="module"> that loads the wasm. Rather than weakening the
Content-Security-Policy with 'unsafe-inline', this hook hashes each inline script (SHA-256, as the
CSP spec computes it over the exact text) and puts the hashes in place of CSP_INLINE_SCRIPT_HASHES.
Trunk's static nonce attributes are dropped: a nonce baked into a static file protects nothing.
"""
import base64
import hashlib
import os
import re
import sys

MARKER = "CSP_INLINE_SCRIPT_HASHES"


def main() -> int:
    staging = os.environ.get("TRUNK_STAGING_DIR") or (sys.argv[1] if len(sys.argv) > 1 else "dist")
    path = os.path.join(staging, "index.html")
    with open(path, encoding="utf-8") as handle:
        html = handle.read()
    html = re.sub(r'\snonce="[^"]*"', "", html)
    inline_scripts = re.findall(r"<script(?![^>]*\ssrc=)[^>]*>(.*?)</script>", html, flags=re.S)
    hashes = " ".join(
        "'sha256-%s'" % base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        for body in inline_scripts
    )
    if MARKER not in html:
        print("csp_hashes.py: no %s marker in %s" % (MARKER, path), file=sys.stderr)
        return 1
    html = html.replace(MARKER, hashes)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(html)
    print("csp_hashes.py: allowed %d inline script(s) by hash" % len(inline_scripts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
