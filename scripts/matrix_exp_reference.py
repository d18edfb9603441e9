#!/usr/bin/python3
"""Reference values and gradients of the batched matrix exponential, from PyTorch's torch.linalg.matrix_exp.

Run with Debian's interpreter (torch 1.13 lives in its dist-packages):
    /usr/bin/python3 scripts/matrix_exp_reference.py
It writes Tests/EngineTests/Fixtures/matrix_exp_reference.json. Each case holds a batch `a` of (n, n) matrices and
a probe `r` of the same shape, rounded to float32; the reference `value` is matrix_exp(a) and `grad` is
d/da sum(matrix_exp(a) * r), both computed by autograd in float64 from those float32 values. Norms range from
well below 1/2 (no squaring) to several units (several squarings), including ManifoldCLR-like generators
(2x2 rotation blocks with a small real part, as the official TransOp_expm's stable initialisation).
"""
import json
import os

import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "EngineTests", "Fixtures",
                   "matrix_exp_reference.json")


def rotation_generator(b, n, g):
    a = torch.zeros(b, n, n)
    real = (torch.rand(b, generator=g) - 0.5) * 1e-4
    imag = (torch.rand(b, generator=g) - 0.5) * 6.0
    for i in range(0, n, 2):
        a[:, i, i] = real
        a[:, i + 1, i] = imag
        a[:, i, i + 1] = -imag
        a[:, i + 1, i + 1] = real
    return a + 0.05 * torch.randn(b, n, n, generator=g)


def case(name, a, g):
    a = a.float().double()
    r = torch.randn(a.shape, generator=g).float().double()
    x = a.clone().requires_grad_(True)
    y = torch.linalg.matrix_exp(x)
    (y * r).sum().backward()
    b, n, _ = a.shape
    return {"name": name, "batch": b, "n": n, "a": a.flatten().tolist(), "r": r.flatten().tolist(),
            "value": y.detach().flatten().tolist(), "grad": x.grad.flatten().tolist()}


def main():
    g = torch.Generator().manual_seed(20240607)
    cases = [
        case("small-norm 3x3", 0.1 * torch.randn(2, 3, 3, generator=g), g),
        case("unit-scale 8x8", 0.4 * torch.randn(3, 8, 8, generator=g), g),
        case("large-norm 4x4", 2.0 * torch.randn(2, 4, 4, generator=g), g),
        case("rotation blocks 16x16", rotation_generator(2, 16, g), g),
    ]
    with open(OUT, "w") as f:
        json.dump({"generator": "scripts/matrix_exp_reference.py", "torch": torch.__version__, "cases": cases}, f)
    print(f"wrote {len(cases)} cases to {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
