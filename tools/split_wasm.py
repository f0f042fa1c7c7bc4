#!/usr/bin/env python3
"""Trunk post_build hook: split the page's wasm per page, so the first download holds only the
shell and the Overview.

Each page other than the Overview is a `#[leptos::lazy]` function (crates/omnirx-web/src/ui/pages).
Trunk 0.21 has no step for that (trunk#1022), so this hook redoes the page's wasm from the raw
cargo output, which the wasm32 build links with `--emit-relocs` (.cargo/config.toml):

1. `wasm-split-cli` (wasm_split_cli_support, installed by ./x) cuts the raw wasm into the main
   module, one module per page (`split_*.wasm`), the code several pages share (`chunk_*.wasm`) and
   their loader (`__wasm_split.js`);
2. wasm-bindgen (the pinned version, `--keep-lld-exports`) writes the main module's glue over
   Trunk's, under Trunk's hashed name;
3. in release builds, wasm-opt -Os optimises every module (keeping the function names when
   OMNIRX_WASM_NAMES is set: `./x bench-profile`, whose profiles name the functions);
4. the loader and the modules go to `split-<hash of their bytes>/`, so a new build never meets an
   old chunk in a cache; the glue imports the loader from there and the loader the glue back;
5. in release builds, the main module's imports from its glue get short names (the glue's long
   `__wbg_<name>_<hash>` names and module name, 281 of them, cost 6 KB of the gzipped first
   download; the hashes do not compress), renamed alike in the glue;
6. in release builds, esbuild (installed by ./x) minifies the glue and the loader;
7. the integrity hashes Trunk wrote for the glue and the wasm are computed again;
8. the import worker's wasm, not split, loses the relocations the shared link flag left in it.

It runs before tools/wasm_integrity.py, tools/csp_hashes.py and tools/service_worker.py, which
then see the finished files (the service worker precaches the chunks too).
"""
import base64
import glob
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile

LOADER = "__wasm_split.js"


def run(*command):
    """Runs a tool; its output is shown, but for wasm-opt's warning about each module's name
    subsection 3 (names the linker writes and wasm-opt drops), once per module."""
    done = subprocess.run(command, capture_output=True, text=True)
    for line in (done.stdout + done.stderr).splitlines():
        if "unknown name subsection" not in line:
            print(line, file=sys.stderr)
    if done.returncode != 0:
        raise subprocess.CalledProcessError(done.returncode, command)


def read_leb(data, position):
    value, shift = 0, 0
    while True:
        byte = data[position]
        position += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte & 0x80 == 0:
            return value, position


def strip_relocations(path):
    """Drops the custom sections `--emit-relocs` leaves (`linking`, `reloc.*`) from a module that
    is not split (the import worker's): Trunk's wasm-opt keeps them, and they would add a third to
    its download. Returns the bytes saved."""
    with open(path, "rb") as handle:
        data = handle.read()
    kept, position = [data[:8]], 8
    while position < len(data):
        start = position
        section = data[position]
        size, body = read_leb(data, position + 1)
        end = body + size
        drop = False
        if section == 0:
            length, name_start = read_leb(data, body)
            name = data[name_start : name_start + length].decode("utf-8", "replace")
            drop = name == "linking" or name.startswith("reloc.")
        if not drop:
            kept.append(data[start:end])
        position = end
    stripped = b"".join(kept)
    with open(path, "wb") as handle:
        handle.write(stripped)
    return len(data) - len(stripped)


def write_leb(value):
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def short_names():
    """a, b, … Z, then aa, ab, …: names that are valid JS keys and never `__proto__`."""
    letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    for first in letters:
        yield first
    for first in letters:
        for second in letters:
            yield first + second


def skip_import_description(data, position):
    """The offset after an import's description (kind and type), which is copied as it is."""
    kind = data[position]
    position += 1
    if kind in (0, 4):  # function (type index), tag (attribute, type index)
        if kind == 4:
            position += 1
        _, position = read_leb(data, position)
    elif kind in (1, 2):  # table (reference type, limits), memory (limits)
        if kind == 1:
            position += 1
        flags = data[position]
        _, position = read_leb(data, position + 1)
        if flags & 1:
            _, position = read_leb(data, position)
    elif kind == 3:  # global (value type, mutability)
        position += 2
    else:
        raise ValueError("an import of unknown kind %d" % kind)
    return position


def shorten_glue_imports(wasm_path, glue_path, glue_module):
    """Renames the imports the main module takes from its glue (module `glue_module`) to short
    names, in the wasm's import section and in the glue's import object alike. Returns how many
    were renamed; any import the glue does not define exactly once stops the build."""
    with open(wasm_path, "rb") as handle:
        data = handle.read()
    with open(glue_path, encoding="utf-8") as handle:
        script = handle.read()
    out, position, renamed = [data[:8]], 8, 0
    names = short_names()
    module_name = "w"
    while position < len(data):
        start = position
        section = data[position]
        size, body = read_leb(data, position + 1)
        end = body + size
        if section != 2:
            out.append(data[start:end])
            position = end
            continue
        count, cursor = read_leb(data, body)
        entries = [write_leb(count)]
        for _ in range(count):
            length, cursor = read_leb(data, cursor)
            module = data[cursor : cursor + length].decode("utf-8")
            cursor += length
            length, cursor = read_leb(data, cursor)
            field = data[cursor : cursor + length].decode("utf-8")
            cursor += length
            described = skip_import_description(data, cursor)
            description = data[cursor:described]
            cursor = described
            if module == glue_module:
                short = next(names)
                key = "\n        %s: function(" % field
                if script.count(key) != 1:
                    raise ValueError("the glue does not define the import %s once" % field)
                script = script.replace(key, "\n        %s: function(" % short)
                module, field = module_name, short
                renamed += 1
            for text in (module, field):
                encoded = text.encode("utf-8")
                entries.append(write_leb(len(encoded)) + encoded)
            entries.append(description)
        payload = b"".join(entries)
        out.append(bytes([2]) + write_leb(len(payload)) + payload)
        position = end
    key = '\n        "%s": import0,' % glue_module
    if renamed and script.count(key) != 1:
        raise ValueError("the glue does not name its import module %s once" % glue_module)
    script = script.replace(key, "\n        %s: import0," % module_name)
    with open(wasm_path, "wb") as handle:
        handle.write(b"".join(out))
    with open(glue_path, "w", encoding="utf-8") as handle:
        handle.write(script)
    return renamed


def sri(path):
    with open(path, "rb") as handle:
        return "sha384-" + base64.b64encode(hashlib.sha384(handle.read()).digest()).decode()


def main() -> int:
    staging = os.environ.get("TRUNK_STAGING_DIR") or (sys.argv[1] if len(sys.argv) > 1 else "dist")
    profile = os.environ.get("TRUNK_PROFILE", "release")
    target = os.environ.get("CARGO_TARGET_DIR", "target")
    raw = os.path.join(target, "wasm32-unknown-unknown", profile, "omnirx-web.wasm")
    glue = glob.glob(os.path.join(staging, "omnirx-web-*.js"))
    if not os.path.exists(raw) or len(glue) != 1:
        print("split_wasm.py: no raw wasm at %s or not one page glue in %s" % (raw, staging), file=sys.stderr)
        return 1
    name = os.path.basename(glue[0])[: -len(".js")]
    work = tempfile.mkdtemp(prefix="omnirx-split-")
    try:
        split, bound = os.path.join(work, "split"), os.path.join(work, "bound")
        run("wasm-split-cli", raw, split, "--target", "web", "--out-name", "omnirx-web")
        run(
            "wasm-bindgen", "--target", "web", "--no-typescript", "--keep-lld-exports",
            "--no-demangle", "--out-name", name, "--out-dir", bound,
            os.path.join(split, "omnirx-web.wasm"),
        )
        modules = sorted(
            path for path in glob.glob(os.path.join(split, "*.wasm"))
            if os.path.basename(path) != "omnirx-web.wasm"
        )
        main_wasm = os.path.join(bound, name + "_bg.wasm")
        if profile == "release":
            names = ["--debuginfo"] if os.environ.get("OMNIRX_WASM_NAMES") else []
            for path in [main_wasm] + modules:
                run(
                    "wasm-opt", "-Os", "--enable-bulk-memory", "--enable-nontrapping-float-to-int",
                    *names, path, "-o", path,
                )
        with open(os.path.join(split, LOADER), encoding="utf-8") as handle:
            loader = handle.read()
        if 'from "./omnirx-web.js"' not in loader:
            print("split_wasm.py: the loader no longer imports ./omnirx-web.js", file=sys.stderr)
            return 1
        loader = loader.replace('from "./omnirx-web.js"', 'from "../%s.js"' % name)
        digest = hashlib.sha256(loader.encode())
        for path in modules:
            with open(path, "rb") as handle:
                digest.update(handle.read())
        directory = "split-" + digest.hexdigest()[:16]
        for old in glob.glob(os.path.join(staging, "split-*")):
            shutil.rmtree(old)
        os.makedirs(os.path.join(staging, directory))
        with open(os.path.join(staging, directory, LOADER), "w", encoding="utf-8") as handle:
            handle.write(loader)
        for path in modules:
            shutil.copy(path, os.path.join(staging, directory, os.path.basename(path)))
        with open(os.path.join(bound, name + ".js"), encoding="utf-8") as handle:
            script = handle.read()
        imports = 'from "./%s"' % LOADER
        if imports not in script:
            print("split_wasm.py: the glue does not import the loader", file=sys.stderr)
            return 1
        # Only the import statements: the wasm's own import module names stay as they are.
        script = script.replace(imports, 'from "./%s/%s"' % (directory, LOADER))
        with open(os.path.join(staging, name + ".js"), "w", encoding="utf-8") as handle:
            handle.write(script)
        shutil.copy(main_wasm, os.path.join(staging, name + "_bg.wasm"))
        if profile == "release":
            renamed = shorten_glue_imports(
                os.path.join(staging, name + "_bg.wasm"),
                os.path.join(staging, name + ".js"),
                "./%s_bg.js" % name,
            )
            print("split_wasm.py: %d imports from the glue renamed short" % renamed)
            for script_path in (
                os.path.join(staging, name + ".js"),
                os.path.join(staging, directory, LOADER),
            ):
                run(
                    "esbuild", "--minify", "--format=esm", "--log-level=warning",
                    "--allow-overwrite", script_path, "--outfile=" + script_path,
                )
    finally:
        shutil.rmtree(work, ignore_errors=True)

    index = os.path.join(staging, "index.html")
    with open(index, encoding="utf-8") as handle:
        html = handle.read()
    for file in (name + ".js", name + "_bg.wasm"):
        pattern = r'(href="\./%s"[^>]*integrity=")sha384-[^"]+(")' % re.escape(file)
        html, count = re.subn(pattern, r"\g<1>%s\g<2>" % sri(os.path.join(staging, file)), html)
        if count != 1:
            print("split_wasm.py: no integrity for %s in index.html" % file, file=sys.stderr)
            return 1
    with open(index, "w", encoding="utf-8") as handle:
        handle.write(html)
    print("split_wasm.py: %s split into %d modules under %s" % (name, len(modules), directory))
    for worker in glob.glob(os.path.join(staging, "omnirx-worker*_bg.wasm")):
        saved = strip_relocations(worker)
        print("split_wasm.py: %d bytes of relocations dropped from %s" % (saved, os.path.basename(worker)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
