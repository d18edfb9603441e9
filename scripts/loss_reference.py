#!/usr/bin/python3
"""Reference values and input gradients for the contrastive losses, written plainly in PyTorch.

Run with Debian's interpreter (torch 1.13 lives in its dist-packages):
    /usr/bin/python3 scripts/loss_reference.py
It writes Tests/ContrastiveTests/Fixtures/loss_reference.json, which the Swift tests read. Inputs are
generated here from fixed seeds, rounded to float32 and stored in the JSON, so Swift sees the exact values;
the references are then computed in float64 from those values, independently of the Swift engine:
  * nt-xent:   F.normalize, z z^T / tau, diagonal masked to -1e9, F.cross_entropy toward the other view
               (bench/README.md "Workloads, precisely").
  * align-uniform: Wang & Isola's own formulas (github.com/SsnL/align_uniform): (x - y).norm(dim=1).pow(alpha).mean()
               and torch.pdist(x).pow(2).mul(-t).exp().mean().log(), averaged over the two views.
  * contrastive-uniform: App. B.1 L_contrastive, the mean of F.cross_entropy(x y^T / tau, arange) and of its
               transpose, plus the weighted mean uniformity.
"""
import json
import os

import torch
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "ContrastiveTests", "Fixtures",
                   "loss_reference.json")


def nt_xent(x, y, temperature):
    n = x.shape[0]
    z = F.normalize(torch.cat([x, y], dim=0), dim=1)
    s = z @ z.t() / temperature
    s = s.masked_fill(torch.eye(2 * n, dtype=torch.bool), -1e9)
    targets = torch.cat([torch.arange(n, 2 * n), torch.arange(0, n)])
    return F.cross_entropy(s, targets)


def align(x, y, alpha):
    return (x - y).norm(p=2, dim=1).pow(alpha).mean()


def uniform(x, t):
    return torch.pdist(x, p=2).pow(2).mul(-t).exp().mean().log()


def align_uniform(x, y, align_weight, uniform_weight, alpha, t):
    x, y = F.normalize(x, dim=1), F.normalize(y, dim=1)
    return align_weight * align(x, y, alpha) + uniform_weight * (uniform(x, t) + uniform(y, t)) / 2


def contrastive_uniform(x, y, contrastive_weight, uniform_weight, temperature, t):
    x, y = F.normalize(x, dim=1), F.normalize(y, dim=1)
    logits = x @ y.t() / temperature
    labels = torch.arange(x.shape[0])
    contrastive = (F.cross_entropy(logits, labels) + F.cross_entropy(logits.t(), labels)) / 2
    return contrastive_weight * contrastive + uniform_weight * (uniform(x, t) + uniform(y, t)) / 2


LOSSES = {"nt-xent": nt_xent, "align-uniform": align_uniform, "contrastive-uniform": contrastive_uniform}

CASES = [
    ("nt-xent", {"temperature": 0.5}),
    ("nt-xent", {"temperature": 0.1}),
    ("align-uniform", {"align_weight": 1.0, "uniform_weight": 1.0, "alpha": 2.0, "t": 2.0}),
    ("align-uniform", {"align_weight": 3.0, "uniform_weight": 1.0, "alpha": 1.0, "t": 3.0}),
    ("contrastive-uniform", {"contrastive_weight": 1.0, "uniform_weight": 1.0, "temperature": 0.5, "t": 2.0}),
    ("contrastive-uniform", {"contrastive_weight": 0.5, "uniform_weight": 0.0, "temperature": 0.19, "t": 2.0}),
]


def make_inputs():
    """Two views per input set: y is x plus noise, so positives are closer than negatives (as after training)."""
    inputs = []
    for name, n, d, seed in [("small", 6, 4, 0), ("medium", 16, 32, 1)]:
        g = torch.Generator().manual_seed(seed)
        x = torch.randn(n, d, generator=g)
        y = x + 0.8 * torch.randn(n, d, generator=g)
        inputs.append({"name": name, "n": n, "d": d, "x": x.float(), "y": y.float()})
    return inputs


def floats(t):
    return [float(v) for v in t.reshape(-1).tolist()]


def main():
    inputs = make_inputs()
    cases = []
    for loss, params in CASES:
        for inp in inputs:
            x = inp["x"].double().clone().requires_grad_(True)
            y = inp["y"].double().clone().requires_grad_(True)
            value = LOSSES[loss](x, y, **params)
            value.backward()
            cases.append({"loss": loss, "input": inp["name"], "parameters": params, "value": value.item(),
                          "grad_x": floats(x.grad), "grad_y": floats(y.grad)})
    metrics = []
    for inp in inputs:
        x, y = F.normalize(inp["x"].double(), dim=1), F.normalize(inp["y"].double(), dim=1)
        for alpha in (2.0, 1.0):
            metrics.append({"metric": "alignment", "input": inp["name"], "alpha": alpha,
                            "value": align(x, y, alpha).item()})
        for t in (2.0, 3.0):
            metrics.append({"metric": "uniformity", "input": inp["name"], "t": t, "value": uniform(x, t).item()})
    doc = {
        "generator": "scripts/loss_reference.py",
        "torch": torch.__version__,
        "inputs": [{"name": i["name"], "n": i["n"], "d": i["d"], "x": floats(i["x"]), "y": floats(i["y"])}
                   for i in inputs],
        "cases": cases,
        "metrics": metrics,
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    print(f"wrote {len(cases)} loss cases and {len(metrics)} metrics to {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
