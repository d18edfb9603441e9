#!/usr/bin/python3
"""Reference values and gradients for ManifoldCLR, written in PyTorch from the official code's formulas.

Run with Debian's interpreter (torch 1.13 lives in its dist-packages):
    /usr/bin/python3 scripts/manifold_reference.py
It writes Tests/ContrastiveTests/Fixtures/manifold_reference.json. The formulas follow the official repository
github.com/kfallah/manifold-contrastive @15294ef, re-expressed here
independently of the Swift engine:
  * transport: T = matrix_exp(einsum("nm,mspk->nspk", c, psi)); z1_hat = (T @ z0.view(n, s, b, 1)).view(n, d)
    (TransOp_expm, block diagonal).
  * coefficient encoder: Linear-LeakyReLU MLPs 2D->4F->4F->F (posterior, on [z0; z1] detached) and D->4F->2F->F
    (learned prior, on z0 detached), heads clamped as CoefficientEncoder, prior warm-up blend with the hyper-prior
    Laplace(0.05, 0.01), reparameterize() for Laplace with the soft threshold and its detach pattern.
  * max-ELBO: among J given noise candidates, per row the one whose transported z0 is closest (mean squared error)
    to z1 (max_elbo_sample with l1 penalty 0).
  * loss: lie_nt_xent_loss (cosine on a projection head, self term removed; or mse without head, z0 as extra
    negatives), F.mse_loss(z1_hat, z1.detach()), compute_kl(...).mean(), (shift**2).sum(-1).mean(), combined with
    the weights and the exponential KL warm-up of Loss.get_kl_weight.
All noise is passed in (uniform in (-1/2, 1/2)), so the Swift side computes the same draw. Inputs and parameters
are rounded to float32 and stored; references are computed in float64. The projection head of the "head" case is
one Linear layer (weights stored), standing in for the network's projector.
"""
import json
import math
import os

import torch
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "ContrastiveTests", "Fixtures",
                   "manifold_reference.json")
SCALE_PRIOR, SHIFT_PRIOR = 0.01, 0.05


def f32(t):
    return t.float().double()


def linear_params(g, fan_out, fan_in):
    bound = 1 / math.sqrt(fan_in)
    return (f32((torch.rand(fan_out, fan_in, generator=g) * 2 - 1) * bound),
            f32((torch.rand(fan_out, generator=g) * 2 - 1) * bound))


def make_params(g, d, m, s):
    b = d // s
    f = d
    psi = torch.zeros(m, s, b, b)
    real = (torch.rand(m, s, generator=g) - 0.5) * 1e-4
    imag = (torch.rand(m, s, generator=g) - 0.5) * 6.0
    for i in range(0, b, 2):
        psi[..., i, i] = real
        psi[..., i + 1, i] = imag
        psi[..., i, i + 1] = -imag
        psi[..., i + 1, i + 1] = real
    psi = psi + 0.05 * torch.randn(m, s, b, b, generator=g)  # break the exact rotation structure
    p = {"manifold.psi": f32(psi)}
    layers = [("manifold.encoder.fc1", 4 * f, 2 * d), ("manifold.encoder.fc2", 4 * f, 4 * f),
              ("manifold.encoder.fc3", f, 4 * f), ("manifold.encoder.scale", m, f), ("manifold.encoder.shift", m, f),
              ("manifold.prior.fc1", 4 * f, d), ("manifold.prior.fc2", 2 * f, 4 * f), ("manifold.prior.fc3", f, 2 * f),
              ("manifold.prior.scale", m, f), ("manifold.prior.shift", m, f)]
    for name, fo, fi in layers:
        w, bias = linear_params(g, fo, fi)
        p[name + ".weight"], p[name + ".bias"] = w, bias
    return p


def mlp(p, prefix, x, names):
    h = x
    for i, n in enumerate(names):
        h = F.linear(h, p[f"{prefix}.{n}.weight"], p[f"{prefix}.{n}.bias"])
        if i < len(names) - 1:
            h = F.leaky_relu(h)
    return h


def transop(p, x, c, s):
    psi = p["manifold.psi"]
    t = torch.matrix_exp(torch.einsum("...m,mspk->...spk", c, psi))
    out = t @ x.view(*x.shape[:-1], s, -1, 1)
    return out.view(*out.shape[:-3], x.shape[-1])


def reparameterize(params, noise, lam):
    logscale, shift = params["logscale"], params["shift"]
    scale = torch.exp(logscale)
    eps = -scale * torch.sign(noise) * torch.log((1.0 - 2.0 * torch.abs(noise)).clamp(min=1e-6, max=1e6))
    c = shift + eps
    c_thresh = F.relu(torch.abs(eps.detach()) - lam) * torch.sign(eps.detach())
    nz = torch.nonzero(c_thresh, as_tuple=True)
    c_thresh[nz] = shift[nz].detach() + c_thresh[nz]
    return c + c_thresh - c.detach()


def lie_nt_xent(out_1, out_2, out_3, temperature, mse, eps=1e-6):
    out = torch.cat([out_1, out_2], dim=0)
    out_dist = torch.cat([out_1, out_2, out_3], dim=0) if out_3 is not None else out
    if mse:
        cov = -((out.unsqueeze(1) - out_dist.unsqueeze(0)) ** 2).mean(dim=-1)
    else:
        cov = out @ out_dist.t()
    neg = torch.exp(cov / temperature).sum(dim=-1)
    if not mse:
        neg = torch.clamp(neg - torch.exp(torch.norm(out, dim=-1) / temperature), min=eps)
    if mse:
        pos = torch.exp(-((out_1 - out_2) ** 2).mean(dim=-1) / temperature)
    else:
        pos = torch.exp((out_1 * out_2).sum(dim=-1) / temperature)
    pos = torch.cat([pos, pos], dim=0)
    return -torch.log(pos / (neg + eps)).mean()


def laplace_kl(q, p):
    d = (q["shift"] - p["shift"]).abs()
    kl = d / torch.exp(p["logscale"]) + p["logscale"] - q["logscale"] - 1
    kl = kl + torch.exp(q["logscale"] - p["logscale"]) * torch.exp(-d / torch.exp(q["logscale"]))
    return kl.sum(dim=-1).mean()


def manifold_clr(cfg, p, z0, z1, noise, head):
    s, lam, step = cfg["blocks"], cfg["threshold"], cfg["step"]
    z0d, z1d = z0.detach(), z1.detach()
    h = mlp(p, "manifold.encoder", torch.cat([z0d, z1d], dim=-1), ["fc1", "fc2", "fc3"])
    q = {"logscale": F.linear(h, p["manifold.encoder.scale.weight"], p["manifold.encoder.scale.bias"]).clamp(min=-100, max=3)
         + math.log(SCALE_PRIOR),
         "shift": F.linear(h, p["manifold.encoder.shift.weight"], p["manifold.encoder.shift.bias"]).clamp(min=-5, max=5)
         + SHIFT_PRIOR}
    hp = mlp(p, "manifold.prior", z0d, ["fc1", "fc2", "fc3"])
    learned_logscale = F.linear(hp, p["manifold.prior.scale.weight"], p["manifold.prior.scale.bias"]).clamp(max=3) \
        + math.log(SCALE_PRIOR)
    learned_shift = F.linear(hp, p["manifold.prior.shift.weight"], p["manifold.prior.shift.bias"]).clamp(min=-5, max=5)
    w = min(step / cfg["prior_warmup"], 1.0) if cfg["prior_warmup"] > 0 else 1.0
    hyper_logscale = torch.full_like(learned_logscale, math.log(SCALE_PRIOR))
    prior = {"logscale": w * learned_logscale + (1 - w) * hyper_logscale,
             "shift": w * learned_shift + (1 - w) * SHIFT_PRIOR * torch.sign(w * learned_shift).detach()}
    u = noise["posterior"]
    if cfg["samples"] > 0 and step >= cfg["sampling_start"]:
        with torch.no_grad():
            cands = torch.stack(noise["candidates"])
            losses = []
            for j in range(len(cands)):
                c = reparameterize(q, cands[j], lam)
                losses.append(((transop(p, z0d, c, s) - z1d) ** 2).mean(dim=-1))
            best = torch.argmin(torch.stack(losses), dim=0)
            u = cands[best, torch.arange(len(best))]
    c = reparameterize(q, u, lam)
    z1_hat = transop(p, z0, c, s)
    transport = F.mse_loss(z1_hat, z1.detach())
    c0 = reparameterize(prior, noise["prior"], lam)
    z0_aug = transop(p, z0, c0, s)
    if head is not None:
        g = lambda x: F.linear(x, head["weight"], head["bias"])
        contrast = lie_nt_xent(F.normalize(g(z0_aug), dim=-1), F.normalize(g(z1), dim=-1), None,
                               cfg["temperature"], mse=False)
    else:
        contrast = lie_nt_xent(z0_aug, z1, z0, cfg["temperature"], mse=True)
    kl = laplace_kl(q, prior)
    l2 = (q["shift"] ** 2).sum(dim=-1).mean()
    kl_weight = cfg["kl_weight"]
    if cfg["kl_warmup"] > 0:
        kl_weight *= (5e-3) ** (1 - min(step + 1, cfg["kl_warmup"]) / cfg["kl_warmup"])
    total = contrast + cfg["transop_weight"] * transport + kl_weight * kl + cfg["l2_weight"] * l2
    return total, {"contrast": contrast.item(), "transport": transport.item(), "kl": kl.item(), "shift_l2": l2.item()}, u


def case(name, g, n, d, m, s, head_dim, **cfg):
    cfg.update(n=n, d=d, dictionary_size=m, blocks=s)
    p = make_params(g, d, m, s)
    z0 = f32(torch.randn(n, d, generator=g))
    z1 = f32(z0 + 0.3 * torch.randn(n, d, generator=g))
    noise = {"posterior": f32(torch.rand(n, m, generator=g) - 0.5), "prior": f32(torch.rand(n, m, generator=g) - 0.5),
             "candidates": [f32(torch.rand(n, m, generator=g) - 0.5) for _ in range(cfg["samples"])]}
    head = None
    if head_dim:
        w, b = linear_params(g, head_dim, d)
        head = {"weight": w, "bias": b}
    x0, x1 = z0.clone().requires_grad_(True), z1.clone().requires_grad_(True)
    params = {k: v.clone().requires_grad_(True) for k, v in p.items()}
    total, terms, u = manifold_clr(cfg, params, x0, x1, noise, head)
    total.backward()
    flat = lambda t: t.flatten().tolist()
    return {"name": name, "config": cfg, "head_dim": head_dim,
            "z0": flat(z0), "z1": flat(z1), "parameters": {k: flat(v) for k, v in p.items()},
            "head": {k: flat(v) for k, v in head.items()} if head else None,
            "noise_posterior": flat(noise["posterior"]), "noise_prior": flat(noise["prior"]),
            "candidates": [flat(c) for c in noise["candidates"]], "chosen_noise": flat(u),
            "value": total.item(), "terms": terms,
            "grad_z0": flat(x0.grad), "grad_z1": flat(x1.grad), "grad_psi": flat(params["manifold.psi"].grad),
            "grad_prior_shift_weight": flat(params["manifold.prior.shift.weight"].grad),
            "grad_encoder_scale_weight": flat(params["manifold.encoder.scale.weight"].grad)}


def main():
    g = torch.Generator().manual_seed(20230804)
    base = dict(temperature=0.5, transop_weight=1.0, kl_weight=1e-2, l2_weight=0.0, threshold=0.0, samples=0,
                sampling_start=5000, prior_warmup=10, kl_warmup=0, step=3)
    cases = [
        case("headless vi, prior warm-up 0.3, KL warm-up", g, 6, 8, 3, 2, 0, **dict(base, kl_warmup=5)),
        case("projection head, threshold, max-ELBO over 4 samples", g, 6, 8, 3, 2, 5,
             **dict(base, transop_weight=10.0, kl_weight=1e-3, l2_weight=1e-2, threshold=0.01, samples=4,
                    sampling_start=0, step=20)),
        case("headless, 4 blocks of 4, threshold, max-ELBO", g, 5, 16, 4, 4, 0,
             **dict(base, threshold=0.005, samples=3, sampling_start=2, step=7, l2_weight=0.1)),
    ]
    with open(OUT, "w") as f:
        json.dump({"generator": "scripts/manifold_reference.py", "torch": torch.__version__, "cases": cases}, f)
    print(f"wrote {len(cases)} cases to {os.path.normpath(OUT)}")
    for c in cases:
        print(c["name"], c["value"], c["terms"])


if __name__ == "__main__":
    torch.set_default_dtype(torch.float64)
    main()
