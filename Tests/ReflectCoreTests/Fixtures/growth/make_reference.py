#!/usr/bin/env python3
"""Reference values for ReflectCore's growth tests (spec: statistics.md, "Individual
change", "Cohort change", "Confidentiality of group figures").

Run from this folder:

    pip install scipy pingouin pandas numpy
    python3 make_reference.py

It writes reference.json beside itself: a small cohort (sessions with their answers,
defined here with a fixed seed, so the file is reproducible) and the figures the tests
expect from it, each computed by scipy, pingouin or numpy as statistics.md defines it:

- scores: the mean of the recoded items (a3 reversed: 6 - x), missing unless every item is
  answered; the composite ab the mean of a and b; POMP and bands;
- retakes: of a respondent's sessions at one wave, the newest by completed_at counts;
- reliability per wave: scale c from its <reference> (r .80, sd 1.2); a and b from the
  cohort, pingouin.cronbach_alpha(nan_policy="listwise") with the SD of the scale scores at
  the wave, when there are at least 10 complete cases; the composite ab by stratified alpha
  1 - sum(var_i (1 - r_i)) / var(a + b) over the people with an ab score at the wave;
- compare pre -> post per group: scipy.stats.ttest_rel and its confidence_interval,
  d_z, d_av (mean of the two SDs, Lakens 2013 eq. 10), g_av (eq. 4), and
  scipy.stats.wilcoxon(zero_method="wilcox", correction=False, method="approx"); RCI counts;
- profiles of r01 (three waves) and r02 (three waves, its sessions out of date order in
  the data): changes with RCI, and trends by scipy.stats.linregress on positions 0, 1, 2;
- dyads: each person's RCI class pre -> post, and the pair counts;
- the first ten respondents alone: alpha of a at pre on exactly 10 complete cases.
"""

import json
import math
import os

import numpy as np
import pandas as pd
import pingouin as pg
import scipy
import scipy.stats as st

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "reference.json")
rng = np.random.default_rng(20250106)


def f(x):
    """A float for JSON, or None for an undefined figure (never NaN)."""
    if x is None:
        return None
    x = float(x)
    if math.isnan(x):
        return None
    assert math.isfinite(x), x
    return x


# ---------------------------------------------------------------- the instrument

RANGES = {"a1": (1, 5), "a2": (1, 5), "a3": (1, 5), "b1": (1, 5), "b2": (1, 5),
          "b3": (1, 5), "c1": (1, 7), "c2": (1, 7)}
SCALES = {
    "a": {"items": ["a1", "a2", "a3"], "reverse": ["a3"], "direction": "higher-is-better",
          "bands": [[2.5, "Low"], [3.75, "Middle"], [None, "High"]], "reference": None},
    "b": {"items": ["b1", "b2", "b3"], "reverse": [], "direction": "higher-is-better",
          "bands": [[2.5, "Low"], [3.75, "Middle"], [None, "High"]], "reference": None},
    "c": {"items": ["c1", "c2"], "reverse": [], "direction": "lower-is-better",
          "bands": [[3, "Low"], [5, "Middle"], [None, "High"]],
          "reference": {"mean": 3.5, "sd": 1.2, "reliability": 0.8}},
}
COMPOSITES = {"ab": {"scales": ["a", "b"], "direction": "higher-is-better"}}
ORDER = ["a", "b", "c", "ab"]
DIRECTION = {**{k: v["direction"] for k, v in SCALES.items()},
             **{k: v["direction"] for k, v in COMPOSITES.items()}}
LOWEST = {"a": 1, "b": 1, "c": 1, "ab": 1}
HIGHEST = {"a": 5, "b": 5, "c": 7, "ab": 5}

# ---------------------------------------------------------------- the cohort

PEOPLE = [f"r{i:02d}" for i in range(1, 31)]
ROLE = {p: "mentee" for p in PEOPLE[:12]}
ROLE.update({p: "mentor" for p in PEOPLE[12:19]})   # r13-r19, paired
ROLE.update({p: "coach" for p in PEOPLE[19:22]})    # r20-r22, paired
ROLE.update({p: "mentor" for p in PEOPLE[22:25]})   # r23-r25, pre only
ROLE.update({p: "coach" for p in PEOPLE[25:28]})    # r26-r28, pre only
ROLE.update({"r29": "mentee", "r30": "mentee"})     # post only
PRE = PEOPLE[:28]
POST = PEOPLE[:22] + ["r29", "r30"]
FOLLOW = PEOPLE[:6]
DATES = {"pre": "2025-01-06", "post": "2025-04-07", "follow-up": "2025-07-07"}


def answers(trait, shift):
    """Answers to every item for a person with latent traits, shifted by `shift`."""
    out = {}
    for scale, spec in SCALES.items():
        lo, hi = RANGES[spec["items"][0]]
        mid = (lo + hi) / 2
        for item in spec["items"]:
            value = mid + (hi - lo) / 4 * (trait[scale] + shift[scale]) + rng.normal(0, 0.7)
            value = int(min(hi, max(lo, round(value))))
            out[item] = (lo + hi) - value if item in spec["reverse"] else value
    return out


traits = {p: {s: rng.normal(0, 1) for s in SCALES} for p in PEOPLE}
growth = {p: {s: rng.normal(0.6 if s != "c" else -0.6, 1.1) for s in SCALES} for p in PEOPLE}
zero = {s: 0 for s in SCALES}
sessions = []


def add(person, wave, answers, time, number=1):
    sessions.append({"respondent": person, "wave": wave,
                     "session": f"{person}-{wave}-{number}", "completed_at": time,
                     "answers": answers})


for i, p in enumerate(PEOPLE):
    stamp = f"T{9 + i % 8:02d}:{i % 60:02d}:00Z"
    pre = answers(traits[p], zero)
    post = answers(traits[p], growth[p])
    follow = answers(traits[p], {s: 1.3 * growth[p][s] for s in SCALES})
    if p == "r02":
        # Out of date order in the data: follow-up, then post, then pre.
        add(p, "follow-up", follow, DATES["follow-up"] + stamp)
        add(p, "post", post, DATES["post"] + stamp)
        add(p, "pre", pre, DATES["pre"] + stamp)
        continue
    if p == "r05":
        # A retake: the older pre session first, the newer one (which counts) later.
        add(p, "pre", answers(traits[p], {s: -1.5 for s in SCALES}), "2025-01-03" + stamp, 1)
        add(p, "pre", pre, DATES["pre"] + stamp, 2)
    elif p == "r07":
        # A retake whose later row is the older session: time decides, not the row.
        add(p, "pre", pre, "2025-01-08" + stamp, 2)
    elif p in PRE:
        add(p, "pre", pre, DATES["pre"] + stamp)
    if p in POST:
        add(p, "post", post, DATES["post"] + stamp)
    if p in FOLLOW:
        add(p, "follow-up", follow, DATES["follow-up"] + stamp)
    if p == "r07":
        add(p, "pre", answers(traits[p], {s: 2 for s in SCALES}), DATES["pre"] + stamp, 1)

# Missing answers: no a score for r20 at pre, no b score for r21 at post.
for s in sessions:
    if s["respondent"] == "r20" and s["wave"] == "pre":
        s["answers"]["a2"] = None
    if s["respondent"] == "r21" and s["wave"] == "post":
        s["answers"]["b1"] = None

# ---------------------------------------------------------------- scoring

frame = pd.DataFrame([{"respondent": s["respondent"], "wave": s["wave"],
                       "session": s["session"], "completed_at": s["completed_at"],
                       **{k: (np.nan if v is None else v) for k, v in s["answers"].items()}}
                      for s in sessions])
frame["time"] = pd.to_datetime(frame["completed_at"])
counted = (frame.sort_values("time").groupby(["respondent", "wave"]).tail(1)
           .set_index(["respondent", "wave"]).sort_index())


def recoded(df, scale):
    spec = SCALES[scale]
    cols = {}
    for item in spec["items"]:
        lo, hi = RANGES[item]
        cols[item] = (lo + hi) - df[item] if item in spec["reverse"] else df[item]
    return pd.DataFrame(cols)


for scale in SCALES:
    counted[scale] = recoded(counted, scale).mean(axis=1, skipna=False)
counted["ab"] = counted[["a", "b"]].mean(axis=1, skipna=False)


def band(scale, score):
    if score is None or math.isnan(score):
        return None
    if scale not in SCALES:
        return None
    for below, label in SCALES[scale]["bands"]:
        if below is None or score < below:
            return label


def at(wave):
    return counted.xs(wave, level="wave")


def reliability(wave, data=None):
    data = counted if data is None else data
    rows = data.xs(wave, level="wave")
    out = {}
    for scale in SCALES:
        ref = SCALES[scale]["reference"]
        if ref:
            r, sd = ref["reliability"], ref["sd"]
            out[scale] = {"source": "reference", "reliability": r, "sd": sd,
                          "sem": sd * math.sqrt(1 - r), "n": None}
            continue
        items = recoded(rows, scale)
        n = int(items.dropna().shape[0])
        if n < 10:
            out[scale] = {"source": "unknown", "reliability": None, "sd": None,
                          "sem": None, "n": n}
            continue
        alpha, _ = pg.cronbach_alpha(data=items, nan_policy="listwise")
        sd = rows[scale].std(ddof=1)
        out[scale] = {"source": "cohort", "reliability": alpha, "sd": sd,
                      "sem": sd * math.sqrt(1 - alpha), "n": n}
    for comp, spec in COMPOSITES.items():
        people = rows.dropna(subset=[comp])
        parts = spec["scales"]
        if any(out[p]["reliability"] is None for p in parts):
            out[comp] = {"source": "unknown", "reliability": None, "sd": None, "sem": None,
                         "n": None}
            continue
        if len(people) < 10:
            out[comp] = {"source": "unknown", "reliability": None, "sd": None, "sem": None,
                         "n": int(len(people))}
            continue
        error = sum(people[p].var(ddof=1) * (1 - out[p]["reliability"]) for p in parts)
        r = 1 - error / people[parts].sum(axis=1).var(ddof=1)
        sd = people[comp].std(ddof=1)
        out[comp] = {"source": "cohort", "reliability": r, "sd": sd,
                     "sem": sd * math.sqrt(1 - r), "n": int(len(people))}
    return out


RELIABILITY = {w: reliability(w) for w in ["pre", "post", "follow-up"]}


def classify(scale, x1, x2, est):
    if x1 is None or x2 is None or math.isnan(x1) or math.isnan(x2):
        return None, "unknown"
    if est["reliability"] is None:
        return None, "unknown"
    rci = (x2 - x1) / (math.sqrt(2) * est["sem"])
    toward = rci if DIRECTION[scale] == "higher-is-better" else -rci
    return rci, "improved" if toward >= 1.96 else "declined" if toward <= -1.96 else "unchanged"


# ---------------------------------------------------------------- compare pre -> post

def compare_group(people):
    pre, post = at("pre"), at("post")
    both = [p for p in people if p in pre.index and p in post.index]
    one = [p for p in people if (p in pre.index) != (p in post.index)]
    scales = []
    for scale in ORDER:
        x1 = pre.loc[both, scale].to_numpy(dtype=float)
        x2 = post.loc[both, scale].to_numpy(dtype=float)
        keep = ~(np.isnan(x1) | np.isnan(x2))
        x1, x2 = x1[keep], x2[keep]
        n = len(x1)
        d = x2 - x1
        res = st.ttest_rel(x2, x1)
        ci = res.confidence_interval(0.95)
        s1, s2 = x1.std(ddof=1), x2.std(ddof=1)
        d_av = d.mean() / ((s1 + s2) / 2)
        w = st.wilcoxon(d, zero_method="wilcox", correction=False, method="approx")
        est = RELIABILITY["pre"][scale]
        counts = {"improved": 0, "unchanged": 0, "declined": 0}
        for a, b in zip(x1, x2):
            counts[classify(scale, a, b, est)[1]] += 1
        scales.append({
            "scale": scale, "n": n, "mean_from": f(x1.mean()), "sd_from": f(s1),
            "mean_to": f(x2.mean()), "sd_to": f(s2), "mean_change": f(d.mean()),
            "sd_change": f(d.std(ddof=1)), "ci_low": f(ci.low), "ci_high": f(ci.high),
            "t": f(res.statistic), "df": int(res.df), "p": f(res.pvalue),
            "d_z": f(d.mean() / d.std(ddof=1)), "d_av": f(d_av),
            "g_av": f(d_av * (1 - 3 / (8 * n - 9))), "wilcoxon_w": f(w.statistic),
            "wilcoxon_p": f(w.pvalue), "reliability": f(est["reliability"]),
            "reliability_source": est["source"], "sem": f(est["sem"]), **counts})
    return {"n": len(both), "excluded": len(one), "scales": scales}


everyone = sorted(set(counted.index.get_level_values("respondent")))
COMPARE = {"all": compare_group(everyone)}
GROUP_SIZES = {}
for role in sorted(set(ROLE.values())):
    members = [p for p in everyone if ROLE[p] == role]
    GROUP_SIZES[role] = sum(1 for p in members if p in at("pre").index and p in at("post").index)
    # Only groups of at least 5 are reported; the others' figures are never needed.
    if GROUP_SIZES[role] >= 5:
        COMPARE[role] = compare_group(members)

# ---------------------------------------------------------------- profiles

def profile(person):
    rows = counted.xs(person, level="respondent").sort_values("time")
    waves = list(rows.index)
    out = {"respondent": person, "waves": [], "changes": [], "trends": []}
    for wave in waves:
        row = rows.loc[wave]
        out["waves"].append({
            "wave": wave, "date": row["completed_at"], "session": row["session"],
            "scores": {s: {"score": f(row[s]),
                           "pomp": f(100 * (row[s] - LOWEST[s]) / (HIGHEST[s] - LOWEST[s])),
                           "band": band(s, row[s])} for s in ORDER}})
    spans = list(zip(waves, waves[1:])) + ([(waves[0], waves[-1])] if len(waves) >= 3 else [])
    for scale in ORDER:
        for w1, w2 in spans:
            x1, x2 = rows.loc[w1, scale], rows.loc[w2, scale]
            est = RELIABILITY[w1][scale]
            rci, cls = classify(scale, x1, x2, est)
            out["changes"].append({"scale": scale, "from": w1, "to": w2,
                                   "change": f(x2 - x1), "rci": f(rci), "classification": cls,
                                   "reliability_source": est["source"]})
        if len(waves) >= 3:
            fit = st.linregress(np.arange(len(waves)), rows[scale].to_numpy(dtype=float))
            out["trends"].append({"scale": scale, "slope_per_wave": f(fit.slope),
                                  "waves": len(waves)})
    return out


PROFILES = [profile("r01"), profile("r02")]

# ---------------------------------------------------------------- dyads

PAIRS = [("r13", "r01"), ("r14", "r02"), ("r15", "r03"), ("r16", "r04"), ("r17", "r05"),
         ("r18", "r06"), ("r19", "r07"), ("r13", "r08"), ("r23", "r09")]


def person_class(person, scale):
    def score(wave):
        try:
            return counted.loc[(person, wave), scale]
        except KeyError:
            return None
    return classify(scale, score("pre"), score("post"), RELIABILITY["pre"][scale])[1]


DYADS = {"pairs": [], "summary": []}
for mentor, mentee in PAIRS:
    DYADS["pairs"].append({"mentor": mentor, "mentee": mentee,
                           "scales": {s: {"mentor": person_class(mentor, s),
                                          "mentee": person_class(mentee, s)} for s in ORDER}})
for scale in ORDER:
    tally = {"scale": scale, "pairs": 0, "both_improved": 0, "only_mentee": 0,
             "only_mentor": 0, "neither": 0, "unknown": 0}
    for pair in DYADS["pairs"]:
        m, e = pair["scales"][scale]["mentor"], pair["scales"][scale]["mentee"]
        if "unknown" in (m, e):
            tally["unknown"] += 1
            continue
        tally["pairs"] += 1
        key = {(True, True): "both_improved", (False, True): "only_mentee",
               (True, False): "only_mentor", (False, False): "neither"}
        tally[key[(m == "improved", e == "improved")]] += 1
    DYADS["summary"].append(tally)

# ---------------------------------------------------------------- ten respondents

first10 = counted.loc[PEOPLE[:10]]
FIRST10 = {k: {kk: f(vv) if isinstance(vv, float) else vv for kk, vv in v.items()}
           for k, v in reliability("pre", first10).items()}


def clean(obj):
    if isinstance(obj, dict):
        return {k: clean(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [clean(v) for v in obj]
    if isinstance(obj, (float, np.floating)):
        return f(obj)
    if isinstance(obj, np.integer):
        return int(obj)
    return obj


reference = clean({
    "generated_by": f"make_reference.py with scipy {scipy.__version__}, "
                    f"pingouin {pg.__version__}, pandas {pd.__version__}, numpy {np.__version__}",
    "ranges": RANGES, "scales": SCALES, "composites": COMPOSITES, "roles": ROLE,
    "sessions": sessions,
    "reliability": RELIABILITY, "compare": COMPARE, "group_sizes": GROUP_SIZES, "profiles": PROFILES,
    "dyads": DYADS, "pairs": [{"mentor": m, "mentee": e} for m, e in PAIRS],
    "first10": FIRST10,
    "jacobson_truax": {"pre": 47.5, "post": 32.5, "sd": 7.5, "reliability": 0.8,
                       "sem": 7.5 * math.sqrt(0.2), "s_diff": math.sqrt(2) * 7.5 * math.sqrt(0.2),
                       "rci": -15 / (math.sqrt(2) * 7.5 * math.sqrt(0.2))},
})
with open(OUT, "w") as out:
    json.dump(reference, out, indent=1)
    out.write("\n")
print("wrote", OUT)
