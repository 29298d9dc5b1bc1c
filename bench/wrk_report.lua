-- wrk script for bench/run.py: counts every response that is not 2xx (wrk itself counts
-- only 4xx/5xx) and prints the summary as one JSON line that run.py reads. Given a status
-- after `--` (e.g. 304 for a revalidation), every other status counts instead.
-- With WRK_PATHS set (paths separated by spaces), requests go to each path in turn.
local threads = {}

local paths = {}
for path in (os.getenv("WRK_PATHS") or ""):gmatch("%S+") do
  table.insert(paths, path)
end
if #paths > 0 then
  local sent = 0
  request = function()
    sent = sent + 1
    return wrk.format("GET", paths[(sent % #paths) + 1])
  end
end

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  not_2xx = 0
  expected = tonumber(args[1])
end

function response(status, headers, body)
  if expected then
    if status ~= expected then
      not_2xx = not_2xx + 1
    end
  elseif status < 200 or status > 299 then
    not_2xx = not_2xx + 1
  end
end

function done(summary, latency, requests)
  local not_ok = 0
  for _, thread in ipairs(threads) do
    not_ok = not_ok + thread:get("not_2xx")
  end
  local errors = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %.0f, "duration_us": %.0f, "bytes": %.0f, "not_2xx": %.0f, '
      .. '"connect_errors": %.0f, "read_errors": %.0f, "write_errors": %.0f, "timeouts": %.0f, '
      .. '"p50_us": %.0f, "p90_us": %.0f, "p99_us": %.0f, "max_us": %.0f, "mean_us": %.1f}\n',
    summary.requests, summary.duration, summary.bytes, not_ok,
    errors.connect, errors.read, errors.write, errors.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max, latency.mean
  ))
end
