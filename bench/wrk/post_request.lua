-- wrk -s bench/wrk/post_request.lua: POST the body of datahub's /request to whatever URL wrk
-- is given (datahub-server's /api/connectors/{id}/request, or nginx's /proxy). The admin token
-- comes from BENCH_TOKEN; nginx ignores it.
wrk.method = "POST"
wrk.body = '{"method":"GET","path":"/data.json"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("BENCH_TOKEN") or "")
