-- POST /api/availability/search for a random service on a random day of the next 80, for N days.
dofile("bench/common.lua")
local days = tonumber(os.getenv("BENCH_DAYS") or "1")
local headers = { ["Content-Type"] = "application/json" }

function request()
  local date = os.date("!%Y-%m-%d", os.time() + 86400 * math.random(1, 80))
  local service = services[math.random(1, #services)]
  local body = string.format('{"date":"%s","duration_min":60,"service_id":"%s","days":%d}', date, service, days)
  return wrk.format("POST", "/api/availability/search", headers, body)
end
