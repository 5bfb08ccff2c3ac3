#!/usr/bin/env python3
"""Fit and check jisr's confidence model (src/align/confidence.rs, CALIBRATION).

usage: benches/calibrate.py [EVAL_ROOT] [--check]

Aligns every document of both dev profiles (EVAL_ROOT/ntrex-ar-en and
EVAL_ROOT/ntrex-ar-en-long, default ../shared/eval) on its own, presplit,
with `--explain`, with FreeDict (when installed) and with the embedded word
list alone (`-nodict` groups: fewer words can match), and each Arabic
document also with the English of another document (a wrong pair: no bead
of it is right). Labels each bead 1 when it
equals a gold bead, then

- fits a logistic regression of the label on [1, logit(posterior), empty,
  logit(document match rate)] (wrong pairs weighted 0.3) and prints the
  weights to paste into CALIBRATION, and
- prints, for the confidence jisr gave (`--check`) or the refitted one,
  per group: beads, accuracy, mean confidence, expected calibration error
  (10 bins), and the share and accuracy of beads at confidence >= 0.9.

The corpora/ articles (ours) are scored but not fitted on. Nothing of the
evaluation data is written anywhere: it is read, aligned and counted.
Needs only python3 and a built target/release/jisr.
"""
import glob
import json
import math
import os
import subprocess
import sys
from collections import OrderedDict, defaultdict
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JISR = os.path.join(HERE, "target", "release", "jisr")
WRONG_WEIGHT = 0.3
SHIFT = 7  # a wrong pair: document k with the translation of document k + 7


def jobs(root):
    out = []
    for profile in ["ntrex-ar-en", "ntrex-ar-en-long"]:
        d = os.path.join(root, profile)
        stems = sorted(os.path.basename(g)[:-5] for g in glob.glob(d + "/*.gold"))
        for k, s in enumerate(stems):
            w = stems[(k + SHIFT) % len(stems)]
            # With FreeDict (when installed) and with the embedded list
            # alone, so the fit sees texts where few words can match.
            for tag, flags in [("", []), ("-nodict", ["--no-system-dict"])]:
                out.append((profile + tag, "ok", s, f"{d}/{s}.ar", f"{d}/{s}.en",
                            f"{d}/{s}.gold", flags))
                out.append((profile + tag, "wrong", s, f"{d}/{s}.ar", f"{d}/{w}.en", None, flags))
    c = os.path.join(HERE, "corpora")
    for g in sorted(glob.glob(c + "/*.gold")):
        s = os.path.basename(g)[:-5]
        a, b = ("ar", "en") if os.path.exists(f"{c}/{s}.ar") else ("de", "fr")
        out.append(("corpora-" + a + "-" + b, "ok", s, f"{c}/{s}.{a}", f"{c}/{s}.{b}", g, []))
    return out


def run(job):
    group, kind, stem, src, tgt, gold_path, flags = job
    r = subprocess.run(
        [JISR, "align", src, tgt, "--presplit", "--format", "jsonl", "--explain"] + flags,
        capture_output=True, text=True, check=True)
    gold = set()
    if gold_path:
        for line in open(gold_path):
            if line.strip():
                s, t = line.strip().split(":")
                gold.add((tuple(json.loads(s)), tuple(json.loads(t))))
    beads = []
    for line in r.stdout.splitlines():
        b = json.loads(line)
        beads.append((b, int((tuple(b["src_ids"]), tuple(b["tgt_ids"])) in gold)))
    return (group + "/" + kind, stem), beads


def logit(p):
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def features(beads):
    linked = [b for b, _ in beads if b["src_ids"] and b["tgt_ids"]]
    m = sum(b["signals"]["words_matched"] + b["signals"]["numbers_matched"] for b in linked)
    t = sum(b["signals"]["words_matchable"] + b["signals"]["numbers_total"] for b in linked)
    rate = (m + 1) / (t + 2)
    for b, y in beads:
        empty = 0.0 if (b["src_ids"] and b["tgt_ids"]) else 1.0
        yield [1.0, logit(b["signals"]["posterior"]), empty, logit(rate)], y, b["score"]


def fit(rows, l2=1.0):
    k = len(rows[0][0])
    w = [0.0] * k
    for _ in range(50):
        g = [0.0] * k
        h = [[0.0] * k for _ in range(k)]
        for x, y, weight in rows:
            p = 1 / (1 + math.exp(-max(-30, min(30, sum(a * b for a, b in zip(w, x))))))
            for a in range(k):
                g[a] += weight * (p - y) * x[a]
                for b in range(k):
                    h[a][b] += weight * p * (1 - p) * x[a] * x[b]
        for a in range(k):
            g[a] += l2 * w[a]
            h[a][a] += l2
        # Newton step: solve h d = g by Gauss-Jordan elimination.
        m = [h[a][:] + [g[a]] for a in range(k)]
        for c in range(k):
            piv = max(range(c, k), key=lambda r: abs(m[r][c]))
            m[c], m[piv] = m[piv], m[c]
            for r in range(k):
                if r != c:
                    f = m[r][c] / m[c][c]
                    for cc in range(c, k + 1):
                        m[r][cc] -= f * m[c][cc]
        d = [m[a][k] / m[a][a] for a in range(k)]
        w = [a - b for a, b in zip(w, d)]
        if max(abs(x) for x in d) < 1e-9:
            break
    return w


def ece(pairs):
    bins = [[] for _ in range(10)]
    for c, y in pairs:
        bins[min(int(c * 10), 9)].append((c, y))
    return sum(abs(sum(c for c, _ in b) - sum(y for _, y in b)) for b in bins) / len(pairs)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    check = "--check" in sys.argv
    root = args[0] if args else os.path.join(HERE, "..", "shared", "eval")
    if not os.path.isdir(os.path.join(root, "ntrex-ar-en")):
        sys.exit(f"calibrate.py: {root}/ntrex-ar-en not found")
    with ThreadPoolExecutor(os.cpu_count() or 2) as ex:
        docs = OrderedDict(ex.map(run, jobs(root)))
    rows = []
    for (group, _), beads in docs.items():
        for x, y, score in features(beads):
            rows.append((group, x, y, score))
    train = [(x, y, WRONG_WEIGHT if g.endswith("/wrong") else 1.0)
             for g, x, y, _ in rows if g.startswith("ntrex")]
    w = fit(train)
    print("CALIBRATION:", "[" + ", ".join(f"{v:.4f}" for v in w) + "]")
    groups = defaultdict(list)
    for g, x, y, score in rows:
        c = score if check else 1 / (1 + math.exp(-sum(a * b for a, b in zip(w, x))))
        groups[g].append((c, y))
    print("confidence:", "as jisr gave it" if check else "refitted")
    for g, v in sorted(groups.items()):
        hi = [y for c, y in v if c >= 0.9]
        print(f"{g:26s} beads {len(v):4d}  accuracy {sum(y for _, y in v) / len(v):.3f}  "
              f"mean confidence {sum(c for c, _ in v) / len(v):.3f}  ECE {ece(v):.3f}  "
              f">= 0.9: {len(hi) / len(v):6.1%} of beads, accuracy {sum(hi) / max(1, len(hi)):.3f}")


if __name__ == "__main__":
    main()
