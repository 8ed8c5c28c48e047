-- wrk script: at the end of a run, one line of JSON for bench/run.py (latencies in milliseconds).
-- WRK_PATHS (paths separated by spaces) makes each connection ask for them in turn instead of the URL's path.
local paths = {}
for path in (os.getenv("WRK_PATHS") or ""):gmatch("%S+") do
  paths[#paths + 1] = path
end
if #paths > 0 then
  local counter = 0
  request = function()
    counter = counter + 1
    return wrk.format(nil, paths[counter % #paths + 1])
  end
end

done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'WRK_RESULT {"requests": %d, "rps": %.2f, "p50_ms": %.3f, "p95_ms": %.3f, "p99_ms": %.3f, ' ..
    '"bad_status": %d, "socket_errors": %d}\n',
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    errors.status, errors.connect + errors.read + errors.write + errors.timeout))
end
