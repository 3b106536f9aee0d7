#!/usr/bin/env python3
"""Compact summaries of JMH JSON results (-rf json), for committing instead of the raw output.

JMH's JSON keeps every measured sample of a SampleTime run (rawDataHistogram) and every
iteration's score (rawData), hundreds of thousands of lines per run. For each RAW.json this
writes, next to each other in the output directory:

- RAW.summary.json: per benchmark and parameter set, the mode, score, score error, unit, the
  percentiles, the per-fork means, the number of samples or measured iterations, every secondary
  metric's score, error and unit (B/op is `gc.alloc.rate.norm`), and the settings the JSON records
  (threads, forks, warmup and measurement iterations, time and batch size); once per run, the JMH
  version, JDK version, VM name and version, java binary and JVM arguments (per benchmark instead,
  if they differ between benchmarks); and the context given on the command line (commands,
  machine, `java -version`, a note). No raw samples, histograms or per-iteration arrays.
- RAW.summary.md: the same as Markdown tables, one per benchmark class and mode.

Percentiles: in SampleTime mode ("sample") those JMH prints (p0, p50, p90, p95, p99, p99.9,
p99.99, p100) over all samples; in the other modes (thrpt, avgt, ss) p0, p50 and p100 over the
measured iterations' scores (their minimum, median and maximum). The sample-mode secondary
metrics named p0.00 ... p1.00 repeat the percentiles and are left out of `secondary`.
Per-fork means ("forkScores") are the mean of each fork's iterations (samples in sample mode),
so forks that ran in different JIT modes show.

The output does not depend on when or where the script runs, so a summary can be regenerated
from its raw JSON byte for byte. Python 3 standard library only.

Usage:
  summarize_results.py [--out-dir DIR] [--command CMD]... [--nproc N] [--cpu MODEL]
                       [--machine TEXT] [--jdk TEXT] [--note TEXT] [--name STEM] RAW.json...

--out-dir defaults to the results/ directory next to this script. --name overrides the output
file stem (default: RAW's name without .json; only with one RAW file).
"""

import argparse
import json
import math
import os
import re
import sys
from collections import OrderedDict

# JMH's scorePercentiles keys -> the names used here.
SAMPLE_PERCENTILES = (
    ("0.0", "p0"),
    ("50.0", "p50"),
    ("90.0", "p90"),
    ("95.0", "p95"),
    ("99.0", "p99"),
    ("99.9", "p99.9"),
    ("99.99", "p99.99"),
    ("100.0", "p100"),
)
ITERATION_PERCENTILES = (("0.0", "p0"), ("50.0", "p50"), ("100.0", "p100"))
# The run-wide fields of every JMH result, hoisted to the top when all results agree.
RUN_FIELDS = ("jmhVersion", "jdkVersion", "vmName", "vmVersion", "jvm", "jvmArgs")
SETTING_FIELDS = (
    "threads",
    "forks",
    "warmupIterations",
    "warmupTime",
    "warmupBatchSize",
    "measurementIterations",
    "measurementTime",
    "measurementBatchSize",
)
# Secondary metrics that sample mode adds for its percentiles: "p0.00", "p0.999", "p1.00"
# (newer JMH versions prefix secondary metric names with a middle dot).
PERCENTILE_METRIC = re.compile(r"^\u00b7?p[01]\.\d+$")
ALLOC_NORM = "gc.alloc.rate.norm"


def number(value):
    """JMH writes NaN and infinities as strings; they become null."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return value if math.isfinite(value) else None


def metric_name(name):
    return name[1:] if name.startswith("\u00b7") else name


def fork_stats(metric, mode):
    """(per-fork means, count of samples or measured iterations) from the raw arrays."""
    histogram = metric.get("rawDataHistogram")
    raw = metric.get("rawData")
    means = []
    count = 0
    if mode == "sample" and histogram:
        for fork in histogram:
            total = 0.0
            n = 0
            for iteration in fork:
                for value, times in iteration:
                    total += value * times
                    n += times
            means.append(total / n if n else None)
            count += n
    elif raw:
        for fork in raw:
            values = [v for v in (number(x) for x in fork) if v is not None]
            means.append(sum(values) / len(values) if values else None)
            count += len(fork)
    else:
        return None, None
    return means, count


def summarize_result(result):
    mode = result.get("mode")
    primary = result["primaryMetric"]
    entry = OrderedDict()
    entry["benchmark"] = result["benchmark"]
    entry["params"] = OrderedDict(sorted((result.get("params") or {}).items()))
    entry["mode"] = mode
    entry["settings"] = OrderedDict((f, result[f]) for f in SETTING_FIELDS if f in result)
    entry["unit"] = primary.get("scoreUnit")
    entry["score"] = number(primary.get("score"))
    entry["scoreError"] = number(primary.get("scoreError"))
    means, count = fork_stats(primary, mode)
    entry["samples" if mode == "sample" else "iterations"] = count
    percentiles = primary.get("scorePercentiles") or {}
    wanted = SAMPLE_PERCENTILES if mode == "sample" else ITERATION_PERCENTILES
    entry["percentiles"] = OrderedDict(
        (name, number(percentiles[key])) for key, name in wanted if key in percentiles
    )
    entry["forkScores"] = means
    secondary = OrderedDict()
    for name, metric in sorted(
        (result.get("secondaryMetrics") or {}).items(), key=lambda item: metric_name(item[0])
    ):
        if mode == "sample" and PERCENTILE_METRIC.match(name):
            continue
        secondary[metric_name(name)] = OrderedDict(
            (
                ("score", number(metric.get("score"))),
                ("scoreError", number(metric.get("scoreError"))),
                ("unit", metric.get("scoreUnit")),
            )
        )
    entry["secondary"] = secondary
    return entry


def summarize(results, source, context):
    summary = OrderedDict()
    summary["summaryOf"] = source
    summary["generatedBy"] = "eventbus-benchmarks/summarize_results.py"
    if context:
        summary["context"] = context
    run = OrderedDict()
    varying = []
    for field in RUN_FIELDS:
        values = [json.dumps(r.get(field), sort_keys=True) for r in results]
        if len(set(values)) == 1:
            run[field] = results[0].get(field)
        else:
            varying.append(field)
    summary["run"] = run
    benchmarks = []
    for result in results:
        entry = summarize_result(result)
        for field in varying:
            entry[field] = result.get(field)
        benchmarks.append(entry)
    summary["benchmarks"] = benchmarks
    return summary


def dump_json(summary):
    """Indented, but each benchmark field on one line: short, readable, diff-friendly."""
    compact = lambda value: json.dumps(value, ensure_ascii=False)  # noqa: E731
    lines = ["{"]
    top = list(summary.items())
    for i, (key, value) in enumerate(top):
        comma = "," if i < len(top) - 1 else ""
        if key == "benchmarks":
            lines.append(f'  "benchmarks": [')
            for j, entry in enumerate(value):
                lines.append("    {")
                items = list(entry.items())
                for k, (field, field_value) in enumerate(items):
                    inner = "," if k < len(items) - 1 else ""
                    lines.append(f"      {compact(field)}: {compact(field_value)}{inner}")
                lines.append("    }" + ("," if j < len(value) - 1 else ""))
            lines.append("  ]" + comma)
        elif isinstance(value, dict):
            lines.append(f"  {compact(key)}: {{")
            items = list(value.items())
            for k, (field, field_value) in enumerate(items):
                inner = "," if k < len(items) - 1 else ""
                lines.append(f"    {compact(field)}: {compact(field_value)}{inner}")
            lines.append("  }" + comma)
        else:
            lines.append(f"  {compact(key)}: {compact(value)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def fmt(value):
    """Whole numbers with thousands separators from 1,000 up, else 4 significant digits."""
    if value is None:
        return "—"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    if value == 0:
        return "0"
    text = f"{value:.4g}"
    if "e" in text:
        text = f"{value:.3e}"
    return text


def fmt_error(score, error):
    return fmt(score) + (f" ± {fmt(error)}" if error is not None else "")


def settings(entry):
    entry = entry.get("settings", {})
    parts = []
    if "forks" in entry:
        parts.append(f"-f {entry['forks']}")
    if "threads" in entry:
        parts.append(f"-t {entry['threads']}")
    for prefix, flag_i, flag_t, flag_b in (
        ("warmup", "-wi", "-w", "-wbs"),
        ("measurement", "-i", "-r", "-bs"),
    ):
        iterations = entry.get(prefix + "Iterations")
        time = entry.get(prefix + "Time")
        batch = entry.get(prefix + "BatchSize")
        if iterations is not None:
            parts.append(f"{flag_i} {iterations}")
        if time and time != "single-shot":
            parts.append(f"{flag_t} {time.replace(' ', '')}")
        if batch not in (None, 1):
            parts.append(f"{flag_b} {batch}")
    return "`" + " ".join(parts) + "`"


def short_name(benchmark):
    parts = benchmark.split(".")
    return (parts[-2], parts[-1]) if len(parts) >= 2 else ("", benchmark)


def render_md(summary, stem):
    out = [f"# JMH summary: {stem}", ""]
    out.append(
        f"Made by `eventbus-benchmarks/summarize_results.py` from `{summary['summaryOf']}`, the raw"
        f" JMH output (`-rf json`, not committed); the same data for tools: `{stem}.summary.json`."
    )
    out.append("")
    run = summary["run"]
    vm = " ".join(str(run[k]) for k in ("vmName", "vmVersion") if k in run)
    facts = []
    if "jmhVersion" in run:
        facts.append(f"JMH {run['jmhVersion']}")
    if "jdkVersion" in run:
        facts.append(f"JDK {run['jdkVersion']}")
    if vm:
        facts.append(f"VM {vm}")
    if run.get("jvm"):
        facts.append(f"`{run['jvm']}`")
    if "jvmArgs" in run:
        args = run["jvmArgs"] or []
        facts.append("JVM args: " + (" ".join(f"`{a}`" for a in args) if args else "none"))
    if facts:
        out.append("- " + ", ".join(facts))
    context = summary.get("context") or {}
    if context.get("machine"):
        out.append(f"- Machine: {context['machine']}")
    if context.get("javaVersion"):
        out.append("- `java -version`:")
        out.append("")
        out.append("  ```")
        out.extend("  " + line for line in context["javaVersion"].splitlines())
        out.append("  ```")
    if context.get("commands"):
        out.append("- Commands:")
        out.append("")
        out.append("  ```bash")
        out.extend("  " + command for command in context["commands"])
        out.append("  ```")
    if context.get("note"):
        out.append(f"- {context['note']}")
    out.append(
        "- Score error: JMH's half-width of the 99.9 % confidence interval. B/op:"
        " `gc.alloc.rate.norm` (`-prof gc`). Fork means: mean of each fork's measured"
        " iterations (samples in sample mode)."
    )
    out.append("")

    groups = OrderedDict()
    for entry in summary["benchmarks"]:
        cls, _ = short_name(entry["benchmark"])
        groups.setdefault((cls, entry["mode"], entry["unit"]), []).append(entry)
    for (cls, mode, unit), entries in groups.items():
        sample = mode == "sample"
        out.append(f"## {cls}: {mode}, {unit}")
        out.append("")
        header = ["benchmark", "params", "settings", "samples" if sample else "iterations"]
        header.append("score ± error")
        if sample:
            header += [name for _, name in SAMPLE_PERCENTILES]
        else:
            header += ["min", "median", "max"]
        header += ["fork means", "B/op", "other secondary metrics"]
        out.append("| " + " | ".join(header) + " |")
        out.append("|" + "---|" * len(header))
        for entry in entries:
            _, method = short_name(entry["benchmark"])
            params = ", ".join(f"{k}={v}" for k, v in entry["params"].items()) or "—"
            count = entry.get("samples" if sample else "iterations")
            row = [f"`{method}`", params, settings(entry), fmt(count) if count is not None else "—"]
            row.append(fmt_error(entry["score"], entry["scoreError"]))
            wanted = SAMPLE_PERCENTILES if sample else ITERATION_PERCENTILES
            row += [fmt(entry["percentiles"].get(name)) for _, name in wanted]
            forks = entry.get("forkScores")
            row.append(", ".join(fmt(v) for v in forks) if forks else "—")
            secondary = dict(entry["secondary"])
            alloc = secondary.pop(ALLOC_NORM, None)
            row.append(fmt_error(alloc["score"], alloc["scoreError"]) if alloc else "n/a")
            row.append(
                "; ".join(
                    f"{name} {fmt_error(m['score'], m['scoreError'])} {m['unit'] or ''}".rstrip()
                    for name, m in secondary.items()
                )
                or "—"
            )
            out.append("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |")
        out.append("")
    return "\n".join(out)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("json", nargs="+", help="raw JMH JSON result files (-rf json)")
    parser.add_argument(
        "--out-dir",
        default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "results"),
        help="where to write the summaries (default: results/ next to this script)",
    )
    parser.add_argument("--name", help="output file stem (one input only)")
    parser.add_argument("--command", action="append", default=[], help="a command of the run")
    parser.add_argument("--nproc", help="CPUs of the machine (nproc)")
    parser.add_argument("--cpu", help="CPU model")
    parser.add_argument("--machine", help="free text about the machine")
    parser.add_argument("--jdk", help="the output of java -version")
    parser.add_argument("--note", help="free text, e.g. where the run is discussed")
    args = parser.parse_args(argv)
    if args.name and len(args.json) != 1:
        parser.error("--name needs exactly one input file")

    context = OrderedDict()
    if args.command:
        context["commands"] = args.command
    machine = []
    if args.nproc or args.cpu:
        machine.append(f"{args.nproc or '?'} CPUs (`nproc`), CPU model `{args.cpu or '?'}`")
    if args.machine:
        machine.append(args.machine)
    if machine:
        context["machine"] = "; ".join(machine)
    if args.jdk:
        context["javaVersion"] = args.jdk.strip()
    if args.note:
        context["note"] = args.note

    os.makedirs(args.out_dir, exist_ok=True)
    for path in args.json:
        with open(path, encoding="utf-8") as f:
            results = json.load(f)
        if not isinstance(results, list) or not results:
            raise SystemExit(f"{path}: not a JMH JSON result list, or empty")
        base = os.path.basename(path)
        stem = args.name or (base[:-5] if base.endswith(".json") else base)
        # The raw file as seen from the summary (e.g. raw/x.json), else only its name.
        source = os.path.relpath(os.path.abspath(path), os.path.abspath(args.out_dir))
        if source.startswith(".."):
            source = base
        source = source.replace(os.sep, "/")
        summary = summarize(results, source, context)
        json_out = os.path.join(args.out_dir, stem + ".summary.json")
        md_out = os.path.join(args.out_dir, stem + ".summary.md")
        with open(json_out, "w", encoding="utf-8") as f:
            f.write(dump_json(summary))
        with open(md_out, "w", encoding="utf-8") as f:
            f.write(render_md(summary, stem) + "\n")
        print(f"{path}: {len(results)} results -> {json_out}, {md_out}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
