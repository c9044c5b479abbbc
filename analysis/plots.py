#!/usr/bin/python3
"""Plots for samen compare: time series of main outcomes with 95% bands per
scenario, and a forest plot of paired differences against the baseline.

Usage: /usr/bin/python3 analysis/plots.py --csv comparison.csv --out DIR BASELINE.h5 OPTION.h5...
Needs Debian's python3-matplotlib, python3-h5py and python3-numpy.
"""
import argparse
import csv
import math
import os
import sys

import h5py
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

MAIN = [
    "reach_flow_all", "reach_flow_migrant", "care_flow_serious", "families_reached",
    "unmet_need_weeks", "referrals_volunteers", "volunteer_knowledge", "boundary_crossings",
    "cjg_aware", "chain_clarity", "volunteers_active", "professional_hours",
]
SMOOTH_WEEKS = 13  # weekly counts are noisy; show a quarter's moving average


def t975(n):
    """97.5% quantile of Student's t with n-1 degrees of freedom (table, then normal)."""
    table = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306,
             9: 2.262, 10: 2.228, 12: 2.179, 15: 2.131, 19: 2.093, 20: 2.086, 25: 2.060,
             30: 2.042, 40: 2.021, 60: 2.000, 120: 1.980}
    df = n - 1
    if df < 1:
        return float("nan")
    for key in sorted(table):
        if df <= key:
            return table[key]
    return 1.96


def smooth(x):
    if len(x) < SMOOTH_WEEKS:
        return x
    kernel = np.ones(SMOOTH_WEEKS) / SMOOTH_WEEKS
    padded = np.concatenate([np.full(SMOOTH_WEEKS - 1, x[0]), x])
    return np.convolve(padded, kernel, mode="valid")


def time_series(files, out):
    runs = []
    for path in files:
        with h5py.File(path, "r") as f:
            name = f.attrs["scenario"]
            data = {k: f["outcomes"][k][()] for k in MAIN if k in f["outcomes"]}
            units = {k: f["outcomes"][k].attrs["unit"] for k in data}
        runs.append((name, data, units))
    cols = 3
    rows = math.ceil(len(MAIN) / cols)
    fig, axes = plt.subplots(rows, cols, figsize=(5 * cols, 3.2 * rows), squeeze=False)
    for ax, outcome in zip(axes.flat, MAIN):
        for name, data, units in runs:
            if outcome not in data:
                continue
            m = data[outcome]
            n = m.shape[0]
            mean = smooth(np.nanmean(m, axis=0))
            half = t975(n) * smooth(np.nanstd(m, axis=0, ddof=1)) / math.sqrt(n) if n > 1 else 0 * mean
            weeks = np.arange(m.shape[1])
            line, = ax.plot(weeks, mean, lw=1.2, label=name)
            ax.fill_between(weeks, mean - half, mean + half, color=line.get_color(), alpha=0.2)
        ax.set_title(f"{outcome} [{runs[0][2].get(outcome, '')}]", fontsize=9)
        ax.set_xlabel("week after burn-in", fontsize=8)
        ax.tick_params(labelsize=7)
    for ax in list(axes.flat)[len(MAIN):]:
        ax.axis("off")
    handles, labels = axes.flat[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=min(5, len(labels)), fontsize=8)
    fig.suptitle(f"Mean over replicates with 95% band ({SMOOTH_WEEKS}-week moving average)", fontsize=11)
    fig.tight_layout(rect=(0, 0.06, 1, 0.97))
    path = os.path.join(out, "timeseries.png")
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def forest(csv_path, out):
    rows = list(csv.DictReader(open(csv_path, newline="")))
    options = sorted({r["option"] for r in rows}, key=[r["option"] for r in rows].index)
    cols = 3
    nrows = math.ceil(len(MAIN) / cols)
    fig, axes = plt.subplots(nrows, cols, figsize=(5 * cols, 0.35 * len(options) * nrows + 1.5 * nrows),
                             squeeze=False)
    for ax, outcome in zip(axes.flat, MAIN):
        sel = [r for r in rows if r["outcome"] == outcome]
        y = np.arange(len(sel))[::-1]
        mean = np.array([float(r["diff_mean"]) for r in sel])
        low = np.array([float(r["diff_ci_low"]) for r in sel])
        high = np.array([float(r["diff_ci_high"]) for r in sel])
        colours = ["tab:blue" if (lo > 0 or hi < 0) else "tab:gray" for lo, hi in zip(low, high)]
        for yi, m, lo, hi, colour in zip(y, mean, low, high, colours):
            ax.errorbar([m], [yi], xerr=[[m - lo], [hi - m]], fmt="o", ms=3, color=colour, capsize=2)
        ax.axvline(0, color="black", lw=0.8)
        ax.set_yticks(y)
        ax.set_yticklabels([r["option"] for r in sel], fontsize=7)
        ax.set_title(outcome, fontsize=9)
        ax.tick_params(axis="x", labelsize=7)
    for ax in list(axes.flat)[len(MAIN):]:
        ax.axis("off")
    fig.suptitle("Paired difference from the baseline with 95% interval (blue: excludes zero)", fontsize=11)
    fig.tight_layout(rect=(0, 0, 1, 0.96))
    path = os.path.join(out, "forest.png")
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--csv", required=True, help="CSV written by samen compare")
    parser.add_argument("--out", required=True, help="folder for the PNG files")
    parser.add_argument("files", nargs="+", help="baseline and option run files")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    print(time_series(args.files, args.out))
    print(forest(args.csv, args.out))


if __name__ == "__main__":
    sys.exit(main())
