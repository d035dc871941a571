#!/usr/bin/env python3
"""The benchmark's peer: the same scale and composite scores as `reflect score
--format csv`, computed with pandas and numpy from the same long CSV and the same
instrument definition (statistics.md: reverse keys, weights, min-answered, mean or
prorated sum, composites; POMP and bands).

    python3 score_peer.py instruments/leadership.xml long.csv > peer.csv
"""
import math
import sys
import xml.etree.ElementTree as ET

import numpy as np
import pandas as pd

NS = {"r": "urn:reflect:instrument:1"}


def load_instrument(path):
    root = ET.parse(path).getroot()
    lists = {}
    for choices in root.findall("r:choices", NS):
        values = {}
        for choice in choices.findall("r:choice", NS):
            if choice.get("{http://www.w3.org/XML/1998/namespace}lang") not in (None, root.get("{http://www.w3.org/XML/1998/namespace}lang")):
                continue
            missing = choice.get("missing") == "true"
            values[choice.get("value")] = (math.nan if missing else float(choice.get("value")))
        lists[choices.get("id")] = values
    ratings = {}
    for rating in root.iter("{urn:reflect:instrument:1}rating"):
        ratings[rating.get("id")] = lists[rating.get("choices")]
    scales, composites = [], []
    scoring = root.find("r:scoring", NS)
    for scale in scoring.findall("r:scale", NS):
        items = [(i.get("ref"), i.get("reverse") == "true", float(i.get("weight", "1")))
                 for i in scale.findall("r:item", NS)]
        spec = scale.get("min-answered")
        if spec is None:
            required = len(items)
        elif "." in spec:
            required = math.ceil(float(spec) * len(items) - 1e-9)
        else:
            required = int(spec)
        bands = [(float(b.get("below")) if b.get("below") else math.inf, b.get("label"))
                 for b in scale.findall("r:bands/r:band", NS)]
        scales.append(dict(id=scale.get("id"), method=scale.get("method", "mean"),
                           items=items, required=required, bands=bands))
    for composite in scoring.findall("r:composite", NS):
        bands = [(float(b.get("below")) if b.get("below") else math.inf, b.get("label"))
                 for b in composite.findall("r:bands/r:band", NS)]
        composites.append(dict(id=composite.get("id"), method=composite.get("method", "mean"),
                               scales=[s.get("ref") for s in composite.findall("r:scale", NS)],
                               bands=bands))
    return root.get("id"), root.get("version"), ratings, scales, composites


def band_labels(scores, bands):
    labels = np.full(len(scores), "", dtype=object)
    if not bands:
        return labels
    edges = np.array([b[0] for b in bands])
    index = np.searchsorted(edges, scores.to_numpy(), side="right")
    index = np.minimum(index, len(bands) - 1)
    names = np.array([b[1] for b in bands], dtype=object)
    labels = names[index]
    labels[np.isnan(scores.to_numpy())] = ""
    return labels


def main():
    definition, path = sys.argv[1], sys.argv[2]
    instrument_id, version, ratings, scales, composites = load_instrument(definition)
    long = pd.read_csv(path, usecols=["respondent", "wave", "session", "item", "value"],
                       dtype={"respondent": str, "wave": str, "session": str, "item": str, "value": str})
    long = long[long["item"].isin(ratings.keys())]
    # Choice value -> number (missing choices become NaN).
    mapping = {}
    for item, values in ratings.items():
        for value, number in values.items():
            mapping[(item, value)] = number
    codes = pd.Series(mapping)
    keys = pd.MultiIndex.from_arrays([long["item"], long["value"]])
    long = long.assign(number=codes.reindex(keys).to_numpy())
    sessions = long.drop_duplicates("session")[["session", "respondent", "wave"]].set_index("session")
    wide = long.pivot(index="session", columns="item", values="number").reindex(sessions.index)

    out = []
    bounds = {}
    results = {}
    for scale in scales:
        cols, weights = [], []
        lo = hi = total = 0.0
        for item, reverse, weight in scale["items"]:
            numbers = [v for v in ratings[item].values() if not math.isnan(v)]
            low, high = min(numbers), max(numbers)
            x = wide[item] if item in wide else pd.Series(np.nan, index=wide.index)
            cols.append((low + high - x) if reverse else x)
            weights.append(weight)
            lo += weight * low
            hi += weight * high
            total += weight
        matrix = pd.concat(cols, axis=1).to_numpy()
        w = np.array(weights)
        present = ~np.isnan(matrix)
        answered = present.sum(axis=1)
        wsum = np.where(present, matrix * w, 0).sum(axis=1)
        wans = (present * w).sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = wsum / wans
        score = mean if scale["method"] == "mean" else mean * total
        score[(answered < scale["required"]) | (answered == 0)] = np.nan
        factor = 1 if scale["method"] == "mean" else total
        lo, hi = lo / total * factor, hi / total * factor
        bounds[scale["id"]] = (lo, hi)
        results[scale["id"]] = pd.Series(score, index=wide.index)
        out.append((scale, "scale", pd.Series(score, index=wide.index), answered, len(scale["items"]), lo, hi))
    for composite in composites:
        parts = pd.concat([results[s] for s in composite["scales"]], axis=1)
        combined = parts.mean(axis=1, skipna=False) if composite["method"] == "mean" else parts.sum(axis=1, skipna=False)
        divisor = len(composite["scales"]) if composite["method"] == "mean" else 1
        lo = sum(bounds[s][0] for s in composite["scales"]) / divisor
        hi = sum(bounds[s][1] for s in composite["scales"]) / divisor
        out.append((composite, "composite", combined, parts.notna().sum(axis=1).to_numpy(), len(composite["scales"]), lo, hi))

    frames = []
    for spec, kind, score, answered, parts, lo, hi in out:
        frames.append(pd.DataFrame({
            "respondent": sessions["respondent"].to_numpy(), "wave": sessions["wave"].to_numpy(),
            "session": sessions.index.to_numpy(), "instrument": instrument_id, "version": version,
            "scale": spec["id"], "kind": kind, "score": score.to_numpy(),
            "pomp": 100 * (score.to_numpy() - lo) / (hi - lo),
            "band": band_labels(score, spec["bands"]), "answered": answered, "items": parts}))
    result = pd.concat(frames)
    result.to_csv(sys.stdout, index=False, float_format="%.6f", lineterminator="\r\n")


if __name__ == "__main__":
    main()
