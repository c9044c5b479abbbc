#!/usr/bin/python3
"""Figures of a samen comparison, fit for a report.

Usage:
  /usr/bin/python3 analysis/plots.py --csv comparison.csv --out DIR [--window A:B]
      [--format png|svg|pdf]... [--outcome NAME]... [--timeseries NAME]...
      [--captions FILE] -- BASELINE.h5 OPTION.h5...

Writes into DIR, per format:
  forest.FMT               every chosen outcome's paired difference per option with its
                           95% interval, in the outcome's own unit; outcomes that no
                           option changes are named in a note instead of drawn
  timeseries_OUTCOME.FMT   per chosen outcome (or per --timeseries outcome), one small
                           panel per option: the paired difference from the baseline
                           week by week with its 95% band
With --captions FILE, the captions are written to FILE instead of under the
figures (one line per figure file: path, title and caption, separated by tabs; for
samen report); the files' metadata carry them either way.

Titles, axis labels and units come from the outcome attributes of the run files
(label, unit, better), scenario names from their root attribute `label`; shares are
shown as percentages. Each figure states its replicates, window and source files in
its caption and in the file's metadata. Needs Debian's python3-matplotlib,
python3-h5py and python3-numpy.
"""
import argparse
import csv
import math
import os
import sys
import textwrap
import warnings

import h5py
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402

SMOOTH_WEEKS = 13  # weekly values are noisy; show a quarter's moving average

# Okabe & Ito (2008): distinguishable with every common colour-vision deficiency.
OKABE_ITO = {"orange": "#E69F00", "sky_blue": "#56B4E9", "bluish_green": "#009E73",
             "yellow": "#F0E442", "blue": "#0072B2", "vermillion": "#D55E00",
             "reddish_purple": "#CC79A7", "grey": "#999999", "black": "#000000"}

STYLE = {"font.size": 11, "axes.titlesize": 11.5, "axes.labelsize": 11, "xtick.labelsize": 10,
         "ytick.labelsize": 10, "legend.fontsize": 10, "figure.titlesize": 14,
         "axes.spines.top": False, "axes.spines.right": False, "svg.fonttype": "path",
         "pdf.fonttype": 42, "svg.hashsalt": "samen"}

# 97.5% quantiles of Student's t by degrees of freedom (exact to 3 decimals).
T975 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306,
        9: 2.262, 10: 2.228, 11: 2.201, 12: 2.179, 13: 2.160, 14: 2.145, 15: 2.131, 16: 2.120,
        17: 2.110, 18: 2.101, 19: 2.093, 20: 2.086, 21: 2.080, 22: 2.074, 23: 2.069, 24: 2.064,
        25: 2.060, 26: 2.056, 27: 2.052, 28: 2.048, 29: 2.045, 30: 2.042, 40: 2.021, 60: 2.000,
        120: 1.980}


def t975(n):
    """97.5% quantile of Student's t with n - 1 degrees of freedom (NaN below 2)."""
    df = n - 1
    if df < 1:
        return float("nan")
    if df in T975:
        return T975[df]
    if df > 120:
        return 1.960 + (1.980 - 1.960) * 120 / df  # linear in 1/df towards the normal
    lo = max(k for k in T975 if k < df)
    hi = min(k for k in T975 if k > df)
    w = (1 / df - 1 / hi) / (1 / lo - 1 / hi)  # linear in 1/df
    return T975[hi] + w * (T975[lo] - T975[hi])


class Outcome:
    """An outcome as shown: plain label, units for levels and differences, scale."""

    def __init__(self, name, attrs):
        self.name = name
        self.label = attrs.get("label", name)
        self.unit = attrs.get("unit", "")
        self.better = attrs.get("better", "neither")
        self.description = attrs.get("description", "")
        if self.unit == "share":
            self.scale, self.level_unit, self.change_unit = 100.0, "%", "percentage points"
        else:
            self.scale, self.level_unit, self.change_unit = 1.0, self.unit, self.unit


class Run:
    def __init__(self, path, outcomes):
        with h5py.File(path, "r") as f:
            a = f.attrs
            self.path = path
            self.scenario = str(a["scenario"])
            self.label = str(a["label"]) if "label" in a else self.scenario
            self.replicates = int(a["replicates"])
            self.weeks = int(a["weeks"])
            self.burn_in = int(a["burn_in_weeks"]) if "burn_in_weeks" in a else 0
            group = f["outcomes"]
            missing = [o for o in outcomes if o not in group]
            if missing:
                sys.exit("plots.py: '%s' has no outcome %s" % (path, ", ".join(missing)))
            self.values = {o: group[o][()] for o in outcomes}
            self.meta = {o: {k: (v.decode() if isinstance(v, bytes) else str(v))
                             for k, v in group[o].attrs.items()} for o in outcomes}


def moving_average(x):
    """Trailing mean over SMOOTH_WEEKS weeks per row, skipping NaN (NaN if none)."""
    valid = ~np.isnan(x)
    sums = np.cumsum(np.where(valid, x, 0.0), axis=-1)
    counts = np.cumsum(valid, axis=-1)
    k = SMOOTH_WEEKS
    sums[..., k:] = sums[..., k:] - sums[..., :-k].copy()
    counts[..., k:] = counts[..., k:] - counts[..., :-k].copy()
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(counts > 0, sums / np.maximum(counts, 1), np.nan)


def source_text(files):
    folder = os.path.dirname(os.path.abspath(files[0]))
    if all(os.path.dirname(os.path.abspath(f)) == folder for f in files):
        return "Source: %s (%s)." % (folder, ", ".join(os.path.basename(f) for f in files))
    return "Source: %s." % ", ".join(files)


DRAW_CAPTIONS = True  # False with --captions: the caption goes beside the figure instead


def caption_block(fig, text, width_in):
    """Writes the caption under the axes; returns the height it needs in inches."""
    if not DRAW_CAPTIONS:
        return 0.1
    chars = max(40, int(width_in * 13))  # about 13 characters an inch at 9.5 pt
    wrapped = "\n".join(textwrap.fill(p, chars) for p in text.split("\n"))
    lines = wrapped.count("\n") + 1
    fig.text(0.01, 0.005, wrapped, ha="left", va="bottom", fontsize=9.5, color="#333333")
    return 0.2 + 0.17 * lines


def save(fig, out, stem, formats, title, caption):
    """Writes the figure in every format; returns (paths, title, caption)."""
    paths = []
    for fmt in formats:
        path = os.path.join(out, "%s.%s" % (stem, fmt))
        if fmt == "pdf":
            meta = {"Title": title, "Subject": caption, "Creator": "samen analysis/plots.py"}
        elif fmt == "svg":
            meta = {"Title": title, "Description": caption, "Creator": "samen analysis/plots.py",
                    "Date": None}
        else:
            meta = {"Title": title, "Description": caption, "Software": "samen analysis/plots.py"}
        fig.savefig(path, format=fmt, dpi=150, metadata=meta)
        paths.append(path)
    plt.close(fig)
    return paths, title, caption


def time_series(runs, outcome, window, files, out, formats):
    base, options = runs[0], runs[1:]
    o = Outcome(outcome, base.meta[outcome])
    n_opt = len(options)
    cols = min(4, n_opt)
    rows = math.ceil(n_opt / cols)
    width = 3.1 * cols + 1.0
    fig, axes = plt.subplots(rows, cols, figsize=(width, 2.5 * rows + 1.0), squeeze=False,
                             sharex=True, sharey=True)
    n_used = 0
    for ax, run in zip(axes.flat, options):
        d = (run.values[outcome] - base.values[outcome]) * o.scale  # replicate by replicate
        smooth = moving_average(d)
        weeks = np.arange(d.shape[1])
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            mean = np.nanmean(smooth, axis=0)
            n = np.sum(~np.isnan(smooth), axis=0)
            sd = np.nanstd(smooth, axis=0, ddof=1) if smooth.shape[0] > 1 else np.zeros_like(mean)
        half = np.array([t975(k) for k in n]) * sd / np.sqrt(np.maximum(n, 1))
        n_used = max(n_used, int(n.max()) if n.size else 0)
        ax.axvspan(window[0], window[1], color="#F2F2F2", lw=0, zorder=0)
        ax.axhline(0, color=OKABE_ITO["black"], lw=0.8, zorder=1)
        if smooth.shape[0] > 1:
            ax.fill_between(weeks, mean - half, mean + half, color=OKABE_ITO["blue"], alpha=0.25,
                            lw=0, zorder=2)
        ax.plot(weeks, mean, color=OKABE_ITO["blue"], lw=1.6, zorder=3)
        ax.set_title("\n".join(textwrap.wrap(run.label, 30)))
    for ax in list(axes.flat)[n_opt:]:
        ax.axis("off")
    for ax in axes[:, 0]:
        ax.set_ylabel("difference (%s)" % o.change_unit if o.change_unit else "difference")
    for c in range(cols):
        last = max(r for r in range(rows) if r * cols + c < n_opt)
        axes[last, c].set_xlabel("weeks after the burn-in")
        axes[last, c].xaxis.set_tick_params(labelbottom=True)
    title = "%s: difference from %s" % (o.label, base.label)
    caption = ("%s. Each panel: the option minus the baseline, replicate by replicate (common "
               "random numbers), mean over %d replicates with its 95%% interval, as a %d-week "
               "moving average. Grey: weeks %d-%d, the window of the comparison table. Week 0 "
               "follows a burn-in of %d weeks.\n%s"
               % (o.description, n_used, SMOOTH_WEEKS, window[0], window[1], base.burn_in,
                  source_text(files)))
    fig.suptitle(title, x=0.01, ha="left")
    bottom = caption_block(fig, caption, width)
    height = fig.get_size_inches()[1]
    fig.set_size_inches(width, height + bottom)
    fig.tight_layout(rect=(0, bottom / (height + bottom), 1, 0.97))
    return save(fig, out, "timeseries_" + outcome, formats, title, caption)


def classify(row, better):
    """'better', 'worse', 'changed' (no direction) or 'unclear' by the 95% interval."""
    low, high = float(row["diff_ci_low"]), float(row["diff_ci_high"])
    if math.isnan(low) or math.isnan(high) or low <= 0 <= high:
        return "unclear"
    up = low > 0
    if better == "higher":
        return "better" if up else "worse"
    if better == "lower":
        return "worse" if up else "better"
    return "changed"


MARKERS = {"better": ("o", OKABE_ITO["bluish_green"], "improves (95% interval excludes zero)"),
           "worse": ("s", OKABE_ITO["vermillion"], "worsens (95% interval excludes zero)"),
           "changed": ("D", OKABE_ITO["blue"], "changes (no better direction)"),
           "unclear": ("o", OKABE_ITO["grey"], "no clear change (interval includes zero)")}


def forest(csv_path, runs, outcomes, window, files, out, formats):
    rows = list(csv.DictReader(open(csv_path, newline="", encoding="utf-8")))
    base, options = runs[0], runs[1:]
    labels = [r.label for r in options]
    drawn, unchanged = [], []
    for name in outcomes:
        sel = {r["option"]: r for r in rows if r["outcome"] == name}
        values = [sel[r.scenario] for r in options if r.scenario in sel]
        if len(values) != len(options):
            sys.exit("plots.py: %s lacks rows for outcome %s" % (csv_path, name))
        if all(float(v["diff_mean"]) == 0.0 and float(v["diff_ci_low"]) == 0.0
               and float(v["diff_ci_high"]) == 0.0 for v in values):
            unchanged.append(name)
        else:
            drawn.append((name, values))
    n = len(drawn)
    cols = min(3, max(1, n))
    nrows = max(1, math.ceil(n / cols))
    label_width = 0.075 * max(len(s) for s in labels)
    width = 3.6 * cols + label_width
    panel_h = 0.32 * len(options) + 0.9
    fig, axes = plt.subplots(nrows, cols, figsize=(width, panel_h * nrows + 1.0), squeeze=False,
                             sharey=True)
    y = np.arange(len(options))[::-1]
    used = set()
    for ax, (name, values) in zip(axes.flat, drawn):
        o = Outcome(name, base.meta[name])
        for yi, v in zip(y, values):
            m, lo, hi = (float(v[k]) * o.scale for k in ("diff_mean", "diff_ci_low", "diff_ci_high"))
            kind = classify(v, o.better)
            used.add(kind)
            marker, colour, _ = MARKERS[kind]
            if not (math.isnan(lo) or math.isnan(hi)):
                ax.plot([lo, hi], [yi, yi], color=colour, lw=2.0, solid_capstyle="butt")
            ax.plot([m], [yi], marker=marker, ms=6.5, color=colour,
                    markerfacecolor="white" if kind == "unclear" else colour, lw=0)
        ax.axvline(0, color=OKABE_ITO["black"], lw=0.8)
        ax.set_title("\n".join(textwrap.wrap(o.label, 34)))
        ax.set_xlabel(o.change_unit)
        ax.set_yticks(y)
        ax.set_yticklabels(labels)
        ax.set_ylim(-0.7, len(options) - 0.3)
        ax.grid(axis="x", color="#DDDDDD", lw=0.6)
        ax.set_axisbelow(True)
    for ax in list(axes.flat)[n:]:
        ax.axis("off")
    title = "Difference from %s, weeks %d-%d" % (base.label, window[0], window[1])
    note = ""
    if unchanged:
        names = [Outcome(u, base.meta[u]).label for u in unchanged]
        note = " No option changes: %s (every difference is exactly 0)." % "; ".join(names)
    if not drawn:
        axes.flat[0].text(0.5, 0.5, "No option changes any of these outcomes.", ha="center",
                          va="center", transform=axes.flat[0].transAxes)
    caption = ("Mean paired difference (option minus baseline, replicate by replicate) over "
               "weeks %d-%d after a burn-in of %d weeks, with its 95%% interval (Student t), "
               "from %d replicates. Shares are in percentage points.%s\n%s"
               % (window[0], window[1], base.burn_in, base.replicates, note, source_text(files)))
    fig.suptitle(title, x=0.01, ha="left")
    handles = [Line2D([], [], marker=MARKERS[k][0], color=MARKERS[k][1], lw=2.0,
                      markerfacecolor="white" if k == "unclear" else MARKERS[k][1],
                      label=MARKERS[k][2]) for k in ("better", "worse", "changed", "unclear")
               if k in used]
    bottom = caption_block(fig, caption, width)
    legend_h = 0.45 if handles else 0.0
    height = fig.get_size_inches()[1]
    total = height + bottom + legend_h
    fig.set_size_inches(width, total)
    if handles:
        fig.legend(handles=handles, loc="lower center", ncol=min(2, len(handles)), frameon=False,
                   bbox_to_anchor=(0.5, bottom / total))
    fig.tight_layout(rect=(0, (bottom + legend_h) / total, 1, 1 - 0.35 / total))
    return save(fig, out, "forest", formats, title, caption)


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--csv", required=True, help="comparison CSV written by samen compare")
    parser.add_argument("--out", required=True, help="folder for the figures")
    parser.add_argument("--window", default=None, help="compared weeks A:B (for captions)")
    parser.add_argument("--format", action="append", choices=["png", "svg", "pdf"],
                        help="output format (repeatable; default png)")
    parser.add_argument("--outcome", action="append", help="outcome to draw (repeatable)")
    parser.add_argument("--timeseries", action="append",
                        help="outcome to draw over time (repeatable; default: every --outcome)")
    parser.add_argument("--captions", help="write path, title and caption of each figure here")
    parser.add_argument("files", nargs="+", help="baseline and option run files")
    args = parser.parse_args()
    if len(args.files) < 2:
        parser.error("give the baseline's run file and at least one option's")
    formats = args.format or ["png"]
    outcomes = args.outcome or ["reach_flow_all", "reach_flow_migrant", "professional_hours"]
    os.makedirs(args.out, exist_ok=True)
    plt.rcParams.update(STYLE)
    global DRAW_CAPTIONS
    DRAW_CAPTIONS = not args.captions
    series = args.timeseries or outcomes
    runs = [Run(path, list(dict.fromkeys(outcomes + series))) for path in args.files]
    if args.window:
        first, last = (int(x) for x in args.window.split(":"))
    else:
        last = runs[0].weeks
        first = max(0, last - 51)
    figures = [forest(args.csv, runs, outcomes, (first, last), args.files, args.out, formats)]
    for name in series:
        figures.append(time_series(runs, name, (first, last), args.files, args.out, formats))
    if not args.captions:  # samen report reads the captions file instead
        for paths, _, _ in figures:
            for path in paths:
                print(path)
    if args.captions:
        with open(args.captions, "w", encoding="utf-8") as out:
            for paths, title, caption in figures:
                for path in paths:
                    out.write("\t".join(x.replace("\t", " ").replace("\n", " ")
                                        for x in (path, title, caption)) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
