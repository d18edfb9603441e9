#!/usr/bin/env bash
# Per-trial overhead of `--executor slurm`: 20 tiny trials (convnet-s, 3 steps of 8 images, 64 evaluation images)
# run once with the local executor and once as a Slurm job array, both from a release build.
#
#   overhead per trial = (driver wall time - sum of the trials' own wallSeconds) / 20
#
# The trials' own time is what TrialRunner measures (evaluating, training, evaluating); everything else is
# overhead: for Slurm, submission, scheduling, each task's process start and data loading, and polling. Each Slurm
# task gets as many CPUs as the node has (the default here), so tasks run one after another like the local run and
# both use the same BLAS thread count. Needs a cluster (SLURM_CONF; scripts/local_slurm_start.sh starts one here).
#
# Usage: scripts/slurm_overhead.sh [CPUS_PER_TASK]    (from the repository root, after swift build -c release)
set -euo pipefail
: "${SLURM_CONF:?start a cluster first: eval \"\$(bash scripts/local_slurm_start.sh)\"}"
bin=$(pwd)/.build/release/replicate
[[ -x $bin ]] || { echo "no $bin: run swift build -c release" >&2; exit 2; }
cpus=${1:-$(sinfo -h -o %c | sort -n | tail -1)}
work=$(mktemp -d /tmp/slurm-overhead.XXXXXX)
[[ ${KEEP:-0} == 1 ]] && echo "work folder: $work" >&2 || trap 'rm -rf "$work"' EXIT
mkdir -p "$work/papers" "$work/expected"
cat > "$work/papers/tiny.yaml" <<'SPEC'
version: 1
id: tiny
paper: {title: "Overhead probe", authors: [Nobody], venue: none, year: 2026, arxiv: "0000.00000"}
checklist:
  pseudocode: {answer: no, note: "-"}
  code: {answer: no, note: "-"}
  datasets: {answer: yes, note: "-"}
  splits: {answer: yes, note: "-"}
  hardware: {answer: no, note: "-"}
  software: {answer: no, note: "-"}
  setup: {answer: yes, note: "-"}
hardware: {description: "not stated"}
data: {dataset: fashion-mnist, train_split: train, eval_train_split: train, eval_test_split: test, image_size: 28}
augment: {random_resized_crop: {size: 28, scale: [0.2, 1.0]}, horizontal_flip: 0.5}
model: {backbone: convnet-s, projector: {hidden: [32], output: 16, batch_norm: true}}
methods:
  - {id: contrastive, label: NT-Xent, loss: {name: nt-xent, temperature: 0.5}}
optimizer: {name: sgd, lr: 0.12, momentum: 0.9, weight_decay: 5.0e-4}
schedule: {name: constant}
epochs: 1
batch_size: 8
seeds: 20
evaluation:
  - {id: retrieval, protocol: retrieval, features: projector, test_subset: 64}
claims:
  - {id: sanity.finite, kind: sanity, check: finite, metric: loss}
variants:
  smoke: {steps: 3}
SPEC
printf 'version: 1\npaper: tiny\nrows: []\n' > "$work/expected/tiny.yaml"

run() {  # run NAME ARGS...: prints "NAME wall sum n"
  local name=$1; shift
  local t0 t1
  t0=$(date +%s.%N)
  "$bin" --paper tiny --root "$work" --reports "$work/$name" --quiet "$@" > "$work/$name.out" 2>&1 || true
  t1=$(date +%s.%N)
  python3 - "$name" "$t0" "$t1" "$work/$name" <<'PY'
import glob, json, sys
name, t0, t1, root = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
rec = json.load(open(glob.glob(f"{root}/tiny/*/results.json")[0]))
own = sum(t["wallSeconds"] for t in rec["trials"])
n = len(rec["trials"])
errors = sum(1 for t in rec["trials"] if t.get("error"))
print(f"{name:6s} trials {n}  errors {errors}  wall {t1 - t0:6.1f} s  trials' own time {own:6.1f} s  "
      f"overhead {(t1 - t0 - own) / n:5.2f} s per trial")
PY
}
run local
run slurm --executor slurm --cpus-per-task "$cpus" --time 10 --mem 2G
