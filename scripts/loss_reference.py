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
  * kernel-infonce: Tan et al.'s kernel exp(-||u-v||^gamma / tau) between all 2N views, the diagonal left out of
               the row sums, clamp(sum, eps) + eps, averaged -log(pos / neg); Simple Sum and Concatenation Sum as
               lambda-mixtures with the Gaussian term (github.com/yifanzhang-pro/Kernel-InfoNCE @184f2df,
               simclr_module.py).
  * hard-negative: Robinson et al.'s hard-negative estimator as their code computes it (github.com/joshr17/HCL,
               estimator='hard'): exp(s), importance exp(beta s), debiasing by tau_plus, floor M e^(-1/tau), in float64 without shifts.
  * cacr:      the attraction and repulsion sums of CACR's code (github.com/JegZheng/CACR-SSL @fbc9d94,
               small_scale_experiments), as explicit loops over views, pairs and rows with softmax weights kept in the graph.
Inputs hold V views each (`views`: V lists of N*D numbers); cases hold one gradient per view (`grads`).
"""
import json
import math
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


def kernel_term(a, b, gamma, temperature, eps):
    """One Kernel-InfoNCE loss on views a, b used as given."""
    z = torch.cat([a, b], dim=0)
    m = z.shape[0]
    off = ~torch.eye(m, dtype=torch.bool)
    dist = (z[:, None, :] - z[None, :, :]).pow(2).sum(-1)
    dist = torch.where(off, dist, torch.ones_like(dist))  # the self pair never enters; keep pow away from 0
    kernel = torch.exp(-dist.pow(gamma / 2) / temperature)
    neg = torch.clamp((kernel * off).sum(dim=1), min=eps)
    pos = torch.exp(-(a - b).norm(dim=1).pow(gamma) / temperature)
    pos = torch.cat([pos, pos])
    return -torch.log(pos / (neg + eps)).mean()


def kernel_infonce(x, y, gamma, temperature, temperature2, mode, eps, **kw):
    lam = kw["lambda"]
    x, y = F.normalize(x, dim=1), F.normalize(y, dim=1)
    if mode == 0:
        a1, b1, a2, b2 = x, y, x, y
    else:
        h = x.shape[1] // 2
        a1, b1, a2, b2 = x[:, :h], y[:, :h], x[:, h:], y[:, h:]
    return lam * kernel_term(a1, b1, gamma, temperature, eps) + (1 - lam) * kernel_term(a2, b2, 2.0, temperature2, eps)


def hard_negative(x, y, temperature, tau_plus, beta):
    n = x.shape[0]
    u = F.normalize(torch.cat([x, y], dim=0), dim=1)
    s = u @ u.t() / temperature
    partner = torch.cat([torch.arange(n, 2 * n), torch.arange(0, n)])
    mask = torch.ones(2 * n, 2 * n, dtype=torch.bool)
    mask[torch.arange(2 * n), torch.arange(2 * n)] = False
    mask[torch.arange(2 * n), partner] = False
    m = 2 * n - 2
    neg = torch.exp(s[mask].view(2 * n, m))
    pos = torch.exp(s[torch.arange(2 * n), partner])
    imp = neg.pow(beta)
    reweighted = (imp * neg).sum(dim=1) / imp.mean(dim=1)
    ng = (reweighted - tau_plus * m * pos) / (1 - tau_plus)
    ng = torch.clamp(ng, min=m * math.exp(-1 / temperature))
    return -torch.log(pos / (pos + ng)).mean()


def cacr(*views, positives, alpha, beta, t_pos, t_neg, choice, tau_plus):
    z = [F.normalize(v, dim=1) for v in views]
    v = len(z)
    assert v == positives + 1
    n = z[0].shape[0]
    attraction = 0.0
    for q in range(v):
        others = [p for p in range(v) if p != q]
        d = torch.stack([(z[q] - z[p]).pow(2).sum(dim=1) for p in others], dim=1)  # (N, K)
        if choice in (0, 2):
            w = torch.softmax(t_pos * d, dim=1)
            attraction = attraction + (w * alpha * d).sum(dim=1).mean()
        else:
            attraction = attraction + (alpha * d).mean()
    repulsion = 0.0
    pairs = 0
    for a in range(v):
        for b in range(a + 1, v):
            rows = []
            for i in range(n):
                js = [j for j in range(n) if j != i]
                d = torch.stack([(z[a][i] - z[b][j]).pow(2).sum() for j in js])  # (N-1,)
                if choice in (0, 1):
                    w = torch.softmax(-t_neg * d, dim=0)
                    r = (w * (-beta * d)).sum()
                    if tau_plus > 0:
                        r = (-tau_plus * (z[a][i] - z[b][i]).pow(2).sum() + r) / (1 - tau_plus)
                else:
                    r = (-beta * d).mean()
                rows.append(r)
            repulsion = repulsion + torch.stack(rows).mean()
            pairs += 1
    return attraction / v + repulsion / pairs


LOSSES = {"nt-xent": nt_xent, "align-uniform": align_uniform, "contrastive-uniform": contrastive_uniform,
          "kernel-infonce": kernel_infonce, "hard-negative": hard_negative, "cacr": cacr}

KI = {"temperature2": 0.1, "lambda": 1.0, "mode": 0, "eps": 1e-6}
CACR_DEFAULTS = {"positives": 1, "alpha": 1.0, "beta": 1.0, "t_pos": 1.0, "t_neg": 0.9, "choice": 0, "tau_plus": 0.0}

CASES = [
    ("nt-xent", {"temperature": 0.5}),
    ("nt-xent", {"temperature": 0.1}),
    ("align-uniform", {"align_weight": 1.0, "uniform_weight": 1.0, "alpha": 2.0, "t": 2.0}),
    ("align-uniform", {"align_weight": 3.0, "uniform_weight": 1.0, "alpha": 1.0, "t": 3.0}),
    ("contrastive-uniform", {"contrastive_weight": 1.0, "uniform_weight": 1.0, "temperature": 0.5, "t": 2.0}),
    ("contrastive-uniform", {"contrastive_weight": 0.5, "uniform_weight": 0.0, "temperature": 0.19, "t": 2.0}),
    # Plain kernels: SimCLR-Gaussian, Laplacian, gamma = 0.5; at tau = 0.1 the eps clamp holds on spread inputs.
    ("kernel-infonce", {**KI, "gamma": 2.0, "temperature": 0.1}),
    ("kernel-infonce", {**KI, "gamma": 2.0, "temperature": 0.5}),
    ("kernel-infonce", {**KI, "gamma": 1.0, "temperature": 0.5}),
    ("kernel-infonce", {**KI, "gamma": 0.5, "temperature": 0.5}),
    ("kernel-infonce", {**KI, "gamma": 0.5, "temperature": 0.1}),
    ("kernel-infonce", {**KI, "gamma": 2.0, "temperature": 0.1, "eps": 0.0}),  # no guard: the plain ratio
    # Simple Sum and Concatenation Sum with a second temperature.
    ("kernel-infonce", {**KI, "gamma": 1.0, "temperature": 0.2, "temperature2": 0.3, "lambda": 0.4}),
    ("kernel-infonce", {**KI, "gamma": 0.5, "temperature": 0.3, "temperature2": 0.5, "lambda": 0.6, "mode": 1}),
    ("kernel-infonce", {**KI, "gamma": 2.0, "temperature": 0.5, "temperature2": 0.5, "lambda": 0.0, "mode": 1}),
    ("hard-negative", {"temperature": 0.5, "tau_plus": 0.1, "beta": 1.0}),
    ("hard-negative", {"temperature": 0.2, "tau_plus": 0.05, "beta": 0.5}),
    ("hard-negative", {"temperature": 0.5, "tau_plus": 0.1, "beta": 0.0}),
    ("hard-negative", {"temperature": 0.5, "tau_plus": 0.0, "beta": 0.0}),
    ("cacr", CACR_DEFAULTS),
    ("cacr", {**CACR_DEFAULTS, "alpha": 2.0, "beta": 0.5, "t_pos": 3.0, "t_neg": 2.0}),
    ("cacr", {**CACR_DEFAULTS, "choice": 1}),
    ("cacr", {**CACR_DEFAULTS, "choice": 2}),
    ("cacr", {**CACR_DEFAULTS, "choice": 3}),
    ("cacr", {**CACR_DEFAULTS, "tau_plus": 0.1}),
    ("cacr", {**CACR_DEFAULTS, "positives": 4}),
    ("cacr", {**CACR_DEFAULTS, "positives": 4, "choice": 3}),
    ("cacr", {**CACR_DEFAULTS, "positives": 4, "tau_plus": 0.1, "t_pos": 2.0}),
]


def make_inputs():
    """Views of one input set are x plus noise, so positives are closer than negatives (as after training)."""
    inputs = []
    for name, n, d, views, seed in [("small", 6, 4, 2, 0), ("medium", 16, 32, 2, 1), ("five-views", 8, 6, 5, 2)]:
        g = torch.Generator().manual_seed(seed)
        x = torch.randn(n, d, generator=g)
        vs = [x] + [x + 0.8 * torch.randn(n, d, generator=g) for _ in range(views - 1)]
        inputs.append({"name": name, "n": n, "d": d, "views": [v.float() for v in vs]})
    return inputs


def floats(t):
    return [float(v) for v in t.reshape(-1).tolist()]


def main():
    inputs = make_inputs()
    cases = []
    for loss, params in CASES:
        views_needed = params.get("positives", 1) + 1
        for inp in inputs:
            if len(inp["views"]) != views_needed:
                continue
            views = [v.double().clone().requires_grad_(True) for v in inp["views"]]
            value = LOSSES[loss](*views, **params)
            value.backward()
            cases.append({"loss": loss, "input": inp["name"], "parameters": params, "value": value.item(),
                          "grads": [floats(v.grad) for v in views]})
    metrics = []
    for inp in inputs[:2]:
        x, y = F.normalize(inp["views"][0].double(), dim=1), F.normalize(inp["views"][1].double(), dim=1)
        for alpha in (2.0, 1.0):
            metrics.append({"metric": "alignment", "input": inp["name"], "alpha": alpha,
                            "value": align(x, y, alpha).item()})
        for t in (2.0, 3.0):
            metrics.append({"metric": "uniformity", "input": inp["name"], "t": t, "value": uniform(x, t).item()})
    doc = {
        "generator": "scripts/loss_reference.py",
        "torch": torch.__version__,
        "inputs": [{"name": i["name"], "n": i["n"], "d": i["d"], "views": [floats(v) for v in i["views"]]}
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
