#!/usr/bin/env python3
"""Prints the ratio table of scripts/bench_interleaved.sh's JSON lines (default reports/bench/interleaved.jsonl).

For each workload: the median over rounds of each peer's median step time (W1-W3), L-BFGS wall time (W4) or
views per second (AUG vs the engine's crop-flip data workload), the engine's speed-up over each torch, the ratio
to the faster torch, and each peer's peak RSS (max over rounds, /usr/bin/time -v).
"""
import json
import statistics
import sys

path = sys.argv[1] if len(sys.argv) > 1 else "reports/bench/interleaved.jsonl"
rows = [json.loads(l) for l in open(path) if l.strip()]


def seconds(row):
    """Seconds per unit of work, lower is better; None when the run has no figure."""
    r, w = row["result"], row["workload"]
    if r is None:
        return None
    if w in ("W1", "W2", "W3"):
        return r["step_s"]["median"] if "step_s" in r else r["stepSeconds"]["median"]
    if w == "W4":
        if "torch_lbfgs_fullbatch_100it" in r:
            return r["torch_lbfgs_fullbatch_100it"]["wall_s"]["median"]
        return (r.get("lbfgs") or {}).get("wallSeconds", {}).get("median")
    if w == "AUG":
        if "torchvision_per_image_tensor" in r:
            return 1 / r["torchvision_per_image_tensor"]["views_per_s_median"]
        crop = [x for x in r.get("results", []) if x["recipe"] == "crop-flip"]
        return crop[0]["seconds"] / crop[0]["views"] if crop else None
    return None


unit = {"W1": "s/step", "W2": "s/step", "W3": "s/step", "W4": "L-BFGS s", "AUG": "s/view"}
print("| workload | torch 1.13 | torch 2 | replicate | vs 1.13 | vs 2 | vs faster | peak RSS MiB (1.13 / 2 / replicate) |")
print("|---|---|---|---|---|---|---|---|")
for w in ["W1", "W2", "W3", "W4", "AUG"]:
    by = {}
    rss = {}
    for row in rows:
        if row["workload"] != w:
            continue
        s = seconds(row)
        if s is not None:
            by.setdefault(row["peer"], []).append(s)
        rss[row["peer"]] = max(rss.get(row["peer"], 0), row["max_rss_kb"] / 1024)
    if not by:
        continue
    med = {p: statistics.median(v) for p, v in by.items()}
    ours = med.get("replicate")
    fmt = lambda x: "–" if x is None else (f"{x:.4g}")
    ratio = lambda p: "–" if ours is None or p not in med else f"{med[p] / ours:.2f}×"
    peers = [med[p] for p in ("torch-1.13", "torch-2") if p in med]
    faster = f"{min(peers) / ours:.2f}×" if ours and peers else "–"
    n = {p: len(v) for p, v in by.items()}
    print(f"| {w} ({unit[w]}, rounds {n}) | {fmt(med.get('torch-1.13'))} | {fmt(med.get('torch-2'))} | {fmt(ours)} | "
          f"{ratio('torch-1.13')} | {ratio('torch-2')} | {faster} | "
          f"{rss.get('torch-1.13', 0):.0f} / {rss.get('torch-2', 0):.0f} / {rss.get('replicate', 0):.0f} |")
