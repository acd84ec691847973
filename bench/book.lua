-- POST /api/bookings for a random 30-minute slot as a random client; most slots are taken already,
-- so most answers are 409 slot_unavailable: this measures the full request-and-refuse path.
dofile("bench/common.lua")

function request()
  local headers = {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. tokens[math.random(1, #tokens)],
  }
  return wrk.format("POST", "/api/bookings", headers, bookings[math.random(1, #bookings)])
end
