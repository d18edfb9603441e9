#!/usr/bin/python3
"""Ten-step parameter trajectories of every optimizer, computed by PyTorch's own optimizers (and, for LARS,
a line-by-line PyTorch transcription of SimCLR's reference code).

Run with Debian's interpreter (python3-torch 1.13):
    /usr/bin/python3 scripts/optim_reference.py
It writes Tests/NNTests/Fixtures/optim_reference.json, which the Swift tests read.

Problem: y = (X W^T) * gamma + b, loss = mean((y - T)^2), X (8, 4), T (8, 3); W (3, 4) is a weight, `bn.weight`
gamma (3) plays a batch-norm parameter and `fc.bias` b (3) a bias, so the BN/bias exclusion of weight decay
(and of LARS's adaptation) is exercised. Inputs and initial values are seeded, rounded to float32 and stored;
optimizers run in float64 from them. The learning rate changes every step (lr_t = base * (1 - 0.07 t)), since
LARS folds it into its momentum buffer.

LARS: google-research/simclr `lars_optimizer.py` (TF, SimCLR v1/v2), `classic_momentum=True` (its default),
`eeta` = trust coefficient 1e-3, `exclude_from_weight_decay=['batch_normalization', 'bias']`, which
`exclude_from_layer_adaptation` defaults to. (pl_bolts' LARS, the option of the kernel-infonce code, differs:
it scales the gradient by trust * |w| / (|g| + wd |w|) before a PyTorch-style momentum, and skips adaptation
for parameters without weight decay.)
"""
import json
import os

import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "NNTests", "Fixtures",
                   "optim_reference.json")
STEPS = 10


def simclr_lars_step(params, velocity, lr, momentum, weight_decay, eeta, nesterov, excluded):
    """One step of SimCLR's LARSOptimizer.apply_gradients with classic_momentum=True, in PyTorch."""
    for i, p in enumerate(params):
        grad = p.grad
        if not excluded[i]:                      # _use_weight_decay
            grad = grad + weight_decay * p
        trust_ratio = 1.0
        if not excluded[i]:                      # _do_layer_adaptation
            w_norm, g_norm = torch.norm(p), torch.norm(grad)
            trust_ratio = torch.where(w_norm > 0, torch.where(g_norm > 0, eeta * w_norm / g_norm,
                                                              torch.ones_like(w_norm)), torch.ones_like(w_norm))
        scaled_lr = lr * trust_ratio
        next_v = momentum * velocity[i] + scaled_lr * grad
        update = momentum * next_v + scaled_lr * grad if nesterov else next_v
        with torch.no_grad():
            p.sub_(update)
        velocity[i] = next_v


CASES = [
    # name, optimizer, base lr, options
    ("sgd-plain", "sgd", 0.1, {"momentum": 0.0, "nesterov": False, "weight_decay": 0.0, "exclude": False}),
    ("sgd-nesterov", "sgd", 0.1, {"momentum": 0.9, "nesterov": True, "weight_decay": 0.0, "exclude": False}),
    ("sgd-wd-exclude", "sgd", 0.1, {"momentum": 0.9, "nesterov": False, "weight_decay": 0.05, "exclude": True}),
    ("sgd-wd-all", "sgd", 0.1, {"momentum": 0.9, "nesterov": False, "weight_decay": 0.05, "exclude": False}),
    ("adam", "adam", 0.05, {"betas": [0.9, 0.999], "eps": 1e-8, "weight_decay": 0.01, "exclude": False}),
    ("adam-exclude", "adam", 0.05, {"betas": [0.5, 0.999], "eps": 1e-8, "weight_decay": 0.01, "exclude": True}),
    ("adamw", "adamw", 0.05, {"betas": [0.9, 0.999], "eps": 1e-8, "weight_decay": 0.1, "exclude": False}),
    ("adamw-exclude", "adamw", 0.05, {"betas": [0.9, 0.999], "eps": 1e-6, "weight_decay": 0.1, "exclude": True}),
    ("lars", "lars", 2.0, {"momentum": 0.9, "nesterov": False, "weight_decay": 0.05, "trust": 1e-3, "exclude": True}),
    ("lars-nesterov-all", "lars", 2.0, {"momentum": 0.9, "nesterov": True, "weight_decay": 0.05, "trust": 1e-3,
                                        "exclude": False}),
]


def main():
    gen = torch.Generator().manual_seed(7)
    x = torch.randn(8, 4, generator=gen).float().double()
    t = torch.randn(8, 3, generator=gen).float().double()
    init = {"w": (torch.randn(3, 4, generator=gen) * 0.5).float().double(),
            "bn.weight": (1 + 0.2 * torch.randn(3, generator=gen)).float().double(),
            "fc.bias": (0.1 * torch.randn(3, generator=gen)).float().double()}
    excluded_names = {"bn.weight", "fc.bias"}
    cases = []
    for name, kind, base, o in CASES:
        params = {k: v.clone().requires_grad_(True) for k, v in init.items()}
        plist = list(params.values())
        excluded = [o["exclude"] and k in excluded_names for k in params]
        decay = [p for p, e in zip(plist, excluded) if not e]
        no_decay = [p for p, e in zip(plist, excluded) if e]
        groups = [{"params": decay, "weight_decay": o["weight_decay"]}]
        if no_decay:
            groups.append({"params": no_decay, "weight_decay": 0.0})
        if kind == "sgd":
            opt = torch.optim.SGD(groups, lr=base, momentum=o["momentum"], nesterov=o["nesterov"])
        elif kind == "adam":
            opt = torch.optim.Adam(groups, lr=base, betas=tuple(o["betas"]), eps=o["eps"])
        elif kind == "adamw":
            opt = torch.optim.AdamW(groups, lr=base, betas=tuple(o["betas"]), eps=o["eps"])
        else:
            opt, velocity = None, [torch.zeros_like(p) for p in plist]
        trajectory, lrs = [], []
        for step in range(STEPS):
            lr = base * (1 - 0.07 * step)
            lrs.append(lr)
            for p in plist:
                p.grad = None
            y = (x @ params["w"].t()) * params["bn.weight"] + params["fc.bias"]
            ((y - t) ** 2).mean().backward()
            if opt is None:
                simclr_lars_step(plist, velocity, lr, o["momentum"], o["weight_decay"], o["trust"], o["nesterov"],
                                 excluded)
            else:
                for g in opt.param_groups:
                    g["lr"] = lr
                opt.step()
            trajectory.append([v for p in plist for v in p.detach().reshape(-1).tolist()])
        cases.append({"name": name, "optimizer": kind, "options": o, "lrs": lrs, "trajectory": trajectory})
    with open(OUT, "w") as f:
        json.dump({"generator": "scripts/optim_reference.py", "torch": torch.__version__,
                   "x": x.reshape(-1).tolist(), "t": t.reshape(-1).tolist(),
                   "init": {k: v.reshape(-1).tolist() for k, v in init.items()},
                   "parameter_order": list(init.keys()), "cases": cases}, f, indent=1)
    print("wrote", os.path.relpath(OUT), os.path.getsize(OUT), "bytes")


if __name__ == "__main__":
    main()
