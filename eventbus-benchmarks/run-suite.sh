#!/usr/bin/env bash
# The peer suite: the unified bus against Guava EventBus/AsyncEventBus, MBassador, greenrobot
# EventBus, Spring's ApplicationEventMulticaster, the LMAX Disruptor and a Reactor sink, and the
# Kafka and Redis relays against their raw clients (KafkaProducer, lettuce XADD), in one
# JMH run per benchmark class, then a Markdown ratio table (ours / peer; peer / ours where lower
# is better) of the results.
#
# Usage (from anywhere; it works from the repository root):
#   eventbus-benchmarks/run-suite.sh                 build, run the suite, print the table
#   eventbus-benchmarks/run-suite.sh --table F.json  only the table step, on existing JMH JSON
#                                                    or its summaries (F.summary.json)
#
# Output, committed: eventbus-benchmarks/results/suite-<date>.md (the table, also printed) and
#         suite-<date>.summary.json / .summary.md (summarize_results.py: scores, errors,
#         percentiles, B/op, settings, JMH/JDK/VM, commands and machine; no raw samples).
# Output, not committed (ignored by .gitignore): eventbus-benchmarks/results/raw/suite-<date>.json
#         (all JMH results, merged, every latency sample; about 3 MB) and suite-<date>.log (JMH's
#         console output).
# SUITE_DATE=... overrides <date> (default: date +%F); JAVA=... the java binary.
#
# Settings: every run -f 1 (one fork per case) and -prof gc (B/op = gc.alloc.rate.norm).
#   SyncPublishBenchmark      -wi 3 -w 1s -i 3 -r 1s, -p metrics=true (the bus's default config)
#                             5 buses x subscribers {1,10} x subscribedTo {CLASS,SUPERTYPE}
#                             = 20 forks x ~8 s (6 s measured/warm + JVM start, setup) ~ 160 s
#   AsyncThroughputBenchmark  -wi 5 -w 2s -i 3 -r 2s (its javadoc: warm up >= 10 s)
#                             8 cases (unified, guavaAsync, disruptor BLOCKING/YIELDING,
#                             reactorSink, mbassadorAsync, greenrobotBackground, springAsync)
#                             = 8 forks x ~18 s ~ 145 s
#   AsyncLatencyBenchmark     -wi 3 -w 1s -i 3 -r 2s (SampleTime: p50/p99/p99.9)
#                             the same 8 cases = 8 forks x ~11 s ~ 90 s
#   ContendedLatencyBenchmark -wi 3 -w 1s -i 3 -r 2s: the same round trip while one busy thread
#                             per core competes; unified once per idle strategy (4) + the 7 peer
#                             cases = 11 forks x ~11 s ~ 120 s
#   BatchThroughputBenchmark  -wi 3 -w 2s -i 2 -r 2s: 3 cases (unified BATCH, unifiedAsync,
#                             disruptorBatch) = 3 forks x ~13 s ~ 40 s
#   FourProducersBenchmark    -wi 3 -w 2s -i 2 -r 2s, 4 threads (its @Threads): 4 cases (unified,
#                             guavaAsync, disruptor MULTI, reactorSink) = 4 forks x ~13 s ~ 50 s
#   RegistryChurnBenchmark    -wi 2 -w 1s -i 3 -r 1s (AverageTime, ns/op): 4 cases (unified, guava,
#                             mbassador, greenrobot), 10 000 listeners each
#                             = 4 forks x ~8 s (5 s measured/warm + JVM start, 10 000 registrations) ~ 30 s
#   TypeLookupBenchmark       -wi 2 -w 1s -i 3 -r 1s: 2 cases (unified, hashMapBaseline)
#                             = 2 forks x ~7 s ~ 15 s
#   KafkaRelayBenchmark       -wi 2 -w 5s -i 3 -r 5s: the outbox->Kafka relay (unified) against a
#                             raw KafkaProducer, pipelined and one record at a time, on a broker
#                             the benchmark starts (KRaft, child JVM, ~15 s) = 3 forks x ~45 s ~ 140 s
#   RedisRelayBenchmark       -wi 2 -w 5s -i 3 -r 5s: the relay against raw lettuce XADDs, pipelined
#                             and one at a time, on a redis-server it starts (Debian's package:
#                             scripts/ensure-redis.sh) = 3 forks x ~28 s ~ 85 s
# Estimated total on 2 cores: ~6.5 min + ~2.2 min + ~2 min + ~3.8 min (the relays) = ~14.5 min of JMH
# plus ~1 min of Maven build, about 16 min (the first run of the first three classes took 6 min 10 s
# with the build; the relay classes are not yet timed in a whole suite run).
# The settings are for side-by-side ratios in one sitting, not for publication-grade error bars:
# one fork per case cannot show fork-to-fork variance (see docs/benchmarks.md).
set -euo pipefail

MODULE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$MODULE_DIR/.." && pwd)"
cd "$ROOT"

JAVA="${JAVA:-java}"
DATE="${SUITE_DATE:-$(date +%F)}"
RESULTS="eventbus-benchmarks/results"
RAW="$RESULTS/raw"
JAR="eventbus-benchmarks/target/benchmarks.jar"
PKG='dev\.eventbus\.benchmarks'

machine_args() {
  local cpu
  cpu="$(grep -m1 '^model name' /proc/cpuinfo 2>/dev/null | sed 's/^model name[[:space:]]*:[[:space:]]*//' || true)"
  [ -n "$cpu" ] || cpu="$(uname -m)"
  TABLE_ARGS=(--nproc "$(nproc)" --cpu "$cpu" --jdk "$("$JAVA" -version 2>&1)")
}

if [ "${1:-}" = "--table" ]; then
  shift
  [ $# -ge 1 ] || { echo "usage: $0 --table RESULT.json..." >&2; exit 2; }
  machine_args
  echo "(table only: machine and JDK below are this machine's, not necessarily the run's)" >&2
  exec python3 "$MODULE_DIR/suite_table.py" "${TABLE_ARGS[@]}" "$@"
fi
[ $# -eq 0 ] || { echo "usage: $0 [--table RESULT.json...]" >&2; exit 2; }

echo "== build" >&2
mvn -B -q package -DskipTests -pl eventbus-benchmarks -am

mkdir -p "$RESULTS" "$RAW"
PARTS="$(mktemp -d)"
trap 'rm -rf "$PARTS"' EXIT
LOG="$RAW/suite-$DATE.log"
: > "$LOG"

COMMANDS=(
  "$JAVA -jar $JAR '$PKG\.SyncPublishBenchmark\.' -p metrics=true -f 1 -wi 3 -w 1s -i 3 -r 1s -prof gc -rf json -rff PART"
  "$JAVA -jar $JAR '$PKG\.AsyncThroughputBenchmark\.' -f 1 -wi 5 -w 2s -i 3 -r 2s -prof gc -rf json -rff PART"
  "$JAVA -jar $JAR '$PKG\.AsyncLatencyBenchmark\.' -f 1 -wi 3 -w 1s -i 3 -r 2s -prof gc -rf json -rff PART"
  "$JAVA -jar $JAR '$PKG\.ContendedLatencyBenchmark\.' -f 1 -wi 3 -w 1s -i 3 -r 2s -prof gc -rf json -rff PART"
  "$JAVA -jar $JAR '$PKG\.BatchThroughputBenchmark\.' -f 1 -wi 3 -w 2s -i 2 -r 2s -prof gc -rf json -rff PART"
  "$JAVA -jar $JAR '$PKG\.FourProducersBenchmark\.' -f 1 -wi 3 -w 2s -i 2 -r 2s -prof gc -rf json -rff PART"
  "$JAVA -jar $JAR '$PKG\.RegistryChurnBenchmark\.' -f 1 -wi 2 -w 1s -i 3 -r 1s -prof gc -rf json -rff PART"
  "$JAVA -jar $JAR '$PKG\.TypeLookupBenchmark\.' -f 1 -wi 2 -w 1s -i 3 -r 1s -prof gc -rf json -rff PART"
  "$JAVA -jar $JAR '$PKG\.KafkaRelayBenchmark\.' -f 1 -wi 2 -w 5s -i 3 -r 5s -prof gc -rf json -rff PART"
  "$JAVA -jar $JAR '$PKG\.RedisRelayBenchmark\.' -f 1 -wi 2 -w 5s -i 3 -r 5s -prof gc -rf json -rff PART"
)
TABLE_COMMANDS=()
PART_FILES=()
START=$SECONDS
for i in "${!COMMANDS[@]}"; do
  part="$PARTS/part-$i.json"
  command="${COMMANDS[$i]/PART/$part}"
  TABLE_COMMANDS+=(--command "${COMMANDS[$i]/PART/part-$i.json}")
  PART_FILES+=("$part")
  echo "== $command" >&2
  eval "$command" 2>&1 | tee -a "$LOG"
done
echo "== JMH took $(( (SECONDS - START) / 60 )) min $(( (SECONDS - START) % 60 )) s" >&2

machine_args
python3 "$MODULE_DIR/suite_table.py" --out "$RAW/suite-$DATE.json" \
  "${TABLE_ARGS[@]}" "${TABLE_COMMANDS[@]}" "${PART_FILES[@]}" | tee "$RESULTS/suite-$DATE.md"
python3 "$MODULE_DIR/summarize_results.py" --out-dir "$RESULTS" \
  "${TABLE_ARGS[@]}" "${TABLE_COMMANDS[@]}" "$RAW/suite-$DATE.json"
echo "== wrote $RESULTS/suite-$DATE.md, .summary.json and .summary.md (commit these);" \
  "raw JSON and log in $RAW/ (not committed)" >&2
