"""Reference scale scores for ScoringTests, computed with pandas/numpy exactly as
spec/statistics.md defines them. Run: python3 make_reference.py > reference.json"""
import json
import math

import numpy as np
import pandas as pd
import pingouin
from scipy.stats import norm

NaN = float("nan")
# Items and their numeric ranges (min, max of the non-missing choice values).
ranges = {"a": (1, 5), "b": (1, 5), "c": (1, 5), "d": (1, 5), "e": (1, 7), "f": (1, 7), "g": (0, 10)}
scales = [
    # id, method, min_answered (count of items required), items [(id, reverse, weight)]
    {"id": "s1", "method": "mean", "required": 3, "min_answered": "0.75",
     "items": [("a", False, 1), ("b", True, 1), ("c", False, 2), ("d", False, 1)]},
    {"id": "s2", "method": "sum", "required": 1, "min_answered": "1",
     "items": [("e", False, 1), ("f", True, 1)]},
    {"id": "s3", "method": "mean", "required": 1, "min_answered": "all",
     "items": [("g", False, 1)]},
]
# Norms where a scale has a <reference> (mean, sd): z, T = 50 + 10z, percentile = 100 Φ(z).
references = {"s1": (3.2, 0.8)}
composites = [{"id": "all", "method": "mean", "scales": ["s1", "s2"]},
              {"id": "total", "method": "sum", "scales": ["s1", "s3"]}]

# Sessions x items; NaN is unanswered or a missing choice ("Not applicable").
data = pd.DataFrame({
    "a": [5, 1, 3, NaN, 2, 4, NaN, 5],
    "b": [1, 5, 3, 2, NaN, 4, NaN, 5],
    "c": [5, 1, 4, 3, 2, NaN, NaN, 5],
    "d": [4, 2, NaN, 3, 2, NaN, 1, 5],
    "e": [7, 1, 4, NaN, NaN, 2, 3, 7],
    "f": [1, 7, NaN, NaN, NaN, 6, 5, 7],
    "g": [10, 0, 5, 3, NaN, 7, 0, 10],
})

result = {"ranges": ranges, "scales": [], "composites": [], "data": {}}
for column in data:
    result["data"][column] = [None if math.isnan(v) else v for v in data[column]]

scores = {}
bounds = {}
for scale in scales:
    recoded = pd.DataFrame({
        item: (ranges[item][0] + ranges[item][1] - data[item]) if reverse else data[item]
        for item, reverse, _ in scale["items"]})
    weights = pd.Series({item: w for item, _, w in scale["items"]})
    answered = recoded.notna().sum(axis=1)
    weighted = (recoded * weights).sum(axis=1, min_count=1)
    weight_answered = recoded.notna().mul(weights).sum(axis=1)
    mean = weighted / weight_answered
    total_weight = weights.sum()
    score = mean if scale["method"] == "mean" else mean * total_weight
    score[answered < scale["required"]] = np.nan
    lo = sum(w * ranges[i][0] for i, _, w in scale["items"]) / total_weight
    hi = sum(w * ranges[i][1] for i, _, w in scale["items"]) / total_weight
    if scale["method"] == "sum":
        lo, hi = lo * total_weight, hi * total_weight
    pomp = 100 * (score - lo) / (hi - lo)
    scores[scale["id"]] = score
    bounds[scale["id"]] = (lo, hi)
    # Reliability (statistics.md): Cronbach's alpha on complete cases, items recoded,
    # from pingouin (listwise deletion), and the corrected item-total correlations.
    complete = recoded.dropna()
    if len(complete) >= 2 and recoded.shape[1] >= 2:
        alpha = float(pingouin.cronbach_alpha(data=complete)[0])
        item_total = [float(np.corrcoef(complete[c], complete.drop(columns=c).sum(axis=1))[0, 1])
                      for c in complete.columns]
    else:
        alpha, item_total = None, None
    reference = references.get(scale["id"])
    if reference:
        z = (score - reference[0]) / reference[1]
        norms = {"reference": list(reference),
                 "z": [None if math.isnan(v) else v for v in z],
                 "t": [None if math.isnan(v) else 50 + 10 * v for v in z],
                 "percentile": [None if math.isnan(v) else 100 * norm.cdf(v) for v in z]}
    else:
        norms = {"reference": None}
    result["scales"].append({
        **norms,
        "alpha": alpha, "complete_cases": int(len(complete)), "item_total_r": item_total,
        **{k: scale[k] for k in ("id", "method", "min_answered")},
        "items": [{"item": i, "reverse": r, "weight": w} for i, r, w in scale["items"]],
        "score": [None if math.isnan(v) else v for v in score],
        "pomp": [None if math.isnan(v) else v for v in pomp],
        "answered": [int(v) for v in answered],
        "lowest": lo, "highest": hi,
    })
for composite in composites:
    parts = pd.DataFrame({s: scores[s] for s in composite["scales"]})
    combined = parts.mean(axis=1, skipna=False) if composite["method"] == "mean" else parts.sum(axis=1, skipna=False)
    los = [bounds[s][0] for s in composite["scales"]]
    his = [bounds[s][1] for s in composite["scales"]]
    divisor = len(los) if composite["method"] == "mean" else 1
    lo, hi = sum(los) / divisor, sum(his) / divisor
    pomp = 100 * (combined - lo) / (hi - lo)
    result["composites"].append({
        **composite,
        "score": [None if math.isnan(v) else v for v in combined],
        "pomp": [None if math.isnan(v) else v for v in pomp],
        "lowest": lo, "highest": hi,
    })
print(json.dumps(result, indent=1))
