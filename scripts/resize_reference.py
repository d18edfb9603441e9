#!/usr/bin/python3
"""Reference resizes by PIL (Debian python3-pil 9.4), what torchvision's Resize/CenterCrop run on PIL images.

Run with Debian's interpreter:
    /usr/bin/python3 scripts/resize_reference.py
It writes Tests/DataTests/Fixtures/resize_reference.json: for a few deterministic RGB images, the input bytes
(planar C, H, W), and PIL's `Image.resize((w, h), Image.BILINEAR)` output, and torchvision's
`Resize(shorter)` + `CenterCrop(crop)` output, both planar. Swift's ImageResize must agree within one level
(PIL rounds to 8 bits between its two passes).
"""
import json
import os

import numpy as np
from PIL import Image
import torchvision.transforms as T

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "DataTests", "Fixtures",
                   "resize_reference.json")


def image(h, w, seed):
    rng = np.random.RandomState(seed)
    # smooth structure plus noise, so both the filter weights and the edges matter
    y, x = np.mgrid[0:h, 0:w]
    base = np.stack([(x * 255 // max(w - 1, 1)), (y * 255 // max(h - 1, 1)), ((x + y) * 7) % 256])
    return np.clip(base + rng.randint(-40, 41, size=(3, h, w)), 0, 255).astype(np.uint8)


def planar(pil):
    return np.asarray(pil).transpose(2, 0, 1).reshape(-1).tolist()


cases = []
for (h, w, oh, ow, seed) in [(13, 17, 5, 7, 1), (40, 30, 9, 12, 2), (8, 8, 16, 12, 3), (24, 20, 24, 20, 4),
                             (61, 45, 10, 10, 5)]:
    src = image(h, w, seed)
    pil = Image.fromarray(src.transpose(1, 2, 0))
    cases.append({"kind": "resize", "height": h, "width": w, "out_height": oh, "out_width": ow,
                  "pixels": src.reshape(-1).tolist(), "expected": planar(pil.resize((ow, oh), Image.BILINEAR))})
for (h, w, shorter, crop, seed) in [(50, 75, 20, 16, 6), (75, 50, 18, 18, 7), (37, 53, 11, 8, 8)]:
    src = image(h, w, seed)
    pil = Image.fromarray(src.transpose(1, 2, 0))
    out = T.CenterCrop(crop)(T.Resize(shorter, interpolation=T.InterpolationMode.BILINEAR)(pil))
    cases.append({"kind": "shorter-center-crop", "height": h, "width": w, "shorter": shorter, "crop": crop,
                  "pixels": src.reshape(-1).tolist(), "expected": planar(out)})

with open(OUT, "w") as f:
    json.dump({"generator": "scripts/resize_reference.py", "pil": Image.__version__, "cases": cases}, f)
print(f"wrote {len(cases)} cases to {OUT}")
