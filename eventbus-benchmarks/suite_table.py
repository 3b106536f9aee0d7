#!/usr/bin/env python3
"""Ratio tables of the peer suite, in Markdown, from JMH's JSON output (-rf json).

Reads one or more JMH JSON files, or the summaries summarize_results.py makes of them
(*.summary.json), merging them into --out when given, and prints, for every
benchmark class, each workload's `unified` result beside every peer's, with the ratio:

- throughput (ops/s, higher is better): ours / peer, so > 1 means the unified bus is faster;
- average time (AverageTime, e.g. ns/op, lower is better): peer / ours, so > 1 again means the
  unified bus is faster;
- sample time (latency percentiles p50, p99, p99.9, lower is better): peer / ours, so again
  > 1 means the unified bus is faster;
- B/op: JMH's gc.alloc.rate.norm from -prof gc ("n/a" when the run had no -prof gc).

A workload is a benchmark class plus the values of the parameters that every method of that class
has (for SyncPublishBenchmark: subscribers, subscribedTo, metrics). Parameters only some methods
have (queueSize of `unified`, waitStrategy of `disruptor`) label the bus instead.

Standard library only. Usage:
  suite_table.py [--out merged.json] [--nproc N] [--cpu MODEL] [--jdk TEXT] [--command CMD]...
                 result.json|result.summary.json...
"""

import argparse
import json
import math
import sys
from collections import OrderedDict

OURS = "unified"
PERCENTILES = (("50.0", "p50"), ("99.0", "p99"), ("99.9", "p99.9"))


# scorePercentiles keys of JMH's JSON, from the names summarize_results.py uses.
SUMMARY_PERCENTILES = {"p0": "0.0", "p50": "50.0", "p90": "90.0", "p95": "95.0", "p99": "99.0",
                       "p99.9": "99.9", "p99.99": "99.99", "p100": "100.0"}


def from_summary(summary):
    """JMH-shaped results from a summarize_results.py summary (only the fields used here)."""
    run = summary.get("run", {})
    results = []
    for entry in summary["benchmarks"]:
        result = {k: entry.get(k, run.get(k)) for k in ("jmhVersion", "vmName", "vmVersion",
                                                          "jdkVersion")}
        result.update(benchmark=entry["benchmark"], mode=entry["mode"], params=entry["params"])
        result["primaryMetric"] = {
            "score": entry["score"],
            "scoreError": entry["scoreError"],
            "scoreUnit": entry["unit"],
            "scorePercentiles": {SUMMARY_PERCENTILES[k]: v
                                 for k, v in entry["percentiles"].items()},
        }
        result["secondaryMetrics"] = entry["secondary"]
        results.append(result)
    return results


def load(paths):
    """Raw JMH JSON (a list of results) or summaries (*.summary.json, a dict), mixed freely."""
    results = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        if isinstance(data, dict) and "benchmarks" in data:
            data = from_summary(data)
        if not isinstance(data, list):
            raise SystemExit(f"{path}: not a JMH JSON result list or a summary")
        results.extend(data)
    return results


def split_name(benchmark):
    # dev.eventbus.benchmarks.SyncPublishBenchmark.unified -> (SyncPublishBenchmark, unified)
    parts = benchmark.split(".")
    return parts[-2], parts[-1]


def is_number(value):
    return isinstance(value, (int, float)) and math.isfinite(value)


def fmt_num(value):
    if not is_number(value):
        return "—"
    magnitude = abs(value)
    if magnitude >= 1e9:
        return f"{value / 1e9:.3g} G"
    if magnitude >= 1e6:
        return f"{value / 1e6:.3g} M"
    if magnitude >= 1e4:
        return f"{value / 1e3:.3g} k"
    if magnitude >= 100:
        return f"{value:.0f}"
    if magnitude >= 1:
        return f"{value:.3g}"
    return f"{value:.2g}"


def fmt_bytes(value):
    if not is_number(value):
        return "n/a"
    if abs(value) < 0.5:
        return f"{value:.3f}"
    return f"{value:.1f}"


def fmt_ratio(numerator, denominator):
    if not is_number(numerator) or not is_number(denominator) or denominator == 0:
        return "—"
    return f"**{numerator / denominator:.2f}**"


def alloc(result):
    metric = result.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
    return metric.get("score") if metric else None


def label(method, params, shared):
    own = [f"{k}={v}" for k, v in sorted(params.items()) if k not in shared]
    return f"`{method}`" + (f" ({', '.join(own)})" if own else "")


def group(results):
    """{class: (mode, unit, shared keys, {workload: [(method, params, result)]})}"""
    by_class = OrderedDict()
    for result in results:
        cls, method = split_name(result["benchmark"])
        by_class.setdefault(cls, []).append((method, result.get("params", {}) or {}, result))
    grouped = OrderedDict()
    for cls, entries in by_class.items():
        shared = set.intersection(*(set(params) for _, params, _ in entries))
        workloads = OrderedDict()
        for method, params, result in entries:
            key = tuple(sorted((k, v) for k, v in params.items() if k in shared))
            workloads.setdefault(key, []).append((method, params, result))
        first = entries[0][2]
        grouped[cls] = (first["mode"], first["primaryMetric"]["scoreUnit"], shared, workloads)
    return grouped


def workload_name(key):
    return ", ".join(f"{k}={v}" for k, v in key) or "—"


def throughput_table(cls, unit, shared, workloads, out, lower_is_better=False):
    if lower_is_better:
        out.append(f"### {cls} ({unit}, lower is better; ratio = peer / ours)")
    else:
        out.append(f"### {cls} ({unit}, higher is better; ratio = ours / peer)")
    out.append("")
    out.append("| workload | ours | ours score | peer | peer score | ratio | ours B/op | peer B/op |")
    out.append("|---|---|---|---|---|---|---|---|")
    for key, entries in workloads.items():
        ours = [e for e in entries if e[0] == OURS] or [(OURS, {}, None)]
        peers = [e for e in entries if e[0] != OURS]
        for o_method, o_params, o_result in ours:
            o_score = o_result["primaryMetric"]["score"] if o_result else None
            o_error = o_result["primaryMetric"].get("scoreError") if o_result else None
            o_cell = fmt_num(o_score) + (
                f" ± {fmt_num(o_error)}" if is_number(o_error) else ""
            )
            for p_method, p_params, p_result in peers or [(None, {}, None)]:
                p_score = p_result["primaryMetric"]["score"] if p_result else None
                p_error = p_result["primaryMetric"].get("scoreError") if p_result else None
                p_cell = fmt_num(p_score) + (
                    f" ± {fmt_num(p_error)}" if is_number(p_error) else ""
                )
                out.append(
                    "| {} | {} | {} | {} | {} | {} | {} | {} |".format(
                        workload_name(key),
                        label(o_method, o_params, shared),
                        o_cell,
                        label(p_method, p_params, shared) if p_method else "—",
                        p_cell,
                        fmt_ratio(p_score, o_score)
                        if lower_is_better
                        else fmt_ratio(o_score, p_score),
                        fmt_bytes(alloc(o_result)) if o_result else "—",
                        fmt_bytes(alloc(p_result)) if p_result else "—",
                    )
                )
    out.append("")


def percentile(result, key):
    if result is None:
        return None
    return result["primaryMetric"].get("scorePercentiles", {}).get(key)


def latency_table(cls, unit, shared, workloads, out):
    out.append(f"### {cls} ({unit}, lower is better; ratio = peer / ours)")
    out.append("")
    header = ["workload", "ours", "peer"]
    for _, name in PERCENTILES:
        header += [f"{name} ours", f"{name} peer", f"{name} ratio"]
    header += ["ours B/op", "peer B/op"]
    out.append("| " + " | ".join(header) + " |")
    out.append("|" + "---|" * len(header))
    for key, entries in workloads.items():
        ours = [e for e in entries if e[0] == OURS] or [(OURS, {}, None)]
        peers = [e for e in entries if e[0] != OURS]
        for o_method, o_params, o_result in ours:
            for p_method, p_params, p_result in peers or [(None, {}, None)]:
                row = [
                    workload_name(key),
                    label(o_method, o_params, shared),
                    label(p_method, p_params, shared) if p_method else "—",
                ]
                for pkey, _ in PERCENTILES:
                    o_value = percentile(o_result, pkey)
                    p_value = percentile(p_result, pkey)
                    row += [fmt_num(o_value), fmt_num(p_value), fmt_ratio(p_value, o_value)]
                row += [
                    fmt_bytes(alloc(o_result)) if o_result else "—",
                    fmt_bytes(alloc(p_result)) if p_result else "—",
                ]
                out.append("| " + " | ".join(row) + " |")
    out.append("")


def render(results, args):
    out = ["## Peer suite results", ""]
    if args.nproc or args.cpu:
        out.append(f"- Machine: {args.nproc or '?'} CPUs (`nproc`), CPU model `{args.cpu or '?'}`")
    if results:
        first = results[0]
        out.append(
            f"- JMH {first.get('jmhVersion', '?')}, JVM {first.get('vmName', '?')} "
            f"{first.get('vmVersion', '?')} ({first.get('jdkVersion', '?')})"
        )
    if args.jdk:
        out.append("- `java -version`:")
        out.append("")
        out.append("  ```")
        out.extend("  " + line for line in args.jdk.strip().splitlines())
        out.append("  ```")
    if args.command:
        out.append("- Commands:")
        out.append("")
        out.append("  ```bash")
        out.extend("  " + command for command in args.command)
        out.append("  ```")
    out.append("")
    for cls, (mode, unit, shared, workloads) in group(results).items():
        if mode == "sample":
            latency_table(cls, unit, shared, workloads, out)
        elif mode in ("avgt", "ss"):
            throughput_table(cls, unit, shared, workloads, out, lower_is_better=True)
        else:
            throughput_table(cls, unit, shared, workloads, out)
    return "\n".join(out)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("json", nargs="+", help="JMH JSON result files or their summaries")
    parser.add_argument("--out", help="write the merged JSON here")
    parser.add_argument("--nproc")
    parser.add_argument("--cpu")
    parser.add_argument("--jdk", help="the output of java -version")
    parser.add_argument("--command", action="append", default=[])
    args = parser.parse_args(argv)
    results = load(args.json)
    if not results:
        raise SystemExit("no JMH results in " + ", ".join(args.json))
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            json.dump(results, f, indent=2)
            f.write("\n")
    print(render(results, args))


if __name__ == "__main__":
    main(sys.argv[1:])
