#!/usr/bin/python3
"""Reference values and gradients for the memory losses (MoCo, instance discrimination, Ring), in plain PyTorch.

Run with Debian's interpreter (torch 1.13 lives in its dist-packages):
    /usr/bin/python3 scripts/method_reference.py
It writes Tests/ContrastiveTests/Fixtures/method_reference.json. Inputs (queries, keys, a queue, a memory bank,
image indices and the sampled negatives) are generated here from fixed seeds, rounded to float32 and stored, so the
Swift tests see the exact values and feed the same sampled indices: sampling is not part of the comparison.
References are computed in float64, following the Ring code's formulas (github.com/mhw32/contrastive-ring-public
@fb3e1c2, src/objectives/{moco,instdisc,memory}.py and src/utils/policy.py):
  * moco:  cat([sum(q*k), q @ queue.T]) / t, cross-entropy toward column 0 (q, k L2-normalised).
  * instance-discrimination: columns [index, draws...] of q @ bank.T, logsumexp over them / t, minus the positive.
  * ring:  sort q @ candidates.T descending; outer = int(w_out * M); inner = int(w_in * outer); ring = [inner, outer);
           IR-Ring (bank): the positive is bank[index], k-1 ring entries at the given positions;
           MoCo-Ring (queue): the positive is q.k, all ring entries; positive in the denominator.
           Annealed: w_out = LinearThresholdPolicy(total, int(max_anneal_epoch * steps_per_epoch), 1.0, outer)[step].
  * bank update: normalize(m * bank[index] + (1 - m) * normalize(q)).
"""
import json
import os

import numpy as np
import torch
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "ContrastiveTests", "Fixtures",
                   "method_reference.json")

N, D, K, M, DRAWS = 6, 8, 32, 40, 10


def moco(q, k, queue, temperature):
    q, k = F.normalize(q, dim=1), F.normalize(k, dim=1)
    logits = torch.cat([(q * k).sum(dim=1, keepdim=True), q @ queue.t()], dim=1) / temperature
    return F.cross_entropy(logits, torch.zeros(q.shape[0], dtype=torch.long))


def instance_discrimination(q, bank, indices, draws, temperature):
    q = F.normalize(q, dim=1)
    columns = torch.cat([indices.unsqueeze(1), draws], dim=1)
    scores = (bank[columns] * q.unsqueeze(1)).sum(dim=2) / temperature
    positive = (bank[indices] * q).sum(dim=1) / temperature
    return -(positive - torch.logsumexp(scores, dim=1)).mean()


def ring(q, candidates, temperature, outer, inner, key=None, indices=None, draws=None):
    q = F.normalize(q, dim=1)
    all_scores = q @ candidates.t() / temperature
    m = candidates.shape[0]
    sorted_scores, _ = torch.sort(all_scores, dim=1, descending=True)
    outer_idx = int(outer * m)
    inner_idx = int(inner * sorted_scores[:, :outer_idx].shape[1])
    ring_scores = sorted_scores[:, :outer_idx][:, inner_idx:]
    if draws is not None:
        ring_scores = torch.gather(ring_scores, 1, draws)
    if key is not None:
        positive = (q * F.normalize(key, dim=1)).sum(dim=1) / temperature
    else:
        positive = (candidates[indices] * q).sum(dim=1) / temperature
    ring_scores = torch.cat([positive.unsqueeze(1), ring_scores], dim=1)
    return -(positive - torch.logsumexp(ring_scores, dim=1)).mean()


def linear_threshold(total_steps, max_anneal_step, init_thres, min_thres, step):
    schedule = np.concatenate([np.linspace(min_thres, init_thres, max_anneal_step)[::-1],
                               np.ones(total_steps - max_anneal_step + 1) * min_thres])
    return float(schedule[step])


def floats(t):
    return [float(v) for v in t.reshape(-1).tolist()]


def make_inputs():
    g = torch.Generator().manual_seed(7)
    q = torch.randn(N, D, generator=g)
    k = q + 0.7 * torch.randn(N, D, generator=g)
    queue = F.normalize(torch.randn(K, D, generator=g), dim=1)
    bank = F.normalize(torch.randn(M, D, generator=g), dim=1)
    indices = torch.randperm(M, generator=g)[:N]
    # As after some training: an image's bank row is near its query.
    bank[indices] = F.normalize(q + 0.7 * torch.randn(N, D, generator=g), dim=1)
    draws = torch.randint(0, M, (N, DRAWS), generator=g)
    return {"q": q.float(), "k": k.float(), "queue": queue.float(), "bank": bank.float(), "indices": indices,
            "draws": draws}


def main():
    inp = make_inputs()
    g = torch.Generator().manual_seed(8)
    cases = []

    def run(loss, params, fn, draws=None, key=True, position=None):
        q = inp["q"].double().clone().requires_grad_(True)
        k = inp["k"].double().clone().requires_grad_(True)
        value = fn(q, k)
        value.backward()
        case = {"loss": loss, "parameters": params, "value": value.item(), "grad_q": floats(q.grad),
                "grad_k": floats(k.grad) if key else None,
                "draws": [int(v) for v in draws.reshape(-1).tolist()] if draws is not None else None,
                "position": position}
        cases.append(case)

    queue, bank, indices = inp["queue"].double(), inp["bank"].double(), inp["indices"]
    for t in (0.07, 0.2):
        run("moco", {"temperature": t}, lambda q, k: moco(q, k, queue, t))
        run("instance-discrimination", {"temperature": t},
            lambda q, k: instance_discrimination(q, bank, indices, inp["draws"], t), draws=inp["draws"], key=False)
    for outer, inner in ((0.5, 0.25), (0.1, 0.1), (1.0, 0.0), (0.8, 0.5)):
        params = {"temperature": 0.07, "outer": outer, "inner": inner}
        run("ring", params, lambda q, k: ring(q, queue, 0.07, outer, inner, key=k))
        ring_size = int(outer * M) - int(inner * int(outer * M))
        draws = torch.randint(0, ring_size, (N, DRAWS), generator=g)
        run("ring", params, lambda q, k: ring(q, bank, 0.07, outer, inner, indices=indices, draws=draws),
            draws=draws, key=False)
    # Linear annealing of w_out from 1.0 to outer = 0.1 over 2 epochs of 5 steps, at step 3 and after it.
    for step in (0, 3, 12):
        w_out = linear_threshold(40, 10, 1.0, 0.1, step)
        params = {"temperature": 0.07, "outer": 0.1, "inner": 0.1, "linear_anneal": 1, "max_anneal_epoch": 2}
        run("ring", params, lambda q, k: ring(q, queue, 0.07, w_out, 0.1, key=k),
            position={"step": step, "stepsPerEpoch": 5, "outer": w_out})

    updates = []
    for m in (0.0, 0.5):
        qn = F.normalize(inp["q"].double(), dim=1)
        after = bank.clone()
        after[indices] = F.normalize(m * bank[indices] + (1 - m) * qn, dim=1)
        updates.append({"momentum": m, "bank": floats(after)})

    doc = {
        "generator": "scripts/method_reference.py",
        "torch": torch.__version__,
        "n": N, "d": D, "k": K, "m": M,
        "q": floats(inp["q"]), "key": floats(inp["k"]), "queue": floats(inp["queue"]), "bank": floats(inp["bank"]),
        "indices": [int(v) for v in indices.tolist()],
        "cases": cases,
        "bank_updates": updates,
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    print(f"wrote {len(cases)} loss cases and {len(updates)} bank updates to {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
