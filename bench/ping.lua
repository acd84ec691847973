dofile("bench/common.lua")
wrk.method = "GET"
wrk.path = "/api/ping"
