#!/usr/bin/env python3
"""Checks that two score CSVs (reflect's and the peer's) hold the same numbers:
joined on session and scale, scores and POMP within 1e-6 (both are written with up to
6 decimals), the same bands and answered counts, and the same set of rows."""
import sys

import numpy as np
import pandas as pd

a = pd.read_csv(sys.argv[1], dtype={"band": str}, keep_default_na=False, na_values={"score": [""], "pomp": [""]})
b = pd.read_csv(sys.argv[2], dtype={"band": str}, keep_default_na=False, na_values={"score": [""], "pomp": [""]})
if len(a) != len(b):
    sys.exit(f"row counts differ: {len(a)} vs {len(b)}")
m = a.merge(b, on=["session", "scale"], suffixes=("_reflect", "_peer"), how="outer", indicator=True)
if (m["_merge"] != "both").any():
    sys.exit(f"{(m['_merge'] != 'both').sum()} rows are in one file only")
for column in ("score", "pomp"):
    x, y = m[f"{column}_reflect"].to_numpy(float), m[f"{column}_peer"].to_numpy(float)
    if not np.array_equal(np.isnan(x), np.isnan(y)):
        sys.exit(f"{column}: missing in one file but not the other")
    worst = np.nanmax(np.abs(x - y)) if len(x) else 0.0
    if worst > 1.01e-6:
        sys.exit(f"{column}: differs by up to {worst}")
for column in ("band", "answered"):
    if not (m[f"{column}_reflect"].astype(str) == m[f"{column}_peer"].astype(str)).all():
        sys.exit(f"{column}: values differ")
print(f"agree: {len(a)} rows, scores and POMP within 1e-6, bands and counts identical")
