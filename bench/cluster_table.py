#!/usr/bin/python3
"""The table of bench/compare-cluster.sh: reads the JSON_OUT files of its bench.py runs
(result-ROUND-SCENARIO-TARGET.json in DIR) and prints, per scenario and target, the median
over rounds of req/s, p50, p99, server and other CPU, the errors summed, and req/s relative to
the first target. Metrics come from bench.py's own row_metrics/merge_rounds."""
import argparse
import importlib.util
import json
import os
import sys


def load_harness(path):
    spec = importlib.util.spec_from_file_location("bench_harness", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("dir")
    ap.add_argument("--harness", required=True)
    ap.add_argument("--targets", required=True)
    ap.add_argument("--scenarios", required=True)
    ap.add_argument("--rounds", type=int, required=True)
    args = ap.parse_args()
    bench = load_harness(args.harness)
    targets = args.targets.split(",")
    scenarios = args.scenarios.split(",")

    merged = {}  # (scenario, target) -> list of merged metric rows (a scenario may have several)
    for s in scenarios:
        for t in targets:
            rounds = []
            for r in range(1, args.rounds + 1):
                path = os.path.join(args.dir, "result-%d-%s-%s.json" % (r, s, t))
                with open(path) as f:
                    raw = json.load(f)
                rounds.append([bench.row_metrics(run["scenario"], run["result"], run["conns"]) for run in raw["runs"]])
            merged[s, t] = bench.merge_rounds(rounds)

    first = targets[0]
    out = ["# PostgreSQL: the Django reference vs gatehouse, 1 and 2 nodes (median of %d rounds)" % args.rounds, "",
           "| scenario | target | conns | req/s | vs %s | p50 ms | p99 ms | errors | server CPU | other CPU "
           "(mostly PostgreSQL) | machine busy |" % first,
           "|---|---|---|---|---|---|---|---|---|---|---|"]
    for s in scenarios:
        for t in targets:
            for i, m in enumerate(merged[s, t]):
                base = merged[s, first][i]["rps"]
                ratio = "%.2f" % (m["rps"] / base) if base else "n/a"
                out.append("| %s | %s | %d | %s | %s | %s | %s | %d | %s | %s | %.0f%% |" % (
                    m["title"], t, m["conns"], bench.fnum(m["rps"]), ratio, bench.fnum(m["p50_ms"], 1),
                    bench.fnum(m["p99_ms"], 1), m["sock_errors"] + m["bad"], bench.fnum(m["server_cpu"], 2),
                    bench.fnum(m["other_cpu"], 2), m["busy"]))
    out.append("")
    notes = []
    for s in scenarios:
        for t in targets:
            for line in bench.details(merged[s, t]):
                notes.append("- %s: %s" % (t, line[2:]))
    if notes:
        out += ["Details:"] + notes + [""]
    out.append("server CPU: the target's process tree (gunicorn and its workers; the gatehouse node; "
               "scripts/cluster.sh's nodes and HAProxy). PostgreSQL runs outside those trees, so its backends "
               "count as other CPU. Compare targets within this run only.")
    print("\n".join(out))


if __name__ == "__main__":
    sys.exit(main())
