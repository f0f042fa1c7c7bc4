#!/usr/bin/env bash
# Fuzzes the domain code for SECONDS per target (default 30) with cargo-fuzz, and fails if any
# target finds a crash, a panic, a timeout or runs out of memory. See fuzz/README.md.
#
#   bash tools/fuzz.sh [SECONDS]
#
# Installs what is missing, and only that: the nightly toolchain (cargo-fuzz needs it for the
# sanitizer and coverage flags) and cargo-fuzz at the pinned version. The committed corpus in
# fuzz/corpus/<target> is read but never written: what a run finds goes to a temporary directory
# that is deleted afterwards, so a run leaves the work tree clean. Each target's whole libFuzzer
# output is kept in fuzz/artifacts/<target>.log, and a crashing input in fuzz/artifacts/<target>/.
#
# Environment:
#   FUZZ_SANITIZER   none (default) or address. The default builds without AddressSanitizer:
#                    OmniRx has no `unsafe` code, so ASan could only catch memory errors inside
#                    dependencies, while it makes the first build about 4 minutes longer on 2 cores
#                    and the targets 2.5-6 times slower. Panics, overflows (debug assertions are
#                    on), timeouts and memory blow-ups are found either way. Long runs use address.
#   FUZZ_KEEP_CORPUS a directory: new inputs go to FUZZ_KEEP_CORPUS/<target> and are kept
#                    (for a long run whose finds are then merged into the corpus: fuzz/README.md).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

CARGO_FUZZ_VERSION=0.13.2
TARGETS=(import_workspace csv_export)
seconds="${1:-30}"
sanitizer="${FUZZ_SANITIZER:-none}"
if ! [[ "$seconds" =~ ^[1-9][0-9]*$ ]]; then
    echo "usage: bash tools/fuzz.sh [SECONDS]   (SECONDS per target, a whole number from 1)" >&2
    exit 2
fi

if ! rustup run nightly rustc --version >/dev/null 2>&1; then
    echo "fuzz: installing the nightly toolchain"
    rustup toolchain install nightly --profile minimal
fi
if [[ "$(cargo-fuzz --version 2>/dev/null || true)" != "cargo-fuzz $CARGO_FUZZ_VERSION" ]]; then
    echo "fuzz: installing cargo-fuzz $CARGO_FUZZ_VERSION"
    cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked --force
fi

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
mkdir -p fuzz/artifacts

build_start=$SECONDS
cargo +nightly fuzz build --sanitizer "$sanitizer"
echo "fuzz: built both targets (sanitizer: $sanitizer) in $((SECONDS - build_start)) s"

# Per-target libFuzzer options: the dictionary, and room for inputs as large as a small workspace.
options_for() {
    case "$1" in
        import_workspace) echo "-dict=fuzz/import_workspace.dict -max_len=65536" ;;
        *) echo "" ;;
    esac
}

summaries=()
failed=0
for target in "${TARGETS[@]}"; do
    new_corpus="$scratch/$target"
    if [[ -n "${FUZZ_KEEP_CORPUS:-}" ]]; then
        new_corpus="$FUZZ_KEEP_CORPUS/$target"
    fi
    mkdir -p "$new_corpus" "fuzz/artifacts/$target"
    log="fuzz/artifacts/$target.log"
    # libFuzzer writes new inputs into the first corpus directory only.
    # shellcheck disable=SC2046
    if cargo +nightly fuzz run --sanitizer "$sanitizer" "$target" "$new_corpus" "fuzz/corpus/$target" -- \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        $(options_for "$target") >"$log" 2>&1; then
        result="ok"
    else
        result="FAILED (see $log)"
        failed=1
        echo "fuzz: $target failed; the panic, if any, and the end of its log:" >&2
        grep -A 6 "panicked at" "$log" | head -n 20 >&2 || true
        tail -n 30 "$log" >&2
    fi
    runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)"
    rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)"
    rss="$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -n 1)"
    coverage="$(grep -Eo 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -n 1 || true)"
    took="$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -n 1)"
    input="$(sed -n 's/.*Test unit written to //p' "$log" | tail -n 1)"
    summary="$target: ${runs:-?} runs in ${took:-?} s (${rate:-?}/s), ${coverage:-cov ?}, peak RSS ${rss:-?} MB: $result"
    if [[ -n "$input" ]]; then
        summary+=", input $input"
    fi
    summaries+=("$summary")
done

printf 'fuzz: %s\n' "${summaries[@]}"
exit "$failed"
