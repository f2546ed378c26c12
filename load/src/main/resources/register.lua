-- wrk script: every request registers a new person (fresh registration id and email), spread
-- round robin over the meetings given as the first argument (comma separated); the bearer token
-- is the second argument. Counts the answers by status so that the benchmark can compare them
-- with the read model afterwards.
local threads = {}
local next_thread = 0

function setup(thread)
  thread:set("number", next_thread)
  next_thread = next_thread + 1
  table.insert(threads, thread)
end

function init(args)
  meetings = {}
  for meeting in string.gmatch(args[1], "[^,]+") do
    table.insert(meetings, meeting)
  end
  headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. args[2] }
  run = args[3]
  math.randomseed(os.time() * 1000 + number)
  sent = 0
  created = 0
  busy = 0
  other = 0
end

local function uuid()
  return string.format("%08x-%04x-4%03x-%04x-%012x", math.random(0, 0xffffffff), math.random(0, 0xffff),
      math.random(0, 0xfff), 0x8000 + math.random(0, 0x3fff), math.random(0, 0xffffffffffff))
end

function request()
  sent = sent + 1
  local meeting = meetings[(sent + number) % #meetings + 1]
  local body = string.format(
      '{"registrationId":"%s","participant":{"name":"Teilnehmerin %d-%d","email":"w%s-%d-%d@example.org"}}',
      uuid(), number, sent, run, number, sent)
  return wrk.format("POST", "/api/v1/meetings/" .. meeting .. "/registrations", headers, body)
end

function response(status, headers, body)
  if status == 201 then
    created = created + 1
  elseif status == 503 then
    busy = busy + 1
  else
    other = other + 1
    if other <= 3 then
      io.stderr:write("unexpected answer " .. status .. ": " .. body .. "\n")
    end
  end
end

function done(summary, latency, requests)
  local c, b, o = 0, 0, 0
  for _, thread in ipairs(threads) do
    c = c + thread:get("created")
    b = b + thread:get("busy")
    o = o + thread:get("other")
  end
  io.write(string.format("ANSWERS created=%d busy=%d other=%d\n", c, b, o))
  for _, p in ipairs({ 50, 95, 99 }) do
    io.write(string.format("PERCENTILE %d %.3f\n", p, latency:percentile(p) / 1000.0))
  end
  io.write(string.format("PERCENTILE 100 %.3f\n", latency.max / 1000.0))
end
