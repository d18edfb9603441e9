#!/usr/bin/env python3
"""Malformed input against the release binary: every reader and every `replicate loss` loss.

    scripts/fuzz_release.py [.build/release/replicate] [--fashion-mnist DIR] [--only FAMILY] [--timeout S]

Each case runs the binary once with a timeout. A case is wrong when it ends in a signal or a hang; where the input
must be refused (specs, flags, trial configs, stores, a loss's missing file) also when it exits with another code
than 2. Data cases may be valid after a mutation (a flipped pixel) or absent (a missing file: `data check` lists it),
so only signals and hangs count there; the summary counts exit codes per family. Exit status: 0 when no case ended in a signal or a
hang, else 1. Cases are generated here (truncations, flipped bytes, wrong sizes, huge dimensions, NaN, empty); large
files are sparse, so the full-size CIFAR and STL-10 layouts cost no disk. Fashion-MNIST cases start from the real
files (Debian's dataset-fashion-mnist) when present, else from a generated copy of the same format.
"""
import argparse
import collections
import gzip
import json
import os
import random
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zlib

RNG = random.Random(13)


class Runner:
    def __init__(self, binary, timeout, work):
        self.binary, self.timeout, self.work = binary, timeout, work
        self.results = collections.OrderedDict()  # family -> list of (name, outcome)
        self.failures = []
        self.count = 0

    def case(self, family, name, args, cwd=None, expect=None):
        """Runs `replicate args…`; records exit code, signal or hang. `expect`: exit codes that count as right."""
        self.count += 1
        start = time.monotonic()
        try:
            p = subprocess.run([self.binary] + args, cwd=cwd or self.work, capture_output=True, timeout=self.timeout,
                               env=dict(os.environ, REPLICATE_DATA=os.path.join(self.work, "no-data")))
            code = p.returncode
            err = p.stderr.decode(errors="replace").strip().splitlines()
            outcome = f"signal {-code}" if code < 0 else f"exit {code}"
            line = err[-1] if err else ""
        except subprocess.TimeoutExpired:
            outcome, line = "hang", f"no exit within {self.timeout} s"
        elapsed = time.monotonic() - start
        self.results.setdefault(family, []).append((name, outcome))
        bad = outcome.startswith("signal") or outcome == "hang"
        wrong = expect is not None and not bad and int(outcome.split()[1]) not in expect
        if bad or wrong:
            self.failures.append(f"{family} / {name}: {outcome} ({elapsed:.1f} s): {line[:200]}")

    def summary(self):
        for family, cases in self.results.items():
            tally = collections.Counter(o for _, o in cases)
            print(f"{family:22} {len(cases):4} cases  " + ", ".join(f"{k}: {v}" for k, v in sorted(tally.items())))
        print(f"{self.count} cases in all; {len(self.failures)} wrong")
        for f in self.failures:
            print("  WRONG " + f)
        return 1 if self.failures else 0


# Mutations of a byte string --------------------------------------------------------------------------------------

def mutations(data, header=16):
    """(name, bytes) variants: truncations, flipped bytes in the header and the body, appended bytes, empty."""
    out = [("empty", b""), ("one byte", data[:1]), ("half", data[: len(data) // 2]), ("minus one", data[:-1]),
           ("plus one", data + b"\x00"), ("doubled tail", data + data[-64:])]
    for k in range(min(header, len(data))):
        b = bytearray(data); b[k] ^= 0xFF; out.append((f"flip header byte {k}", bytes(b)))
    for k in range(3):
        b = bytearray(data)
        if len(b) > header:
            i = RNG.randrange(header, len(b)); b[i] ^= 1 << RNG.randrange(8); out.append((f"flip body bit at {i}", bytes(b)))
    return out


# Fashion-MNIST (IDX, gzip) ---------------------------------------------------------------------------------------

def idx(magic, dims, payload):
    return struct.pack(">I", magic) + b"".join(struct.pack(">I", d) for d in dims) + payload


def gzip_bomb(size):
    """A gzip member of `size` zero bytes (about size/1000 bytes), compressed in chunks."""
    z = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk, out = bytes(1 << 20), []
    for _ in range(size >> 20):
        out.append(z.compress(chunk))
    out.append(z.flush())
    return b"".join(out)


def fashion_mnist(r, source):
    names = ["train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"]
    base = os.path.join(r.work, "fm-base")
    os.makedirs(base, exist_ok=True)
    if source and all(os.path.exists(os.path.join(source, n)) for n in names):
        raw = {n: gzip.open(os.path.join(source, n)).read() for n in names}
    else:
        raw = {names[0]: idx(2051, [60000, 28, 28], bytes(60000 * 784)), names[1]: idx(2049, [60000], bytes(60000)),
               names[2]: idx(2051, [10000, 28, 28], bytes(10000 * 784)), names[3]: idx(2049, [10000], bytes(10000))}
    for n in names:
        with open(os.path.join(base, n), "wb") as f: f.write(gzip.compress(raw[n], 1))

    def run(name, target, content, gz=True):
        root = os.path.join(r.work, "fm-case")
        shutil.rmtree(root, ignore_errors=True)
        d = os.path.join(root, "fashion-mnist"); os.makedirs(d)
        for n in names:
            if n != target: os.symlink(os.path.join(base, n), os.path.join(d, n))
        if content is not None:
            with open(os.path.join(d, target), "wb") as f: f.write(gzip.compress(content, 1) if gz else content)
        r.case("fashion-mnist (IDX)", f"{target}: {name}", ["data", "check", "--deep", "--data-root", root])

    labels, t10k = names[1], names[2]
    for name, content in mutations(raw[labels], header=8):
        run(name, labels, content)
    for name, content in mutations(raw[t10k][:4096], header=16):   # the first images' bytes: a short file
        run(name, t10k, content)
    run("huge dimensions", t10k, idx(2051, [0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF], b"\x00" * 64))
    run("dimensions overflowing Int", t10k, idx(2051, [0x7FFFFFFF, 0x7FFFFFFF, 0x7FFFFFFF], b""))
    run("zero images", t10k, idx(2051, [0, 28, 28], b""))
    run("label 10", labels, idx(2049, [60000], bytes([10]) + raw[labels][9:]))
    run("label 255", labels, idx(2049, [60000], raw[labels][8:-1] + b"\xff"))
    run("wrong magic (labels in images)", t10k, raw[names[3]])
    run("broken gzip", labels, gzip.compress(raw[labels])[:-12], gz=False)
    run("flipped gzip byte", labels, bytes(b ^ (0xFF if i == 40 else 0) for i, b in enumerate(gzip.compress(raw[labels]))), gz=False)
    run("gzip bomb (1 GB of zeros)", t10k, gzip_bomb(1 << 30), gz=False)
    run("plain IDX, not gzip", labels, raw[labels], gz=False)
    run("missing file", labels, None)
    run("a folder, not a file", labels, None)
    os.makedirs(os.path.join(r.work, "fm-case", "fashion-mnist", labels), exist_ok=True)
    r.case("fashion-mnist (IDX)", "labels path is a folder", ["data", "check", "--deep", "--data-root", os.path.join(r.work, "fm-case")], expect={2})


# CIFAR-10 / CIFAR-100 binary -------------------------------------------------------------------------------------

def sparse(path, size, patches=()):
    with open(path, "wb") as f:
        f.truncate(size)
        for offset, data in patches:
            f.seek(offset); f.write(data)


def layout_case(r, family, folder, files, target, name, size=None, patches=()):
    """A data root with every file of `files` (sparse, exact size) except `target`, which gets `size`/`patches`."""
    root = os.path.join(r.work, "layout-case")
    shutil.rmtree(root, ignore_errors=True)
    d = os.path.join(root, folder); os.makedirs(d)
    for n, (full, fill) in files.items():
        if n == target:
            if size is not None:   # None: the file is missing
                sparse(os.path.join(d, n), size, patches)
        else:
            sparse(os.path.join(d, n), full, fill)
    r.case(family, f"{target}: {name}", ["data", "check", "--deep", "--data-root", root])


def cifar(r):
    rec10, rec100 = 3073, 3074
    c10 = {f"data_batch_{i}.bin": (10000 * rec10, ()) for i in range(1, 6)}
    c10["test_batch.bin"] = (10000 * rec10, ())
    t = "test_batch.bin"
    for name, size, patches in [("empty", 0, ()), ("one record short", 9999 * rec10, ()), ("one byte long", 10000 * rec10 + 1, ()),
                                ("half a record", rec10 // 2, ()), ("label 10 in record 0", 10000 * rec10, [(0, b"\x0a")]),
                                ("label 255 in the last record", 10000 * rec10, [(9999 * rec10, b"\xff")]),
                                ("label 10 in record 5000", 10000 * rec10, [(5000 * rec10, b"\x0a")]),
                                ("twice the records", 20000 * rec10, ())]:
        layout_case(r, "cifar-10 (binary)", "cifar-10-batches-bin", c10, t, name, size, patches)
    layout_case(r, "cifar-10 (binary)", "cifar-10-batches-bin", c10, "data_batch_3.bin", "label 200 in record 17", 10000 * rec10, [(17 * rec10, b"\xc8")])
    layout_case(r, "cifar-10 (binary)", "cifar-10-batches-bin", c10, "data_batch_5.bin", "missing", None)
    c100 = {"train.bin": (50000 * rec100, ()), "test.bin": (10000 * rec100, ())}
    for name, size, patches in [("empty", 0, ()), ("one record short", 9999 * rec100, ()),
                                ("fine label 100", 10000 * rec100, [(1, b"\x64")]), ("coarse label 20", 10000 * rec100, [(0, b"\x14")]),
                                ("fine label 255 in the last record", 10000 * rec100, [(9999 * rec100 + 1, b"\xff")]),
                                ("a CIFAR-10 file", 10000 * rec10, ())]:
        layout_case(r, "cifar-100 (binary)", "cifar-100-binary", c100, "test.bin", name, size, patches)
    layout_case(r, "cifar-100 (binary)", "cifar-100-binary", c100, "train.bin", "label 101 in record 49999", 50000 * rec100, [(49999 * rec100 + 1, b"\x65")])


# STL-10 binary ---------------------------------------------------------------------------------------------------

def stl10(r):
    img = 3 * 96 * 96
    files = {"train_X.bin": (5000 * img, ()), "train_y.bin": (5000, [(0, b"\x01" * 5000)]),
             "test_X.bin": (8000 * img, ()), "test_y.bin": (8000, [(0, b"\x01" * 8000)]),
             "unlabeled_X.bin": (100000 * img, ())}
    # Every case breaks train or test, so the 2.8 GB unlabeled split is never decoded.
    for name, size, patches in [("empty", 0, ()), ("one label short", 4999, [(0, b"\x01" * 4999)]),
                                ("label 0", 5000, [(0, b"\x00" + b"\x01" * 4999)]), ("label 11", 5000, [(0, b"\x01" * 4999 + b"\x0b")]),
                                ("label 255 in the middle", 5000, [(0, b"\x01" * 2500 + b"\xff" + b"\x01" * 2499)]),
                                ("one label long", 5001, [(0, b"\x01" * 5001)])]:
        layout_case(r, "stl-10 (binary)", "stl10_binary", files, "train_y.bin", name, size, patches)
    for name, size in [("empty", 0), ("one image short", 4999 * img), ("one byte long", 5000 * img + 1), ("half an image", img // 2)]:
        layout_case(r, "stl-10 (binary)", "stl10_binary", files, "train_X.bin", name, size)
    layout_case(r, "stl-10 (binary)", "stl10_binary", files, "test_y.bin", "label 0 at the end", 8000, [(0, b"\x01" * 7999 + b"\x00")])
    layout_case(r, "stl-10 (binary)", "stl10_binary", files, "test_X.bin", "one byte short", 8000 * img - 1)


# JPEG: ImageNet-100 class folders and Tiny ImageNet --------------------------------------------------------------

def jpeg_variants(jpeg):
    """Malformed JPEGs from a valid one: truncations, flips, huge declared sizes, not-a-JPEG."""
    out = [("empty", b""), ("two bytes", jpeg[:2]), ("header only", jpeg[:200]), ("half", jpeg[: len(jpeg) // 2]),
           ("no end marker", jpeg[:-2]), ("PNG signature", b"\x89PNG\r\n\x1a\n" + jpeg), ("text", b"not a jpeg\n")]
    sof = jpeg.find(b"\xff\xc0")
    if sof > 0:
        for w, h in [(65500, 65500), (1, 65500), (65500, 1), (0, 16), (16, 0)]:
            b = bytearray(jpeg); b[sof + 5:sof + 9] = struct.pack(">HH", h, w); out.append((f"declares {w}x{h}", bytes(b)))
        b = bytearray(jpeg); b[sof + 9] = 9; out.append(("9 components", bytes(b)))
        b = bytearray(jpeg); b[sof + 4] = 16; out.append(("16-bit precision", bytes(b)))
    for k in range(12):
        b = bytearray(jpeg); i = RNG.randrange(2, len(b)); b[i] ^= 0xFF; out.append((f"flip byte {i}", bytes(b)))
    for k in range(3):
        b = bytearray(jpeg); i = RNG.randrange(2, len(b) - 8); b[i:i + 8] = b"\xff" * 8; out.append((f"0xFF run at {i}", bytes(b)))
    return out


def imagenet100(r, jpeg, classes):
    base = os.path.join(r.work, "in100-base.JPEG")
    with open(base, "wb") as f: f.write(jpeg)
    for name, content in jpeg_variants(jpeg):
        root = os.path.join(r.work, "in100-case")
        shutil.rmtree(root, ignore_errors=True)
        for split in ["train", "val"]:
            for k, wnid in enumerate(classes):
                d = os.path.join(root, "imagenet100", split, wnid); os.makedirs(d)
                p = os.path.join(d, f"{wnid}_1.JPEG")
                if split == "train" and k == 7:
                    with open(p, "wb") as f: f.write(content)
                else:
                    os.symlink(base, p)
        r.case("imagenet-100 (JPEG)", name, ["data", "check", "--deep", "--data-root", root])


def tiny_imagenet(r, jpeg64):
    wnids = [f"n{10000000 + k:08d}" for k in range(200)]
    base = os.path.join(r.work, "tiny-base.JPEG")
    with open(base, "wb") as f: f.write(jpeg64)

    root = os.path.join(r.work, "tiny-case")
    d = os.path.join(root, "tiny-imagenet-200")
    os.makedirs(os.path.join(d, "val", "images"))
    with open(os.path.join(d, "val", "val_annotations.txt"), "wb") as f: f.write(b"")
    os.makedirs(os.path.join(d, "test", "images"))
    train = os.path.join(d, "train")   # 500 x 200 links, made once; a case breaks one and restores it
    for w in wnids:
        os.makedirs(os.path.join(train, w, "images"))
        for i in range(500):
            os.symlink(base, os.path.join(train, w, "images", f"{w}_{i}.JPEG"))
    one = os.path.join(train, wnids[0], "images", f"{wnids[0]}_3.JPEG")

    def run(name, wnids_text=None, broken=None, expect={2}):
        with open(os.path.join(d, "wnids.txt"), "wb") as f:
            f.write(wnids_text if wnids_text is not None else "\n".join(wnids).encode() + b"\n")
        if broken is not None:   # one broken image among the 100,000 (the decoder stops at the first error)
            os.remove(one)
            with open(one, "wb") as f: f.write(broken)
        try:
            r.case("tiny-imagenet (JPEG)", name, ["data", "check", "--deep", "--data-root", root], expect=expect)
        finally:
            if broken is not None:
                os.remove(one); os.symlink(base, one)

    ids = "\n".join(wnids).encode()
    run("wnids.txt empty", b"")
    run("wnids.txt binary", bytes(range(256)) * 4)
    run("wnids.txt 199 ids", "\n".join(wnids[:199]).encode())
    run("wnids.txt duplicate id", "\n".join(wnids[:199] + [wnids[0]]).encode())
    run("wnids.txt id with 7 digits", ids.replace(b"n10000005", b"n1000005"))
    run("wnids.txt path in an id", ids.replace(b"n10000005", b"../../etc"))
    run("wnids.txt truncated", ids[: len(ids) // 2])
    run("wnids.txt NUL bytes", ids.replace(b"\n", b"\x00"))
    run("wnids.txt 1 MB line", b"n" * (1 << 20))
    run("valid train, empty val annotations")
    for name, content in [("truncated JPEG", jpeg64[: len(jpeg64) // 2]), ("empty JPEG", b""),
                          ("declares 65500x65500", jpeg_variants(jpeg64)[7][1]), ("wrong size (not 64x64)", None)]:
        run(f"train image: {name}", broken=content if content is not None else jpeg_small)


# Specs -----------------------------------------------------------------------------------------------------------

def hostile_specs(r, repo):
    root = os.path.join(r.work, "spec-root")
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(os.path.join(repo, "papers"), os.path.join(root, "papers"))
    shutil.copytree(os.path.join(repo, "expected"), os.path.join(root, "expected"))
    real = open(os.path.join(repo, "papers", "align-uniform.yaml"), "rb").read()
    bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"a{i}: &a{i} [" + ", ".join([f"*a{i-1}"] * 9) + "]\n" for i in range(1, 10))
    cases = [("billion laughs", bomb.encode()),
             ("alias as a key", (bomb + "? *a9\n: 1\n? *a8\n: 2\n").encode()),
             ("one alias", b"id: x\nmethods: &m []\nclaims: *m\n"),
             ("nested 10000 lists", b"x: " + b"[" * 10000 + b"]" * 10000 + b"\n"),
             ("nested 100 mappings", b"".join(b"  " * k + b"k:\n" for k in range(100)) + b"  " * 100 + b"v: 1\n"),
             ("nested 40 lists", b"x: " + b"[" * 40 + b"]" * 40 + b"\n"),
             ("2 MB of comments", b"# " + b"x" * (2 << 20) + b"\n"),
             ("300 KB spec", real + b"\n# " + b"x" * 300_000 + b"\n"),
             ("empty", b""), ("NUL bytes", b"\x00" * 64), ("not UTF-8", b"\xff\xfe\xfd id: x"),
             ("tabs", b"id:\tx\n\tmethods: []\n"), ("seeds 1e15", real.replace(b"seeds: 3", b"seeds: 1000000000000000")),
             ("huge int", real.replace(b"seeds: 3", b"seeds: 99999999999999999999999999")),
             ("NaN seeds", real.replace(b"seeds: 3", b"seeds: .nan")),
             ("10000 duplicate keys", b"".join(b"k: 1\n" for _ in range(10000))),
             ("include itself", b"include: [x.yaml]\n"), ("include /etc/passwd", b"include: [/etc/passwd]\n"),
             ("include ../../etc", b"include: [../../../../etc/passwd]\n"),
             ("a document stream", b"id: a\n---\nid: b\n"), ("!!binary tag", b"id: !!binary aGVsbG8=\n"),
             ("custom tag", b"id: !python/object:os.system x\n")]
    for name, content in mutations(real, header=0)[:6]:
        cases.append((f"align-uniform.yaml {name}", content))
    for k in range(10):
        b = bytearray(real); i = RNG.randrange(len(b)); b[i] = RNG.choice(b":-[]{}&*!|>'\"#\n\t %@`"); cases.append((f"align-uniform.yaml byte {i} set to {chr(b[i])!r}", bytes(b)))
    for name, content in cases:
        p = os.path.join(root, "papers", "x.yaml")
        with open(p, "wb") as f: f.write(content)
        r.case("spec (YAML)", name, ["validate", "papers/x.yaml"], cwd=root, expect={2})
    os.remove(os.path.join(root, "papers", "x.yaml"))
    for name, content in cases[:8]:
        p = os.path.join(root, "expected", "align-uniform.yaml")
        with open(p, "wb") as f: f.write(content)
        r.case("expected table (YAML)", name, ["validate"], cwd=root, expect={2})
    shutil.copy(os.path.join(repo, "expected", "align-uniform.yaml"), os.path.join(root, "expected", "align-uniform.yaml"))


# replicate loss --------------------------------------------------------------------------------------------------

def embeddings_cases():
    good2 = [[[0.1, 0.2, 0.3, 0.4], [0.4, 0.5, 0.6, 0.1], [0.3, -0.1, 0.2, 0.9]], [[0.1, 0.3, 0.2, 0.5], [0.5, 0.4, 0.7, 0.2], [0.2, 0.1, 0.3, 0.8]]]
    neg = [[0.2, 0.1, 0.0, 0.3], [0.0, 0.5, 0.5, 0.1], [0.9, 0.1, 0.1, 0.1]]
    text = lambda o: json.dumps(o).encode()
    return [
        ("two views", text({"views": good2})),
        ("two views + negatives", text({"views": good2, "negatives": neg})),
        ("one view + bank, indices, draws", text({"views": good2[:1], "negatives": neg, "indices": [0, 1, 2], "draws": [[0, 1], [2, 0], [1, 1]]})),
        ("five views", text({"views": good2 * 2 + good2[:1]})),
        ("empty file", b""), ("truncated", text({"views": good2})[:40]), ("not JSON", b"views = 1"),
        ("flipped byte", bytes(b ^ (0x20 if i == 17 else 0) for i, b in enumerate(text({"views": good2})))),
        ("NaN literal", b'{"views": [[[NaN, 1]], [[1, 1]]]}'), ("1e39 (inf in float32)", text({"views": [[[1e39, 1], [1, 2]], [[1, 1], [2, 1]]]})),
        ("1e38 (overflows later)", text({"views": [[[1e38, 1e38], [1e38, -1e38]], [[1e38, 1], [2, 1e38]]]})),
        ("no views key", text({"view": good2})), ("views empty", text({"views": []})), ("a view empty", text({"views": [[], []]})),
        ("rows of width 0", text({"views": [[[], []], [[], []]]})), ("ragged rows", text({"views": [[[1, 2], [3]], [[1, 2], [3, 4]]]})),
        ("views of different N", text({"views": [good2[0], good2[1][:2]]})), ("one row", text({"views": [[[1, 2]], [[2, 1]]]})),
        ("negatives of the wrong width", text({"views": good2, "negatives": [[1, 2]]})), ("negatives empty", text({"views": good2, "negatives": []})),
        ("indices out of range", text({"views": good2[:1], "negatives": neg, "indices": [0, 1, 99], "draws": [[0], [1], [2]]})),
        ("negative indices", text({"views": good2[:1], "negatives": neg, "indices": [-1, 0, 1], "draws": [[0], [1], [2]]})),
        ("too few indices", text({"views": good2, "negatives": neg, "indices": [0]})),
        ("negative draws", text({"views": good2[:1], "negatives": neg, "indices": [0, 1, 2], "draws": [[-5], [1], [2]]})),
        ("ragged draws", text({"views": good2[:1], "negatives": neg, "indices": [0, 1, 2], "draws": [[0, 1], [1], [2]]})),
        ("huge draws", text({"views": good2[:1], "negatives": neg, "indices": [0, 1, 2], "draws": [[2**62], [2**63 - 1], [7]]})),
        ("draws beyond Int64", b'{"views": [[[1, 2], [3, 4]]], "negatives": [[1, 1]], "indices": [0, 0], "draws": [[99999999999999999999], [1]]}'),
        ("strings for numbers", b'{"views": [[["a", "b"]], [["c", "d"]]]}'), ("deeply nested", b'{"views": ' + b"[" * 5000 + b"]" * 5000 + b"}"),
        ("5000 rows", text({"views": [[[float(i % 7), 1.0] for i in range(5000)]] * 2})),
        ("100000 columns", text({"views": [[[0.5] * 100000] * 2] * 2})),
        ("odd width (split in halves)", text({"views": [[[1, 2, 3], [3, 4, 5]], [[1, 2, 2], [4, 4, 6]]]})),
    ]


def losses(r):
    names = []
    p = subprocess.run([r.binary, "loss", "--list"], capture_output=True, timeout=r.timeout)
    for line in p.stdout.decode().splitlines():
        if line and not line.startswith(" ") and ":" in line:
            names.append(line.split(":")[0])
    cases = embeddings_cases()
    for k, (name, content) in enumerate(cases):
        with open(os.path.join(r.work, f"emb{k}.json"), "wb") as f: f.write(content)
    for loss in names:
        for k, (name, _) in enumerate(cases):
            r.case("replicate loss", f"{loss}: {name}", ["loss", loss, "--input", f"emb{k}.json"], expect={0, 2})
    # Parameters at the edges of their ranges, on good input.
    for loss, params in [("ring", ["outer=0.000001"]), ("ring", ["outer=1", "inner=0.999999"]), ("ring", ["linear_anneal=1"]),
                         ("manifold-clr", ["dictionary_size=4096", "blocks=1"]), ("manifold-clr", ["samples=1000"]),
                         ("cacr", ["positives=16"]), ("kernel-infonce", ["mode=1"]), ("hard-negative", ["temperature=0.025", "beta=20"]),
                         ("nt-xent", ["temperature=nan"]), ("nt-xent", ["temperature=1e400"]), ("moco", ["temperature=-1"])]:
        for k in (1, 2):
            r.case("replicate loss", f"{loss} {' '.join(params)}: {cases[k][0]}",
                   ["loss", loss, "--input", f"emb{k}.json"] + sum((["--param", p] for p in params), []), expect={0, 2})
    r.case("replicate loss", "missing input file", ["loss", "nt-xent", "--input", "nope.json"], expect={2})
    r.case("replicate loss", "input is a folder", ["loss", "nt-xent", "--input", "."], expect={2})


# Trial configs, the history store, checkpoints ---------------------------------------------------------------------

def trials_and_stores(r):
    config = {"version": 1}
    cases = [("empty", b""), ("not JSON", b"trial"), ("empty object", b"{}"), ("a list", b"[]"),
             ("NaN", b'{"seed": NaN}'), ("huge number", b'{"seed": 1e999}'), ("nested 10000", b"[" * 10000 + b"]" * 10000),
             ("wrong types", json.dumps({"seed": "x", "method": 3, "recipe": []}).encode()), ("truncated", json.dumps(config).encode()[:5])]
    for name, content in cases:
        with open(os.path.join(r.work, "trial.json"), "wb") as f: f.write(content)
        r.case("trial config (JSON)", name, ["trial", "trial.json", "--out", "result.json", "--quiet"], expect={2})
    r.case("trial config (JSON)", "missing file", ["trial", "nope.json", "--out", "result.json"], expect={2})
    for name, content in [("empty", b""), ("text", b"not sqlite"), ("SQLite header only", b"SQLite format 3\x00" + bytes(84)),
                          ("random bytes", bytes(RNG.randrange(256) for _ in range(8192))),
                          ("truncated page", b"SQLite format 3\x00\x10\x00\x01\x01\x00\x40\x20\x20" + bytes(4000))]:
        with open(os.path.join(r.work, "store.sqlite"), "wb") as f: f.write(content)
        r.case("history store (SQLite)", f"history: {name}", ["history", "--paper", "align-uniform", "--store", "store.sqlite"], expect={2})
        with open(os.path.join(r.work, "store.sqlite"), "wb") as f: f.write(content)
        r.case("history store (SQLite)", f"report: {name}", ["report", "--paper", "align-uniform", "--store", "store.sqlite", "--reports", "rep"], expect={2})
    r.case("history store (SQLite)", "store is a folder", ["history", "--paper", "align-uniform", "--store", "."], expect={2})


def flags(r):
    for args in [["--paper", "align-uniform", "--seeds", "99999999999999"], ["--paper", "align-uniform", "--seeds", "0"],
                 ["--paper", "align-uniform", "--checkpoint-every", "0"], ["--paper", "../../etc/passwd"], ["--paper", ""],
                 ["--paper", "align-uniform", "--scale", "huge"], ["--paper", "align-uniform", "--data-root", "/dev/null"],
                 ["plan", "align-uniform", "--seeds", "99999999999999"], ["bench", "--threads", "0"], ["bench", "--workload", "W9"],
                 ["history", "--paper", "align-uniform", "--window", "0"], ["loss", "nope"], ["loss", "nt-xent", "--param", "x"],
                 ["show", "nope"], ["validate", "/etc/passwd"], ["collect", "--run", "../../x"]]:
        r.case("command-line flags", " ".join(args), args, expect={2})


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("binary", nargs="?", default=".build/release/replicate")
    ap.add_argument("--fashion-mnist", default="/usr/share/datasets/fashion-mnist")
    ap.add_argument("--only", help="one family: fashion-mnist, cifar, stl10, imagenet, tiny-imagenet, spec, loss, trial, flags")
    ap.add_argument("--timeout", type=float, default=60)
    args = ap.parse_args()
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    binary = os.path.abspath(args.binary)
    global jpeg_small
    with tempfile.TemporaryDirectory(prefix="replicate-fuzz-") as work:
        r = Runner(binary, args.timeout, work)
        jpeg = open(os.path.join(repo, "Fuzz", "Corpus", "FuzzJPEG", "rgb-16x12.jpg"), "rb").read()
        jpeg_small = jpeg
        tiny = open(os.path.join(repo, "Fuzz", "Corpus", "FuzzTinyImageNet", "two-classes.bin"), "rb").read().split(b"\x00\xff\x00")[2]
        with open(os.path.join(repo, "Sources", "Data", "Resources", "imagenet100.txt")) as f:
            classes = f.read().split()
        families = {"fashion-mnist": lambda: fashion_mnist(r, args.fashion_mnist), "cifar": lambda: cifar(r), "stl10": lambda: stl10(r),
                    "imagenet": lambda: imagenet100(r, jpeg, classes), "tiny-imagenet": lambda: tiny_imagenet(r, tiny),
                    "spec": lambda: hostile_specs(r, repo), "loss": lambda: losses(r), "trial": lambda: trials_and_stores(r),
                    "flags": lambda: flags(r)}
        for name, run in families.items():
            if args.only in (None, name):
                start, before = time.monotonic(), r.count
                run()
                print(f"{name}: {r.count - before} cases in {time.monotonic() - start:.0f} s", file=sys.stderr, flush=True)
        return r.summary()


if __name__ == "__main__":
    sys.exit(main())
