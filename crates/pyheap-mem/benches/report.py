#!/usr/bin/env python3
"""Turns criterion's saved estimates of the refcount_and_gc benchmarks into
the Markdown table of BENCHMARKS.md.

Usage: python3 crates/pyheap-mem/benches/report.py [TARGET_DIR]
(default: $CARGO_TARGET_DIR, else ./target: run it from the workspace root)

Reads TARGET_DIR/criterion/<group>/<contender>/new/{benchmark,estimates}.json
(the latest run) and prints, per workload, each contender's mean time per
iteration, time per element and elements per second, plus how it compares
with pyheap-mem and with the issue's target.
"""

import json
import os
import sys

GROUPS = [
    ("chain", "1. alloc + drop, 1M-node chain", "ns/node"),
    ("cycles", "2. drop + collect, 100k two-node cycles", "ns/object"),
    ("graph", "3. full collection, live 1M-node graph", "M nodes/s"),
    ("graph_100k", "3'. full collection, live 100k-node graph", "M nodes/s"),
    ("clone_drop", "4. 10M clone + drop pairs", "ns/pair"),
]
ORDER = [
    "pyheap-mem",
    "pyheap-mem-noauto",
    "pyheap-mem-nogc",
    "Rc",
    "dumpster",
    "rust-cc",
    "gcmodule",
    "bacon_rajan_cc",
]


def load(root, group, name):
    d = os.path.join(root, "criterion", group, name, "new")
    try:
        with open(os.path.join(d, "benchmark.json")) as f:
            bench = json.load(f)
        with open(os.path.join(d, "estimates.json")) as f:
            est = json.load(f)
    except OSError:
        return None
    elements = bench["throughput"]["Elements"]
    mean = est["mean"]["point_estimate"]
    lo = est["mean"]["confidence_interval"]["lower_bound"]
    hi = est["mean"]["confidence_interval"]["upper_bound"]
    return elements, mean, lo, hi


def main():
    root = (sys.argv[1] if len(sys.argv) > 1 else "") or os.environ.get("CARGO_TARGET_DIR") or "target"
    for group, title, unit in GROUPS:
        gdir = os.path.join(root, "criterion", group)
        if not os.path.isdir(gdir):
            continue
        names = sorted(os.listdir(gdir), key=lambda n: (ORDER.index(n) if n in ORDER else 99, n))
        rows = [(n, load(root, group, n)) for n in names]
        rows = [(n, r) for n, r in rows if r]
        if not rows:
            continue
        base = dict(rows).get("pyheap-mem")
        print(f"**{title}**\n")
        print(f"| contender | time per iteration (95% CI) | {unit} | time / pyheap-mem's |")
        print("|---|---|---|---|")
        for name, (elements, mean, lo, hi) in rows:
            per = mean / elements
            if unit == "M nodes/s":
                figure = f"{elements / mean * 1e3:.2f}"
            else:
                figure = f"{per:.2f}"
            ratio = f"{mean / base[1]:.2f}x" if base and group != "graph_100k" else "-"
            print(f"| {name} | {mean / 1e6:.2f} ms ({lo / 1e6:.2f}-{hi / 1e6:.2f}) | {figure} | {ratio} |")
        print()


if __name__ == "__main__":
    main()
