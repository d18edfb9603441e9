#!/usr/bin/python3
"""PyTorch on the CPU as the peer of `replicate bench`: the same workloads, sizes and timing protocol, so
interleaved runs on one machine give comparable figures (scripts/bench_interleaved.sh runs both).

    /usr/bin/python3 scripts/torch_peer.py --workload W1 --threads 2        # one JSON line on stdout

Debian's interpreter has Debian's CPU torch (`apt-get install python3-torch python3-torchvision python3-sklearn`);
a venv with the current CPU wheel is the second peer.

Workloads (float32, NCHW, fixed random inputs: no data loading or augmentation inside a timed step):
  W1  convnet-s on 28x28x1, B = 256 images per view: conv(1->32) BN ReLU maxpool2, conv(32->64) BN ReLU maxpool2,
      conv(64->128) BN ReLU, global average pool (128), projector Linear(128->128, no bias) BN ReLU Linear(128->64).
      117,792 parameters, 7,475,712 MACs per image.
  W2  ResNet-18 CIFAR variant (3x3 stem, no max-pool) on 32x32x3, B = 128, projector 512 -> 2048 (no bias) BN ReLU
      -> 128. 12,483,776 parameters.
  W3  SmallAlexNet of Wang & Isola's code (github.com/SsnL/align_uniform, examples/stl10/main.py) with the
      CIFAR-size fc6 input 192*3*3, on 32x32x3, B = 128: five conv-BN-ReLU (96, 192, 384, 384, 192; max-pool 3/2
      after the 1st, 2nd and 5th), fc6 and fc7 Linear 4096 (no bias) BN ReLU, fc8 Linear 128. 27,221,088 parameters.
  A SimCLR step (W1-W3): both views as one batch of 2B images (BatchNorm statistics over 2B), NT-Xent at
  temperature 0.5 (rows L2-normalised, S = z z^T / 0.5 with its diagonal excluded, the positive of row i is
  row i +- B), backward, SGD lr 0.1 momentum 0.9 weight decay 5e-4 on every parameter.
  W4  linear probe on synthetic frozen features: 60,000 x 128, X = 0.5 * mean[y] + N(0, 1) around 10 Gaussian
      class means; Linear(128 -> 10) with bias, mean cross-entropy. (a) minibatch SGD lr 0.1 momentum 0.9, batch
      256, reshuffled every epoch, --probe-epochs epochs; (b) full-batch L-BFGS, 100 iterations, history 10,
      strong-Wolfe line search; (c) scikit-learn LogisticRegression(lbfgs), max_iter 100 and 1000, if installed.
  AUG 256 uint8 28x28x1 images -> 512 views of RandomResizedCrop(28, scale (0.2, 1), ratio (3/4, 4/3)) and a
      horizontal flip with p = 0.5: torchvision per image on tensors (the figure compared), per image on PIL
      images, and batched affine_grid + grid_sample.

Timing: `warmup` untimed steps, then up to `measurements` timed groups of `steps` steps; measuring stops early
(after at least 3 groups) once `--budget` seconds have passed. Reported: min / median / max seconds per step.
Defaults (warm-up, groups x steps): W1 3, 7 x 3; W2 and W3 1, 5 x 1; W4 0, 3 x 1 (whole fits); AUG 2, 7 x 5.
"""
import argparse
import json
import math
import os
import platform
import statistics
import sys
import time

PROTOCOL = {"W1": (256, 3, 7, 3), "W2": (128, 1, 5, 1), "W3": (128, 1, 5, 1), "W4": (256, 0, 3, 1),
            "AUG": (256, 2, 7, 5)}   # batch per view, warm-up steps, timed groups, steps per group
EPOCH_IMAGES = {"W1": 60000, "W2": 50000, "W3": 50000}


def arguments():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--workload", required=True, choices=sorted(PROTOCOL))
    p.add_argument("--threads", type=int, default=2, help="torch and OpenMP threads")
    p.add_argument("--blas-threads", type=int, help="OpenBLAS threads (default --threads); 1 keeps OpenBLAS's "
                   "pthreads from competing with torch's OpenMP threads on small GEMMs")
    p.add_argument("--probe-epochs", type=int, default=100, help="W4: SGD epochs")
    p.add_argument("--batch", type=int)
    p.add_argument("--warmup", type=int)
    p.add_argument("--measurements", type=int)
    p.add_argument("--steps", type=int)
    p.add_argument("--budget", type=float, default=150.0, help="seconds of timed groups after which to stop")
    p.add_argument("--mkldnn", choices=["on", "off"], default="on", help="off: torch's im2col + BLAS convolution")
    p.add_argument("--seed", type=int, default=0)
    a = p.parse_args()
    batch, warmup, measurements, steps = PROTOCOL[a.workload]
    a.batch = a.batch or batch
    a.warmup = warmup if a.warmup is None else a.warmup
    a.measurements = a.measurements or measurements
    a.steps = a.steps or steps
    a.blas_threads = a.blas_threads or a.threads
    return a


ARGS = arguments()
# The thread counts must be in the environment before torch loads OpenMP and OpenBLAS.
os.environ["OMP_NUM_THREADS"] = str(ARGS.threads)
os.environ["MKL_NUM_THREADS"] = str(ARGS.threads)
os.environ["OPENBLAS_NUM_THREADS"] = str(ARGS.blas_threads)

import torch  # noqa: E402
from torch import nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402

torch.set_num_threads(ARGS.threads)
try:
    torch.set_num_interop_threads(1)
except RuntimeError:   # already set by an earlier parallel call
    pass
torch.backends.mkldnn.enabled = ARGS.mkldnn == "on"
torch.manual_seed(ARGS.seed)


def summary(values):
    return {"min": min(values), "median": statistics.median(values), "max": max(values)}


def timed_groups(step, a, budget):
    """Seconds per step of each timed group, after the warm-up (the protocol of the module docstring)."""
    for _ in range(a.warmup):
        step()
    per_step, began = [], time.perf_counter()
    for group in range(a.measurements):
        t = time.perf_counter()
        for _ in range(a.steps):
            step()
        per_step.append((time.perf_counter() - t) / a.steps)
        if group >= 2 and time.perf_counter() - began > budget:
            break
    return per_step


def conv_block(cin, cout, stride=1):
    return [nn.Conv2d(cin, cout, 3, stride, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True)]


def head(cin, hidden, cout):
    return [nn.Linear(cin, hidden, bias=False), nn.BatchNorm1d(hidden), nn.ReLU(inplace=True), nn.Linear(hidden, cout)]


class Block(nn.Module):
    """ResNet basic block: ReLU(BN(conv(ReLU(BN(conv_s(x))))) + shortcut(x))."""

    def __init__(self, cin, cout, stride):
        super().__init__()
        self.body = nn.Sequential(*conv_block(cin, cout, stride), nn.Conv2d(cout, cout, 3, 1, 1, bias=False),
                                  nn.BatchNorm2d(cout))
        self.shortcut = (nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))
                         if stride != 1 or cin != cout else nn.Identity())

    def forward(self, x):
        return F.relu(self.body(x) + self.shortcut(x))


def model_for(workload):
    if workload == "W1":
        return nn.Sequential(*conv_block(1, 32), nn.MaxPool2d(2), *conv_block(32, 64), nn.MaxPool2d(2),
                             *conv_block(64, 128), nn.AdaptiveAvgPool2d(1), nn.Flatten(), *head(128, 128, 64)), (1, 28)
    if workload == "W2":
        layers, cin = conv_block(3, 64), 64
        for cout, stride in ((64, 1), (128, 2), (256, 2), (512, 2)):
            layers += [Block(cin, cout, stride), Block(cout, cout, 1)]
            cin = cout
        return nn.Sequential(*layers, nn.AdaptiveAvgPool2d(1), nn.Flatten(), *head(512, 2048, 128)), (3, 32)
    return nn.Sequential(*conv_block(3, 96), nn.MaxPool2d(3, 2), *conv_block(96, 192), nn.MaxPool2d(3, 2),
                         *conv_block(192, 384), *conv_block(384, 384), *conv_block(384, 192), nn.MaxPool2d(3, 2),
                         nn.Flatten(), nn.Linear(1728, 4096, bias=False), nn.BatchNorm1d(4096), nn.ReLU(inplace=True),
                         *head(4096, 4096, 128)), (3, 32)


def nt_xent(z, b, tau=0.5):
    z = F.normalize(z, dim=1)
    s = (z @ z.t() / tau).masked_fill(torch.eye(2 * b, dtype=torch.bool), -1e9)
    return F.cross_entropy(s, torch.cat([torch.arange(b, 2 * b), torch.arange(b)]))


def macs_per_forward(model, x):
    """Multiply-accumulates of every Conv2d and Linear in one forward of x, and those of the first conv."""
    counted = []

    def hook(m, inputs, out):
        k = m.in_channels // m.groups * m.kernel_size[0] * m.kernel_size[1] if isinstance(m, nn.Conv2d) else m.in_features
        counted.append(out.numel() * k)

    hooks = [m.register_forward_hook(hook) for m in model.modules() if isinstance(m, (nn.Conv2d, nn.Linear))]
    with torch.no_grad():
        model(x)
    for h in hooks:
        h.remove()
    return sum(counted), counted[0]


def simclr(a):
    model, (channels, size) = model_for(a.workload)
    model.train()
    b = a.batch
    x = torch.randn(2 * b, channels, size, size)
    opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=5e-4)
    macs, first = macs_per_forward(model, x)
    embedding = model(x[:4]).shape[1]
    forward = macs + (2 * b) ** 2 * embedding          # + the similarity matrix z z^T
    flops = 6 * forward                                # forward + backward ("x3") of 2 FLOPs per MAC
    losses = []

    def step():
        opt.zero_grad(set_to_none=True)
        loss = nt_xent(model(x), b)
        loss.backward()
        opt.step()
        losses.append(float(loss))

    t = time.perf_counter()
    seconds = timed_groups(step, a, a.budget)
    median = statistics.median(seconds)
    steps_per_epoch = math.ceil(EPOCH_IMAGES[a.workload] / b)
    return {"batch_per_view": b, "images_per_step": 2 * b, "warmup_steps": a.warmup, "steps_per_measurement": a.steps,
            "n_measurements": len(seconds), "step_s": summary(seconds),
            "images_per_s": summary([2 * b / s for s in seconds]),
            "fwd_macs_per_step": forward, "flops_per_step_x3": flops,
            "flops_per_step_exact": flops - 2 * first,     # a step needs no input gradient of the first conv
            "achieved_gflops_median_x3": flops / median / 1e9,
            "params": sum(p.numel() for p in model.parameters()), "final_loss": losses[-1],
            "steps_per_epoch": steps_per_epoch, "hours_per_epoch": steps_per_epoch * median / 3600,
            "wall_s": round(time.perf_counter() - t, 3)}


def probe(a):
    n, d, classes = 60000, 128, 10
    g = torch.Generator().manual_seed(a.seed)
    means = torch.randn(classes, d, generator=g)
    y = torch.randint(0, classes, (n,), generator=g)
    x = 0.5 * means[y] + torch.randn(n, d, generator=g)
    out = {"n": n, "dim": d, "classes": classes}

    def accuracy(linear):
        with torch.no_grad():
            return (linear(x).argmax(1) == y).float().mean().item()

    def sgd():
        linear = nn.Linear(d, classes)
        opt = torch.optim.SGD(linear.parameters(), lr=0.1, momentum=0.9)
        for _ in range(a.probe_epochs):
            order = torch.randperm(n)
            for i in range(0, n, a.batch):
                rows = order[i:i + a.batch]
                opt.zero_grad(set_to_none=True)
                F.cross_entropy(linear(x[rows]), y[rows]).backward()
                opt.step()
        out["sgd_acc"] = accuracy(linear)

    seconds = [s * a.steps for s in timed_groups(sgd, a, a.budget)]
    steps = a.probe_epochs * math.ceil(n / a.batch)
    out["torch_sgd"] = {"batch": a.batch, "epochs": a.probe_epochs, "steps": steps, "wall_s": summary(seconds),
                        "us_per_step_median": statistics.median(seconds) / steps * 1e6, "train_acc": out.pop("sgd_acc")}

    def lbfgs():
        linear = nn.Linear(d, classes)
        opt = torch.optim.LBFGS(linear.parameters(), lr=1, max_iter=100, history_size=10,
                                line_search_fn="strong_wolfe", tolerance_grad=0, tolerance_change=0)

        def closure():
            opt.zero_grad()
            loss = F.cross_entropy(linear(x), y)
            loss.backward()
            return loss

        opt.step(closure)
        return accuracy(linear), opt.state[opt._params[0]]["func_evals"]

    seconds = []
    for _ in range(3):
        t = time.perf_counter()
        acc, evaluations = lbfgs()
        seconds.append(time.perf_counter() - t)
    out["torch_lbfgs_fullbatch_100it"] = {"wall_s": summary(seconds), "func_evals": evaluations, "train_acc": acc}

    try:
        import warnings
        import sklearn
        from sklearn.exceptions import ConvergenceWarning
        from sklearn.linear_model import LogisticRegression
        warnings.simplefilter("ignore", ConvergenceWarning)
        xs, ys = x.numpy(), y.numpy()
        for max_iter in (100, 1000):
            seconds = []
            for _ in range(3):
                fit = LogisticRegression(solver="lbfgs", max_iter=max_iter, C=1.0)
                t = time.perf_counter()
                fit.fit(xs, ys)
                seconds.append(time.perf_counter() - t)
            out[f"sklearn_lbfgs_max_iter_{max_iter}"] = {"wall_s": summary(seconds), "n_iter": int(fit.n_iter_[0]),
                                                         "train_acc": float(fit.score(xs, ys)),
                                                         "sklearn": sklearn.__version__}
    except ImportError as e:
        out["sklearn"] = f"unavailable: {e}"
    return out


def augment(a):
    b = a.batch
    images = torch.randint(0, 256, (b, 1, 28, 28), dtype=torch.uint8)
    floats = images.float() / 255
    scale, ratio = (0.2, 1.0), (3 / 4, 4 / 3)
    out = {"batch_per_view": b, "views_per_batch": 2 * b}

    def rate(fn):
        seconds = timed_groups(fn, a, a.budget / 3)
        return {"s_per_batch": summary(seconds), "views_per_s_median": 2 * b / statistics.median(seconds)}

    def batched():
        m = 2 * b
        area = torch.empty(m).uniform_(*scale)
        aspect = torch.exp(torch.empty(m).uniform_(math.log(ratio[0]), math.log(ratio[1])))
        w, h = (area * aspect).sqrt().clamp(max=1), (area / aspect).sqrt().clamp(max=1)
        theta = torch.zeros(m, 2, 3)
        theta[:, 0, 0] = w * torch.where(torch.rand(m) < 0.5, -1.0, 1.0)
        theta[:, 0, 2] = (torch.rand(m) * (1 - w) + w / 2) * 2 - 1
        theta[:, 1, 1] = h
        theta[:, 1, 2] = (torch.rand(m) * (1 - h) + h / 2) * 2 - 1
        grid = F.affine_grid(theta, (m, 1, 28, 28), align_corners=False)
        return F.grid_sample(torch.cat([floats, floats]), grid, padding_mode="border", align_corners=False)

    out["batched_affine_grid_sample"] = rate(batched)
    try:
        import torchvision
        from torchvision import transforms as T
        from PIL import Image
        out["torchvision"] = torchvision.__version__
        on_tensor = T.Compose([T.RandomResizedCrop(28, scale=scale, ratio=ratio, antialias=True),
                               T.RandomHorizontalFlip()])
        out["torchvision_per_image_tensor"] = rate(lambda: torch.stack([on_tensor(i) for i in floats for _ in "12"]))
        pil = [Image.fromarray(i[0].numpy()) for i in images]
        on_pil = T.Compose([T.RandomResizedCrop(28, scale=scale, ratio=ratio), T.RandomHorizontalFlip(), T.ToTensor()])
        out["torchvision_per_image_pil"] = rate(lambda: torch.stack([on_pil(i) for i in pil for _ in "12"]))
    except ImportError as e:
        out["torchvision"] = f"unavailable: {e}"
    return out


def main():
    a = ARGS
    began = time.perf_counter()
    result = simclr(a) if a.workload in ("W1", "W2", "W3") else probe(a) if a.workload == "W4" else augment(a)
    print(json.dumps({"workload": a.workload, "threads": a.threads, "torch_threads": torch.get_num_threads(),
                      "blas_threads": a.blas_threads, "mkldnn": a.mkldnn, "torch": torch.__version__,
                      "python": platform.python_version(), "load1": os.getloadavg()[0], **result,
                      "total_s": round(time.perf_counter() - began, 2)}))


if __name__ == "__main__":
    sys.exit(main())
