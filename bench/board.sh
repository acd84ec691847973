#!/usr/bin/env bash
# The calendar board benchmark: builds the jar, starts the real server on a fresh embedded database,
# seeds 10 rooms with 500 sessions in one week through the API and times renders of the week view as
# a signed-in admin (bench/BoardBench.java), one request after another.
# Usage: bench/board.sh [renders, default 300] — the same number again is the warm-up.
# Needs a JDK 21+ (BENCH_JAVA_HOME, default Temurin 25); BENCH_JVM_OPTS as for bench/run.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME=${BENCH_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
RENDERS=${1:-300}
PORT=${BENCH_PORT:-18091}
URL="http://localhost:$PORT"
mkdir -p bench/results
if curl -s -o /dev/null "$URL"; then
  echo "bench/board.sh: port $PORT is already in use; set BENCH_PORT" >&2
  exit 1
fi
[[ ${BENCH_SKIP_BUILD:-} == 1 ]] || ./mvnw -q -DskipTests package
data=$(mktemp -d)
: > bench/results/board-server.log
env ROOMTONE_ADMIN_EMAIL=bench@roomtone.test ROOMTONE_ADMIN_PASSWORD=bench-password ROOMTONE_DATA_DIR="$data" \
  ROOMTONE_RATE_LIMITS_ENABLED=false \
  "$JAVA_HOME/bin/java" -Xms1g -Xmx2g ${BENCH_JVM_OPTS--XX:+UseParallelGC} -jar target/roomtone.jar --server.port="$PORT" \
  --logging.level.io.roomtone.access=WARN >> bench/results/board-server.log 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done; rm -rf "$data"' EXIT
for _ in $(seq 1 120); do
  kill -0 "$pid" 2>/dev/null || { echo "bench/board.sh: the server stopped; see bench/results/board-server.log" >&2; exit 1; }
  curl -fs "$URL/actuator/health" > /dev/null && break
  sleep 1
done
{
  echo "### $(date -u +%Y-%m-%dT%H:%MZ) — \`bench/board.sh $RENDERS\`"
  echo
  echo "- machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr), load average $(cut -d' ' -f1-3 /proc/loadavg); server $("$JAVA_HOME/bin/java" -version 2>&1 | head -1) ${BENCH_JVM_OPTS--XX:+UseParallelGC}"
  "$JAVA_HOME/bin/java" bench/BoardBench.java "$URL" "$RENDERS"
} | tee bench/results/board.md
