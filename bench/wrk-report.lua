-- wrk script for bench/run. Adds the request's credentials from the
-- environment (BENCH_COOKIE: a staff session cookie; BENCH_AUTHORIZATION:
-- "Bearer " and an API token) and prints the figures bench/run reads, one
-- "BENCH key value" a line. Answers are not looked at one by one (that would
-- cost wrk more than the small answers it measures): wrk counts those that
-- are not 2xx or 3xx, and bench/run checks with curl before and after each
-- run that the URL answers 200 with the same credentials, so that a lost
-- session (a 303 to the sign-in page) cannot pass for a page.

local cookie = os.getenv("BENCH_COOKIE")
local authorization = os.getenv("BENCH_AUTHORIZATION")
if cookie and cookie ~= "" then wrk.headers["Cookie"] = cookie end
if authorization and authorization ~= "" then wrk.headers["Authorization"] = authorization end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format("BENCH requests %d\n", summary.requests))
  io.write(string.format("BENCH rps %.1f\n", summary.requests / (summary.duration / 1e6)))
  io.write(string.format("BENCH p50_us %d\n", latency:percentile(50)))
  io.write(string.format("BENCH p99_us %d\n", latency:percentile(99)))
  io.write(string.format("BENCH not_2xx_3xx %d\n", errors.status))
  io.write(string.format("BENCH socket_errors %d\n", errors.connect + errors.read + errors.write + errors.timeout))
end
