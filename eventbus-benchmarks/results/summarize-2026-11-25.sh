#!/usr/bin/env bash
# Regenerates the summaries of the 2026-11-25 runs (*-2026-11-25*.summary.json and .summary.md)
# from their raw JMH JSON, with each run's command, machine and JDK as recorded in
# docs/benchmarks.md and in the suite runs' ratio tables (suite-2026-11-25*.md).
#
# The raw JSON is no longer in the tree. It is read from eventbus-benchmarks/results/raw/ and,
# where missing there, first restored from git history (commit da5cd65, the last one that held it
# in eventbus-benchmarks/results/). Usage, from anywhere: eventbus-benchmarks/results/summarize-2026-11-25.sh
set -euo pipefail

RESULTS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$RESULTS/../.." && pwd)"
RAW="$RESULTS/raw"
SUMMARIZE=(python3 "$ROOT/eventbus-benchmarks/summarize_results.py" --out-dir "$RESULTS")
HISTORY=da5cd65
mkdir -p "$RAW"

JAR=eventbus-benchmarks/target/benchmarks.jar
JDK='openjdk version "17.0.15" 2025-04-15
OpenJDK Runtime Environment (build 17.0.15+6-Debian-1deb12u1)
OpenJDK 64-Bit Server VM (build 17.0.15+6-Debian-1deb12u1, mixed mode, sharing)'
MACHINE=(--nproc 2 --cpu "AMD EPYC" --jdk "$JDK")
VM="virtual machine, 1 socket, 2 cores, 23 GiB, no swap, Linux 6.18.44 (docs/benchmarks.md, \"Machine\")"

raw() {
  local file="$RAW/$1.json"
  if [ ! -f "$file" ]; then
    git -C "$ROOT" show "$HISTORY:eventbus-benchmarks/results/$1.json" > "$file.tmp"
    mv "$file.tmp" "$file"
  fi
  echo "$file"
}

for run in a b; do
  "${SUMMARIZE[@]}" "${MACHINE[@]}" --machine "$VM" \
    --command "java -jar $JAR SyncPublishBenchmark -f 3 -wi 5 -w 1s -i 5 -r 1s -prof gc -rf json -rff /tmp/sync.json" \
    --note "Run ${run^^} of docs/benchmarks.md, \"SyncPublishBenchmark\" (runs A and B: the same command back to back)." \
    "$(raw "sync-publish-2026-11-25-run-$run")"
done
"${SUMMARIZE[@]}" "${MACHINE[@]}" --machine "$VM" \
  --command "java -jar $JAR SyncPublishBenchmark -f 2 -wi 5 -w 1s -i 5 -r 1s -prof gc -rf json -rff /tmp/sync.json" \
  --note "docs/benchmarks.md, \"Run C: after the processors landed\"." \
  "$(raw sync-publish-2026-11-25-run-c)"
"${SUMMARIZE[@]}" "${MACHINE[@]}" --machine "$VM" \
  --command "java -jar $JAR AsyncThroughputBenchmark -f 2 -wi 5 -w 2s -i 5 -r 2s -prof gc -rf json -rff /tmp/async-throughput.json" \
  --note "docs/benchmarks.md, \"Async benchmarks\"; run with nothing else running." \
  "$(raw async-throughput-2026-11-25)"
"${SUMMARIZE[@]}" "${MACHINE[@]}" --machine "$VM" \
  --command "java -jar $JAR AsyncLatencyBenchmark -f 2 -wi 5 -w 2s -i 5 -r 2s -rf json -rff /tmp/async-latency.json" \
  --note "docs/benchmarks.md, \"Async benchmarks\"; run with nothing else running; no -prof gc, so no B/op." \
  "$(raw async-latency-2026-11-25)"
"${SUMMARIZE[@]}" "${MACHINE[@]}" --machine "$VM" \
  --command "java -jar $JAR AnnotatedInvocationBenchmark -f 2 -wi 5 -w 1s -i 8 -r 1s -prof gc -rf json -rff /tmp/invocation.json" \
  --note "docs/benchmarks.md, \"Annotated subscriber invocation\"; run with nothing else running." \
  "$(raw annotated-invocation-2026-11-25)"
STORES="local disk; PostgreSQL 15 on the same machine (default settings, synchronous_commit=on); SQLite through sqlite-jdbc 3.54.1.0 (WAL, synchronous=FULL)"
"${SUMMARIZE[@]}" "${MACHINE[@]}" --machine "$VM; $STORES" \
  --command "java -jar $JAR DurablePublishBenchmark -rf json -rff durable-publish.json" \
  --note "docs/benchmarks.md, \"DurablePublishBenchmark\" (settings: the benchmark's annotations)." \
  "$(raw durable-publish-2026-11-25)"
"${SUMMARIZE[@]}" "${MACHINE[@]}" --machine "$VM; $STORES" \
  --command "java -jar $JAR RecoveryBenchmark -rf json -rff recovery.json" \
  --note "docs/benchmarks.md, \"RecoveryBenchmark\": the first run." \
  "$(raw recovery-2026-11-25)"
"${SUMMARIZE[@]}" "${MACHINE[@]}" --machine "$VM; $STORES" \
  --command "java -jar $JAR RecoveryBenchmark -rf json -rff recovery.json" \
  --note "docs/benchmarks.md, \"RecoveryBenchmark\": the run after the PostgreSQL fix." \
  "$(raw recovery-after-pg-fix-2026-11-25)"
"${SUMMARIZE[@]}" "${MACHINE[@]}" --machine "$VM" \
  --command "java -jar $JAR 'SyncPublishBenchmark.unified\$' -p subscribedTo=CLASS -f 4 -wi 5 -w 1 -i 5 -r 1 -prof gc" \
  --note "docs/benchmarks.md, \"Cost of metrics on the synchronous path\" (the command as recorded there, without its -rf json options)." \
  "$(raw metrics-overhead-2026-11-25)"
"${SUMMARIZE[@]}" "${MACHINE[@]}" --machine "$VM" \
  --command "java -jar $JAR \"SyncPublishBenchmark.unified\" -p subscribedTo=CLASS -f 1 -wi 3 -w 2 -i 5 -r 2 -prof gc" \
  --note "The bus-wide counters before per-type metrics (commit 2600521); its docs/benchmarks.md table has since been replaced by \"Cost of metrics on the synchronous path\"." \
  "$(raw metrics-overhead-main-2026-11-25)"

# The peer suite (eventbus-benchmarks/run-suite.sh): commands, machine and java -version as in
# each run's ratio table, suite-<date>.md.
SUITE=(
  "java -jar $JAR 'dev\\.eventbus\\.benchmarks\\.SyncPublishBenchmark\\.' -p metrics=true -f 1 -wi 3 -w 1s -i 3 -r 1s -prof gc -rf json -rff part-0.json"
  "java -jar $JAR 'dev\\.eventbus\\.benchmarks\\.AsyncThroughputBenchmark\\.' -f 1 -wi 5 -w 2s -i 3 -r 2s -prof gc -rf json -rff part-1.json"
  "java -jar $JAR 'dev\\.eventbus\\.benchmarks\\.AsyncLatencyBenchmark\\.' -f 1 -wi 3 -w 1s -i 3 -r 2s -prof gc -rf json -rff part-2.json"
  "java -jar $JAR 'dev\\.eventbus\\.benchmarks\\.BatchThroughputBenchmark\\.' -f 1 -wi 3 -w 2s -i 2 -r 2s -prof gc -rf json -rff part-3.json"
  "java -jar $JAR 'dev\\.eventbus\\.benchmarks\\.FourProducersBenchmark\\.' -f 1 -wi 3 -w 2s -i 2 -r 2s -prof gc -rf json -rff part-4.json"
  "java -jar $JAR 'dev\\.eventbus\\.benchmarks\\.RegistryChurnBenchmark\\.' -f 1 -wi 2 -w 1s -i 3 -r 1s -prof gc -rf json -rff part-5.json"
  "java -jar $JAR 'dev\\.eventbus\\.benchmarks\\.TypeLookupBenchmark\\.' -f 1 -wi 2 -w 1s -i 3 -r 1s -prof gc -rf json -rff part-6.json"
)
suite() { # suite <stem> <number of commands> <docs section>
  local commands=()
  for command in "${SUITE[@]:0:$2}"; do commands+=(--command "$command"); done
  "${SUMMARIZE[@]}" "${MACHINE[@]}" "${commands[@]}" \
    --note "Peer suite run; ratio table: $1.md; discussed in docs/benchmarks.md, \"$3\"." \
    "$(raw "$1")"
}
suite suite-2026-11-25 3 "First run (2026-11-25)"
suite suite-2026-11-25-b 7 "Second run, with the four new workloads (2026-11-25)"
suite suite-2026-11-25-c 7 "Third run: per-type metrics, idle-spinning lanes, allocation-free lookup (2026-11-25)"
suite suite-2026-11-25-d 7 "Fourth run, on the final code of the day (2026-11-25)"
