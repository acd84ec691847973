#!/usr/bin/env bash
# Benchmarks Roomtone: builds the jar, starts the real server on a fresh embedded database, seeds a
# realistic studio through the API (bench/Seed.java), then measures with wrk a no-op JSON endpoint
# (the ceiling), 1-day and 7-day availability searches and booking requests; then booking creation,
# where every request should succeed (bench/create.lua, and hold -> convert with bench/hold.lua).
# Usage: bench/run.sh [seconds per scenario, default 30] [connections, default 50] [bookings, default 20000] [all|create]
# "create" runs only the booking-creation scenarios (after the seeding) and the no-op and 1-day search
# after them. BENCH_CREATE_ROOMS (default 30) sets how many rooms, each with its engineer, the creation
# plan has: 3,220 free 30-minute slots each over 115 days; every request of those scenarios uses one.
# Needs wrk (apt-get install wrk) and a JDK 21+ (BENCH_JAVA_HOME, default Temurin 25); BENCH_THREADS sets
# wrk's threads (default 1: a second load thread on the same 2 cores only adds scheduling delay);
# BENCH_JVM_OPTS sets extra server JVM options (default -XX:+UseParallelGC: on 2 shared cores the
# collector with the least CPU overhead also has the shortest tail; see docs/benchmarks.md).
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME=${BENCH_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
DURATION=${1:-30}
CONNECTIONS=${2:-50}
BOOKINGS=${3:-20000}
SCENARIOS=${4:-all}
[[ $SCENARIOS == all || $SCENARIOS == create ]] || { echo "bench/run.sh: the 4th argument is all or create" >&2; exit 1; }
CREATE_ROOMS=${BENCH_CREATE_ROOMS:-30}
PORT=${BENCH_PORT:-18090}
URL="http://localhost:$PORT"
command -v wrk > /dev/null || { echo "bench/run.sh needs wrk: apt-get install -y wrk" >&2; exit 1; }
mkdir -p bench/results
THREADS=${BENCH_THREADS:-1}
if curl -s -o /dev/null "$URL"; then
  # the health wait below would otherwise seed and measure whatever server already listens there
  echo "bench/run.sh: port $PORT is already in use; set BENCH_PORT" >&2
  exit 1
fi
./mvnw -q -DskipTests package
data=$(mktemp -d)
pidfile=bench/results/server.pid # a file, since the scenarios run in a pipeline's subshell
# rate limits off: all 50 clients sign in and book from this one address. Mail goes to bench/Seed.java's
# mailbox (BENCH_MAIL_PORT), which confirms the seeded clients' addresses; once the seed is done, the
# server's mail waits in its outbox for a server that is not there, as it would during an outage.
MAIL_PORT=${BENCH_MAIL_PORT:-18025}
export BENCH_MAIL_PORT=$MAIL_PORT
start_server() { # extra environment assignments, e.g. ROOMTONE_AVAILABILITY_CACHED_SLOTS=0
  env ROOMTONE_ADMIN_EMAIL=bench@roomtone.test ROOMTONE_ADMIN_PASSWORD=bench-password ROOMTONE_DATA_DIR="$data" \
    ROOMTONE_RATE_LIMITS_ENABLED=false SPRING_MAIL_HOST=127.0.0.1 SPRING_MAIL_PORT="$MAIL_PORT" "$@" \
    "$JAVA_HOME/bin/java" -Xms1g -Xmx2g ${BENCH_JVM_OPTS--XX:+UseParallelGC} -jar target/roomtone.jar --server.port="$PORT" \
    --logging.level.io.roomtone.access=WARN >> bench/results/server.log 2>&1 &
  echo $! > "$pidfile"
  for _ in $(seq 1 120); do
    kill -0 "$(cat "$pidfile")" 2>/dev/null || { echo "bench/run.sh: the server stopped; see bench/results/server.log" >&2; exit 1; }
    curl -fs "$URL/actuator/health" > /dev/null && return
    sleep 1
  done
  echo "the server did not start: see bench/results/server.log" >&2
  exit 1
}
stop_server() {
  local pid
  pid=$(cat "$pidfile" 2>/dev/null) || return 0
  kill "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
  rm -f "$pidfile"
}
trap 'stop_server; rm -rf "$data"' EXIT
: > bench/results/server.log
start_server
export BENCH_SEED=bench/results/seed.txt BENCH_CONNECTIONS=$CONNECTIONS BENCH_THREADS=$THREADS
export BENCH_PLAN_OFFSET=bench/results/plan.offset
scenario() { # label, lua script, days, seconds of warm-up (default 10)
  BENCH_LABEL=warm-up BENCH_DAYS=${3:-1} wrk -t"$THREADS" -c"$CONNECTIONS" -d"${4:-10}s" -s "bench/$2" "$URL" > /dev/null
  BENCH_LABEL=$1 BENCH_DAYS=${3:-1} wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" -s "bench/$2" "$URL" | grep '^| '
}
creation() { # label, lua script, seconds of warm-up (default 10); both runs take slots from the plan
  BENCH_LABEL=warm-up wrk -t"$THREADS" -c"$CONNECTIONS" -d"${3:-10}s" -s "bench/$2" "$URL" > /dev/null
  BENCH_LABEL=$1 wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" -s "bench/$2" "$URL" | grep '^| '
}
{
  echo "### $(date -u +%Y-%m-%dT%H:%MZ) — \`bench/run.sh $DURATION $CONNECTIONS $BOOKINGS $SCENARIOS\`"
  echo
  echo "- machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr); server $("$JAVA_HOME/bin/java" -version 2>&1 | head -1) ${BENCH_JVM_OPTS--XX:+UseParallelGC}; wrk -t$THREADS on the same machine"
  echo "- $("$JAVA_HOME/bin/java" bench/Seed.java "$URL" "$BOOKINGS" "$BENCH_SEED")"
  echo
  if [[ $SCENARIOS == all ]]; then
    echo "| scenario | connections | requests/s | p50 ms | p90 ms | p99 ms | max ms | non-2xx |"
    echo "|---|---|---|---|---|---|---|---|"
    scenario "no-op JSON (GET /api/ping)" ping.lua
    scenario "availability search, 1 day" search.lua 1
    scenario "availability search, 7 days" search.lua 7
    scenario "booking request (most slots taken: 409)" book.lua
    scenario "no-op JSON again (drift check)" ping.lua
    # the same database, restarted without the answer cache: what computing every answer costs
    stop_server
    start_server ROOMTONE_AVAILABILITY_CACHED_SLOTS=0
    # a fresh JVM: give the JIT compiler time before measuring
    scenario "availability search, 1 day, answers not cached" search.lua 1 60
    scenario "availability search, 7 days, answers not cached" search.lua 7
    stop_server
    start_server
    echo
  fi
  # booking creation: every request takes a free slot of its own (rooms x engineers x days x times)
  echo "- $("$JAVA_HOME/bin/java" bench/Seed.java --create "$URL" "$BENCH_SEED" "$CREATE_ROOMS" $((2 * CONNECTIONS)))"
  echo 0 > "$BENCH_PLAN_OFFSET"
  echo
  echo "| scenario | connections | bookings created/s | requests/s | p50 ms | p90 ms | p99 ms | max ms | refused (non-201) | socket errors |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  # a longer first warm-up: the first run of the booking path on this JVM (in "create" mode, ever)
  creation "booking creation (POST /api/bookings, every slot free)" create.lua 20
  creation "hold -> convert (POST /api/holds, POST /api/bookings with hold_id; a pair is one booking)" hold.lua
  echo "- plan slots used: $(cat "$BENCH_PLAN_OFFSET") of $(grep -c '^slot ' "$BENCH_SEED")"
  echo
  echo "| scenario | connections | requests/s | p50 ms | p90 ms | p99 ms | max ms | non-2xx |"
  echo "|---|---|---|---|---|---|---|---|"
  scenario "no-op JSON, after the creation runs" ping.lua
  scenario "availability search, 1 day, after the creation runs" search.lua 1
} | tee bench/results/latest.md
