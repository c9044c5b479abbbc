#!/usr/bin/python3
"""Sorted bar charts of sensitivity indices written by `samen sensitivity --csv`.

Usage:
  /usr/bin/python3 analysis/sensitivity_plot.py --csv sensitivity.csv --out DIR
      [--format png|svg|pdf]...

Writes DIR/sensitivity_OUTCOME.FMT per outcome (and contrast) of the CSV: one
horizontal bar per parameter, largest on top, with its bootstrap 95% interval:
mu* for a Morris design, the total index ST (with S1 as a thin bar) for a Sobol
design. Needs Debian's python3-matplotlib.
"""
import argparse
import csv
import math
import os
import re
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def number(text):
    return float(text) if text not in ("", None) else math.nan


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--format", action="append", default=[])
    args = parser.parse_args()
    formats = args.format or ["png"]
    with open(args.csv, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    if not rows:
        sys.exit(f"{args.csv}: no rows to draw")
    morris = "mu_star" in rows[0]
    groups = {}
    for r in rows:
        groups.setdefault((r["outcome"], r["of"]), []).append(r)
    os.makedirs(args.out, exist_ok=True)
    for (outcome, of), group in groups.items():
        key = "mu_star" if morris else "ST"
        group.sort(key=lambda r: number(r[key]))  # largest drawn on top
        names = [r["parameter"] for r in group]
        value = [number(r[key]) for r in group]
        low = [number(r[key + "_ci_low"]) for r in group]
        high = [number(r[key + "_ci_high"]) for r in group]
        err = [[max(0.0, v - lo) if not math.isnan(lo) else 0.0 for v, lo in zip(value, low)],
               [max(0.0, hi - v) if not math.isnan(hi) else 0.0 for v, hi in zip(value, high)]]
        fig, ax = plt.subplots(figsize=(7.5, 1.2 + 0.32 * len(group)))
        y = list(range(len(group)))
        ax.barh(y, value, xerr=err, color="#4878a8", ecolor="#333333", capsize=2,
                label="mu*" if morris else "ST (total)")
        if not morris:
            ax.barh(y, [number(r["S1"]) for r in group], height=0.3, color="#e0a030",
                    label="S1 (first order)")
            ax.legend(loc="lower right", fontsize=8)
        ax.set_yticks(y)
        ax.set_yticklabels(names, fontsize=8)
        ax.axvline(0.0, color="#999999", linewidth=0.8)
        if morris:
            ax.set_xlabel("mu*: mean |elementary effect| per whole range of the parameter")
        else:
            ax.set_xlabel("share of variance")
        ax.set_title(f"{outcome} ({of})", fontsize=10)
        fig.text(0.01, 0.005, "bars: bootstrap 95% intervals", fontsize=7, color="#555555")
        fig.tight_layout()
        stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", f"sensitivity_{outcome}_{of}")
        for fmt in formats:
            fig.savefig(os.path.join(args.out, f"{stem}.{fmt}"), dpi=150,
                        metadata={"Title": f"{outcome} ({of})"} if fmt != "png" else None)
        plt.close(fig)


if __name__ == "__main__":
    main()
