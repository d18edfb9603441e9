#!/usr/bin/env bash
# Interleaved speed comparison of `replicate bench` with its PyTorch peer, scripts/torch_peer.py, under Debian's
# torch 1.13 (/usr/bin/python3) and, when TORCH2_PYTHON names its interpreter, the current CPU wheel (e.g. a venv:
# `python3 -m venv /opt/torch2 && /opt/torch2/bin/pip install torch numpy` from the CPU wheel index),
# on this machine, nothing else running. Rounds alternate the peers so clock drift hits them alike; every run
# is wrapped in /usr/bin/time -v for its peak RSS. One JSON line per run goes to OUT (default
# reports/bench/interleaved.jsonl); scripts/bench_summary.py prints the ratio table.
#
#   scripts/bench_interleaved.sh [ROUNDS] [WORKLOADS...]        e.g. scripts/bench_interleaved.sh 2 W1 W2 W3 W4 AUG
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-2}; shift || true
workloads=("$@"); [ ${#workloads[@]} -gt 0 ] || workloads=(W1 W2 W3 W4 AUG)
torch_peer=scripts/torch_peer.py
torch2=${TORCH2_PYTHON:-}
out=${OUT:-reports/bench/interleaved.jsonl}
exe=.build/release/replicate
mkdir -p "$(dirname "$out")"
[ -x "$exe" ] || swift build -c release
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

record() {  # peer workload round command...
    local peer=$1 w=$2 r=$3; shift 3
    local load; load=$(cut -d' ' -f1 /proc/loadavg)
    if /usr/bin/time -v -o "$tmp/time" "$@" > "$tmp/out" 2> "$tmp/err"; then
        local rss; rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tmp/time")
        python3 - "$peer" "$w" "$r" "$load" "$rss" "$tmp/out" >> "$out" <<'PY'
import json, sys
peer, w, r, load, rss, path = sys.argv[1:7]
lines = [l for l in open(path) if l.strip().startswith("{")]
print(json.dumps({"peer": peer, "workload": w, "round": int(r), "load_before": float(load),
                  "max_rss_kb": int(rss), "result": json.loads(lines[-1]) if lines else None}))
PY
        echo "round $r $w $peer: done (load before $load)" >&2
    else
        echo "round $r $w $peer: failed: $(tail -3 "$tmp/err")" >&2
    fi
}

for r in $(seq 1 "$rounds"); do
    for w in "${workloads[@]}"; do
        swift_w=$w; [ "$w" = AUG ] && swift_w=data
        # W4: the fair 2-thread peer for tiny GEMMs keeps OpenBLAS at 1 thread (torch_peer.py --help); 5 SGD epochs
        # instead of 100 keep a round short (the L-BFGS fit, the W4 target, is unaffected).
        extra=(); ours=()
        [ "$w" = W4 ] && extra=(--blas-threads 1 --probe-epochs 5) && ours=(--probe-epochs 5)
        record torch-1.13 "$w" "$r" /usr/bin/python3 "$torch_peer" --workload "$w" --threads 2 "${extra[@]}"
        # The wheel venv has no torchvision: AUG runs under Debian's torch only.
        if [ -n "$torch2" ] && [ -x "$torch2" ] && [ "$w" != AUG ]; then
            record torch-2 "$w" "$r" "$torch2" "$torch_peer" --workload "$w" --threads 2 "${extra[@]}"
        fi
        record replicate "$w" "$r" "$exe" bench --workload "$swift_w" --json "${ours[@]}"
    done
done
echo "wrote $out" >&2
