-- Shared by the booking-creation scripts (create.lua, hold.lua): reads the plan bench/Seed.java
-- --create appended to the seed file (the session, the bench clients, free slots in random order),
-- hands every request a slot no other request gets (also across wrk runs: the next free slot is
-- kept in BENCH_PLAN_OFFSET), counts 201s apart from everything else, and prints one Markdown row.
-- BENCH_SEED, BENCH_LABEL, BENCH_CONNECTIONS, BENCH_THREADS and BENCH_PLAN_OFFSET come from bench/run.sh.
clients, slots = {}, {}
for line in io.lines(os.getenv("BENCH_SEED")) do
  local kind, value = line:match("^(%a+) (.*)$")
  if kind == "slot" then table.insert(slots, value)
  elseif kind == "benchclient" then table.insert(clients, value)
  elseif kind == "benchservice" then service = value end
end
local offset_file = os.getenv("BENCH_PLAN_OFFSET")
local f = io.open(offset_file, "r")
offset = f and tonumber(f:read("*l")) or 0
if f then f:close() end

created, failed, last, exhausted, sample = 0, 0, 0, 0, ""
threads, next_index = {}, 0

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  stride = tonumber(os.getenv("BENCH_THREADS") or "1")
  next_index = offset + 1 + id
end

-- the next slot of this thread's share of the plan: plan index, room, staff, start, end, and the
-- client's bearer token (clients in turn, so concurrent requests are from different clients)
function take()
  local n = next_index
  if n > #slots then
    exhausted = exhausted + 1
    n = #slots
  else
    next_index = next_index + stride
    last = n
  end
  local room, staff, start_at, end_at = slots[n]:match("^(%S+) (%S+) (%S+) (%S+)$")
  return n, room, staff, start_at, end_at, clients[n % #clients + 1]
end

function booking(room, staff, start_at, end_at, hold)
  local body = string.format(
    '{"room_id":"%s","service_items":[{"service_id":"%s","qty":1}],"start_at":"%s","end_at":"%s","staff_ids":["%s"]',
    room, service, start_at, end_at, staff)
  if hold then body = body .. string.format(',"hold_id":"%s"', hold) end
  return body .. "}"
end

function headers(token, request_id)
  return {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. token,
    ["X-Request-Id"] = request_id,
  }
end

-- the X-Request-Id the server echoes: which request a response answers
function request_id(response_headers)
  for name, value in pairs(response_headers) do
    if name:lower() == "x-request-id" then return value end
  end
end

function refused(status, body)
  failed = failed + 1
  if sample == "" then sample = status .. " " .. body:sub(1, 300) end
end

function done(summary, latency, requests)
  local made, refusals, used, out_of_plan, why = 0, 0, offset, 0, ""
  for _, thread in ipairs(threads) do
    made = made + thread:get("created")
    refusals = refusals + thread:get("failed")
    out_of_plan = out_of_plan + thread:get("exhausted")
    used = math.max(used, thread:get("last"))
    if why == "" then why = thread:get("sample") end
  end
  local f = io.open(offset_file, "w")
  f:write(used, "\n")
  f:close()
  local seconds = summary.duration / 1e6
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("| %s | %s | %.0f | %.0f | %.1f | %.1f | %.1f | %.1f | %d | %d |\n",
    os.getenv("BENCH_LABEL"), os.getenv("BENCH_CONNECTIONS"), made / seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, refusals, errors))
  if why ~= "" then io.stderr:write(os.getenv("BENCH_LABEL"), ": first refusal: ", why, "\n") end
  if out_of_plan > 0 then
    io.stderr:write(os.getenv("BENCH_LABEL"), ": the plan ran out of free slots (", out_of_plan,
      " requests reused one): raise BENCH_CREATE_ROOMS\n")
  end
end
