#!/usr/bin/env bash
# Benchmarks Roomtone: builds the jar, starts the real server on a fresh embedded database, seeds a
# realistic studio through the API and measures searches, bookings and a no-op endpoint under load.
# Usage: bench/run.sh [seconds per scenario, default 20] [concurrency, default 50] [bookings, default 20000]
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME=${BENCH_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
SECONDS_PER=${1:-20}
CONCURRENCY=${2:-50}
BOOKINGS=${3:-20000}
PORT=${BENCH_PORT:-18090}
mkdir -p bench/results
./mvnw -q -DskipTests package
data=$(mktemp -d)
ROOMTONE_ADMIN_EMAIL=bench@roomtone.test ROOMTONE_ADMIN_PASSWORD=bench-password ROOMTONE_DATA_DIR="$data" \
  "$JAVA_HOME/bin/java" -Xms1g -Xmx2g -jar target/roomtone.jar --server.port="$PORT" \
  --logging.level.io.roomtone.access=WARN > bench/results/server.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 120); do
  curl -fs "http://localhost:$PORT/actuator/health" > /dev/null && break
  sleep 1
done
{
  echo "# Roomtone benchmark, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "- machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr)"
  echo "- server and load generator: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1), same machine"
  echo "- command: bench/run.sh $SECONDS_PER $CONCURRENCY $BOOKINGS"
  echo
  "$JAVA_HOME/bin/java" bench/LoadTest.java "http://localhost:$PORT" "$SECONDS_PER" "$CONCURRENCY" "$BOOKINGS"
} | tee bench/results/latest.md
