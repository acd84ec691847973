-- POST /api/bookings, each for a free slot of the plan (its own room, engineer and time) by a bench
-- client, at a studio without approval: every request should be a 201. Created bookings/s counts
-- only the 201s; anything else is reported as refused.
dofile("bench/plan.lua")

function request()
  local n, room, staff, start_at, end_at, client = take()
  return wrk.format("POST", "/api/bookings", headers(client, "b" .. n), booking(room, staff, start_at, end_at))
end

function response(status, response_headers, body)
  if status == 201 then created = created + 1 else refused(status, body) end
end
