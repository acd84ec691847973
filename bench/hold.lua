-- Hold, then convert: POST /api/holds for a free slot of the plan, then POST /api/bookings with its
-- hold_id by the same client. A completed pair counts as one booking; latency is per request (two
-- per booking). wrk does not say which connection answers, so a request carries X-Request-Id (the
-- server echoes it) naming its plan slot, and a placed hold waits in a queue for the next request.
dofile("bench/plan.lua")
local placing, ready = {}, {}

function request()
  local hold = table.remove(ready)
  if hold then
    return wrk.format("POST", "/api/bookings", headers(hold.client, "c" .. hold.n),
      booking(hold.room, hold.staff, hold.start_at, hold.end_at, hold.id))
  end
  local n, room, staff, start_at, end_at, client = take()
  placing["h" .. n] = { n = n, room = room, staff = staff, start_at = start_at, end_at = end_at, client = client }
  local body = string.format('{"room_id":"%s","service_id":"%s","start_at":"%s","end_at":"%s","staff_ids":["%s"]}',
    room, service, start_at, end_at, staff)
  return wrk.format("POST", "/api/holds", headers(client, "h" .. n), body)
end

function response(status, response_headers, body)
  local id = request_id(response_headers) or ""
  if id:sub(1, 1) == "h" then
    local hold = placing[id]
    placing[id] = nil
    if status == 201 and hold then
      hold.id = body:match('"hold_id":"([0-9a-f-]+)"')
      table.insert(ready, hold)
    else
      refused(status, body)
    end
  elseif status == 201 then
    created = created + 1
  else
    refused(status, body)
  end
end
