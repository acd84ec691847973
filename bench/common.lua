-- Shared by the bench scripts: reads what bench/Seed.java wrote, and prints one Markdown table row
-- when wrk is done. BENCH_SEED, BENCH_LABEL and BENCH_CONNECTIONS come from bench/run.sh.
services, tokens, bookings = {}, {}, {}
for line in io.lines(os.getenv("BENCH_SEED")) do
  local kind, value = line:match("^(%a+) (.*)$")
  if kind == "service" then table.insert(services, value)
  elseif kind == "token" then table.insert(tokens, value)
  elseif kind == "booking" then table.insert(bookings, value) end
end

function setup(thread)
  thread:set("seed", math.random(1, 1000000))
end

function init(args)
  math.randomseed(seed)
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local failed = summary.errors.status + summary.errors.connect + summary.errors.read
      + summary.errors.write + summary.errors.timeout
  io.write(string.format("| %s | %s | %.0f | %.1f | %.1f | %.1f | %.1f | %d |\n",
    os.getenv("BENCH_LABEL"), os.getenv("BENCH_CONNECTIONS"), summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, failed))
end
