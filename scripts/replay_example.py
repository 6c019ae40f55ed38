#!/usr/bin/python3
"""Lincolnshire's replay (docs/validation.md, section 5, "Replayed from a fit before
December 2015"): fit the model on the 12 months before HART started, replay HART and
seven-day social work at their dates, and set what the model predicts beside what
Lincolnshire's returns show.

  scripts/replay_example.py [--homeward build/homeward] [--out out/lincolnshire_replay]
                            [--replications 50] [--skip-fit]

Steps, each with the binary:
  1. homeward calibrate calib/examples/lincolnshire_replay.calibration.json  (the fit,
     and fit.csv: the fitted scenario against the observed months, train and test)
  2. homeward compare of the fitted scenario against itself without HART's start and
     without seven-day working's (the same seeds: paired effects)
and then, from the returns alone, each intervention's difference in differences
(scripts/natural_experiment.py's statistic; standard library only, no pandas).

Every change is log(mean of the 12 whole months after the start month / mean of the
12 before it), the start month left out; "observed" subtracts England's change; the
model's has no England to subtract (its admissions do not trend), so it is its
prediction of the council's change against England."""
import argparse
import copy
import csv
import json
import math
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
COUNCIL = "503"
INTERVENTIONS = [  # name, first month, the services whose dated changes make it
    ("HART", "2015-12", ["hart"]),
    ("seven-day social work", "2017-07", ["home_assessment", "placement_assessment"]),
]


def month_index(m):
    y, mm = m.split("-")
    return int(y) * 12 + int(mm) - 1


def window_means(series, start, months=12):
    """Means of `series` (month -> value) over the `months` whole months before and
    after `start`; None where a month is missing."""
    s = month_index(start)
    before = [series.get(k) for k in range(s - months, s)]
    after = [series.get(k) for k in range(s + 1, s + months + 1)]
    if None in before or None in after:
        return None
    return sum(before) / months, sum(after) / months


def log_change(series, start):
    w = window_means(series, start)
    return None if w is None or min(w) <= 0 else math.log(w[1] / w[0])


def percent(log_value):
    return 100 * (math.exp(log_value) - 1)


def observed_series(data_file):
    council, england = {}, {}
    with open(data_file, newline="") as f:
        for row in csv.DictReader(f):
            # England's own row has no council code: England is the councils' sum,
            # as in scripts/natural_experiment.py.
            if row["acute_days"] == "" or row["la_code_dh"] == "":
                continue
            k, v = month_index(row["month"]), float(row["acute_days"])
            england[k] = england.get(k, 0.0) + v
            if row["la_code_dh"] == COUNCIL:
                council[k] = v
    return council, england


def fitted_series(fit_csv):
    out = {}
    with open(fit_csv, newline="") as f:
        for row in csv.DictReader(f):
            if row["series"] == "total":
                out[month_index(row["month"])] = float(row["simulated_mean"])
    return out


def monthly_by_scenario(monthly_csv, measure):
    """scenario -> replication -> month -> one monthly.csv measure, summed over its
    reasons and agencies."""
    out = {}
    with open(monthly_csv, newline="") as f:
        for row in csv.DictReader(f):
            if row["measure"] != measure:
                continue
            reps = out.setdefault(row["scenario"], {})
            months = reps.setdefault(int(row["replication"]), {})
            k = month_index(row["month"])
            months[k] = months.get(k, 0.0) + float(row["value"])
    return out


def run(cmd):
    print("+", " ".join(cmd), file=sys.stderr)
    subprocess.run(cmd, check=True, cwd=ROOT)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--homeward", default=os.path.join(ROOT, "build/homeward"))
    p.add_argument("--out", default=os.path.join(ROOT, "out/lincolnshire_replay"))
    p.add_argument("--replications", type=int, default=50)
    p.add_argument("--data-dir", default=os.path.join(ROOT, "../shared/data/dtoc"))
    p.add_argument("--skip-fit", action="store_true", help="use the fit already in OUT/fit")
    a = p.parse_args()

    fit_dir = os.path.join(a.out, "fit")
    if not a.skip_fit:
        run([a.homeward, "calibrate", "calib/examples/lincolnshire_replay.calibration.json",
             "--data-dir", a.data_dir, "--out", fit_dir])
    fitted_file = os.path.join(fit_dir, "scenario.json")
    with open(fitted_file) as f:
        fitted = json.load(f)

    # The DToC count the fit uses (docs/measures.md, "Monthly series").
    # The counterfactuals: the fitted scenario without one intervention's dated changes.
    scenario_files = [fitted_file]
    for name, _, services in INTERVENTIONS:
        variant = copy.deepcopy(fitted)
        variant["name"] = "without " + name
        for s in services:
            variant["services"][s].pop("changes")
        path = os.path.join(a.out, "without_" + name.split()[0].lower().replace("-", "_") + ".json")
        with open(path, "w") as f:
            json.dump(variant, f, indent=2)
        scenario_files.append(path)
    effects_dir = os.path.join(a.out, "effects")
    run([a.homeward, "compare", *scenario_files, "--replications", str(a.replications), "--seed", "1", "--force",
         "--out", effects_dir])

    council, england = observed_series(os.path.join(a.data_dir, "england_la_dtoc_monthly_2011-04_2019-12.csv"))
    model = fitted_series(os.path.join(fit_dir, "fit.csv"))
    monthly = monthly_by_scenario(os.path.join(effects_dir, "monthly.csv"), "delayed_days")
    full = monthly[fitted["name"]]

    print(f"{'intervention':24} {'observed':>9} {'England':>8} {'DiD':>8} {'model':>8} {'paired effect (95% CI)':>26}")
    for name, start, _ in INTERVENTIONS:
        without = monthly["without " + name]
        s = month_index(start)
        # Paired effect over the 12 months after the start month, replication by replication.
        effects = []
        for r, months in full.items():
            with_days = sum(months[k] for k in range(s + 1, s + 13))
            without_days = sum(without[r][k] for k in range(s + 1, s + 13))
            effects.append(with_days / without_days - 1)
        n = len(effects)
        mean = sum(effects) / n
        sd = math.sqrt(sum((e - mean) ** 2 for e in effects) / (n - 1)) if n > 1 else float("nan")
        half = 1.96 * sd / math.sqrt(n)
        obs, eng, mod = log_change(council, start), log_change(england, start), log_change(model, start)
        print(f"{name:24} {percent(obs):+8.1f}% {percent(eng):+7.1f}% {percent(obs - eng):+7.1f}% "
              f"{percent(mod):+7.1f}% {100 * mean:+9.1f}% ({100 * (mean - half):+.1f} to {100 * (mean + half):+.1f})")

    # HART's bed days saved per bridged patient, over the whole replay (seed 000:
    # 1,220 acute bed days saved for 1,250 bridged discharges, 0.98 a patient).
    with open(os.path.join(effects_dir, "summary.json")) as f:
        summary = json.load(f)
    saved = summary["differences"]["without HART"]["acute_bed_days"]["mean"]
    bridged = next(m for m in summary["scenarios"] if m["scenario"] == fitted["name"])["measures"]
    bridged = bridged["service.hart.starts"]["mean"]
    print(f"HART: {bridged:.0f} patients bridged, {saved:.0f} acute bed days saved, "
          f"{saved / bridged:.2f} a bridged patient (seed 000: 0.98)")


if __name__ == "__main__":
    main()
