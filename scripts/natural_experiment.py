#!/usr/bin/python3
"""Difference in differences of one council's acute delayed days against England's,
around the date an intervention started (docs/validation.md, section 5).

  scripts/natural_experiment.py --council 503 --start 2015-12 [--months 12] [--reason E]

The change is log(after / before) of the council's mean acute delayed days a month,
minus the same for England (every council summed), over `months` whole months before
the start month and `months` after it (the start month itself left out). The placebo
spread is the same statistic for every other council: where the council's falls among
them says whether its change is unusual. Needs pandas (Debian: python3-pandas)."""
import argparse
import math
import os

import pandas as pd

p = argparse.ArgumentParser()
p.add_argument("--council", required=True, help="DH code, e.g. 503 (Lincolnshire)")
p.add_argument("--start", required=True, help="first month of the intervention, YYYY-MM")
p.add_argument("--months", type=int, default=12)
p.add_argument("--reason", default="", help="a reason (A, B, C, D1, D2, E, F, G, H, I); default: all acute days")
p.add_argument("--data-dir", default=os.path.join(os.path.dirname(__file__), "../../shared/data/dtoc"))
a = p.parse_args()

d = pd.read_csv(os.path.join(a.data_dir, "england_la_dtoc_monthly_2011-04_2019-12.csv"))
# Reason columns hold acute and non-acute days together; "acute_days" is acute only.
column = f"reason_{a.reason}_days" if a.reason else "acute_days"
d = d[["month", "la_code_dh", "la_name", column]].dropna()
d["la_code_dh"] = d["la_code_dh"].astype(str)
d["month"] = pd.PeriodIndex(d["month"], freq="M")
start = pd.Period(a.start, freq="M")
before = d[(d.month >= start - a.months) & (d.month < start)]
after = d[(d.month > start) & (d.month <= start + a.months)]


def change(b, f):
    return math.log(f / b) if b > 0 and f > 0 else float("nan")


by_la = pd.DataFrame({"before": before.groupby("la_code_dh")[column].mean(),
                      "after": after.groupby("la_code_dh")[column].mean()}).dropna()
england = change(before.groupby("month")[column].sum().mean(), after.groupby("month")[column].sum().mean())
by_la["did"] = [change(r.before, r.after) - england for r in by_la.itertuples()]
council = a.council
row = by_la.loc[council]
others = by_la.drop(index=council)["did"].dropna()
rank = (others < row.did).mean()
print(f"{column}, {a.months} months before {start} against {a.months} after it")
print(f"council {council}: {row.before:.0f} -> {row.after:.0f} a month ({100 * (math.exp(change(row.before, row.after)) - 1):+.1f}%)")
print(f"England: {100 * (math.exp(england) - 1):+.1f}%")
print(f"difference in differences: {100 * (math.exp(row.did) - 1):+.1f}% of the council's days "
      f"({row.before * (math.exp(row.did) - 1):+.0f} a month)")
print(f"placebo: {len(others)} other councils; 5th-95th percentile {100 * (math.exp(others.quantile(0.05)) - 1):+.1f}% "
      f"to {100 * (math.exp(others.quantile(0.95)) - 1):+.1f}%; this council is at the {100 * rank:.0f}th percentile")
