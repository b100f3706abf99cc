#!/usr/bin/env python3
"""Risk in money (issue 24): prisk's simulation against an independent, vectorised numpy
implementation of the same model on the same inputs, figures and speed side by side.

The inputs are the criterion bench's (src-tauri/core/benches/quant.rs): risk n has
rate 0.02 + 0.48 * ((n * 7919) % 1000) / 1000 events a year (every fifth risk a
probability of the same number instead) and a lognormal loss whose 90 % range runs
from 10k * (1 + n % 10) to that * (10 + n % 40).

prisk runs as a whole process on a workspace holding them (`prisk quant run --json`,
reading the risks, simulating and keeping the results); numpy draws each risk's yearly
event counts (Poisson or Bernoulli) and its events' lognormal losses as arrays and adds
them up with bincount. The two use different random streams, so the figures agree
within sampling error, not to the digit: the script prints both, their difference in
the simulation's own standard errors for the mean, and the relative differences of the
quantiles, and exits 1 if the means differ by more than 5 standard errors.

Needs numpy (Debian: `apt-get install python3-numpy`, then run it with /usr/bin/python3)
and a release prisk (`cargo build --release -p partner-risk-cli`).

    /usr/bin/python3 scripts/quant-compare.py [--risks 1000] [--years 100000] [--prisk PATH]
"""

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time
import uuid

try:
    import numpy as np
except ImportError:
    sys.exit("numpy is missing: apt-get install python3-numpy, then run with /usr/bin/python3")

Z95 = 1.6448536269514722


def inputs(count):
    for n in range(count):
        rate = 0.02 + 0.48 * ((n * 7919) % 1000) / 1000.0
        low = 10_000.0 * (1 + n % 10)
        high = low * (10 + n % 40)
        frequency = (
            {"kind": "probability", "p": rate}
            if n % 5 == 4
            else {"kind": "rate", "per_year": rate}
        )
        yield n, frequency, {"kind": "range", "low": low, "high": high}


def prisk(exe, db, *args):
    return subprocess.run(
        [exe, "--db", db, *args], check=True, capture_output=True, text=True
    ).stdout


def workspace(exe, folder, count):
    """A workspace with one partnership of `count` risks carrying residual estimates."""
    first = os.path.join(folder, "template.prisk")
    prisk(exe, first, "init")
    prisk(exe, first, "partnership", "add", "--name", "Bench")
    path = os.path.join(folder, "doc.json")
    prisk(exe, first, "export", "json", "--partnership", "Bench", "--out", path)
    with open(path) as f:
        doc = json.load(f)
    p = doc["partnership"]
    at = p["created_at"]
    doc["categories"] = [
        {"code": "financial", "name": "Financial", "prefix": "FIN", "built_in": True}
    ]
    doc["risks"] = [
        {
            "id": str(uuid.UUID(int=n + 1)),
            "partnership_id": p["id"],
            "reference": f"FIN-{n + 1:04d}",
            "category": "financial",
            "title": f"Risk {n}",
            "status": "open",
            "residual_loss": {"frequency": frequency, "loss": loss},
            "created_at": at,
            "updated_at": at,
        }
        for n, frequency, loss in inputs(count)
    ]
    doc["reference_counters"] = {"FIN": count}
    doc["quant_settings"] = {"currency": "EUR"}
    with open(path, "w") as f:
        json.dump(doc, f)
    db = os.path.join(folder, "bench.prisk")
    prisk(exe, db, "init")
    prisk(exe, db, "import", "json", path)
    return db


def numpy_run(count, years, seed):
    rng = np.random.default_rng(seed)
    totals = np.zeros(years)
    for _, frequency, loss in inputs(count):
        if frequency["kind"] == "rate":
            counts = rng.poisson(frequency["per_year"], size=years)
        else:
            counts = (rng.random(years) < frequency["p"]).astype(np.int64)
        events = int(counts.sum())
        if events == 0:
            continue
        mu = (math.log(loss["low"]) + math.log(loss["high"])) / 2
        sigma = (math.log(loss["high"]) - math.log(loss["low"])) / (2 * Z95)
        losses = rng.lognormal(mu, sigma, size=events)
        year_of = np.repeat(np.arange(years), counts)
        totals += np.bincount(year_of, weights=losses, minlength=years)
    return totals


def figures(totals):
    s = np.sort(totals)
    n = len(s)
    q = lambda p: float(s[max(1, math.ceil(p * n)) - 1])
    k = math.ceil(n / 100)
    return {
        "mean": float(totals.mean()),
        "std_error": float(totals.std(ddof=1) / math.sqrt(n)),
        "median": q(0.5),
        "p90": q(0.9),
        "p95": q(0.95),
        "p99": q(0.99),
        "es99": float(s[n - k :].mean()),
        "p_any_loss": float((totals > 0).mean()),
    }


def main():
    args = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    args.add_argument("--risks", type=int, default=1000)
    args.add_argument("--years", type=int, default=100_000)
    args.add_argument("--seed", type=int, default=2024)
    args.add_argument("--prisk", default="target/release/prisk")
    a = args.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = workspace(a.prisk, folder, a.risks)
        start = time.perf_counter()
        out = prisk(
            a.prisk, db, "quant", "run", "--partnership", "Bench", "--years",
            str(a.years), "--seed", str(a.seed), "--stage", "residual", "--json",
        )
        rust_s = time.perf_counter() - start
    rust = next(s for s in json.loads(out)["stages"] if s["stage"] == "residual")["figures"]
    start = time.perf_counter()
    np_fig = figures(numpy_run(a.risks, a.years, a.seed))
    numpy_s = time.perf_counter() - start

    print(f"{a.risks} risks, {a.years} simulated years (residual stage)")
    print(f"{'figure':<12}{'prisk':>20}{'numpy':>20}{'difference':>14}")
    se = math.hypot(rust["std_error"], np_fig["std_error"])
    for key in ["mean", "median", "p90", "p95", "p99", "es99", "p_any_loss"]:
        r, n = rust[key], np_fig[key]
        if key == "mean":
            diff = f"{(r - n) / se:+.2f} se"
        else:
            diff = f"{(r - n) / n * 100:+.2f} %" if n else "-"
        print(f"{key:<12}{r:>20,.4f}{n:>20,.4f}{diff:>14}")
    print(
        f"time: prisk {rust_s:.3f} s (whole process), numpy {numpy_s:.3f} s "
        f"(simulation only): numpy takes {numpy_s / rust_s:.1f}× as long"
    )
    exact = 0.0
    for _, frequency, loss in inputs(a.risks):
        mu = (math.log(loss["low"]) + math.log(loss["high"])) / 2
        sigma = (math.log(loss["high"]) - math.log(loss["low"])) / (2 * Z95)
        rate = frequency.get("per_year", frequency.get("p"))
        exact += rate * math.exp(mu + sigma * sigma / 2)
    print(
        f"exact mean (rate × lognormal mean): {exact:,.0f}; prisk "
        f"{(rust['mean'] - exact) / rust['std_error']:+.2f} se, numpy "
        f"{(np_fig['mean'] - exact) / np_fig['std_error']:+.2f} se"
    )
    if abs(rust["mean"] - np_fig["mean"]) > 5 * se:
        sys.exit("the means differ by more than 5 standard errors")


if __name__ == "__main__":
    main()
