-- wrk script: every request reads a page of 50 of a meeting drawn at random from the given ones:
-- its registrations, its confirmed registrations or its waiting list, at a random place.
--   wrk ... -s pages.lua <base url> -- <meeting ids, comma-separated> <bearer token>
--       <registrations per meeting> <confirmed per meeting> <waiting per meeting>
local meetings = {}
local authorization
local sizes

function init(args)
  for id in string.gmatch(args[1], "[^,]+") do
    meetings[#meetings + 1] = id
  end
  authorization = "Bearer " .. args[2]
  sizes = { tonumber(args[3]), tonumber(args[4]), tonumber(args[5]) }
end

local paths = { "/registrations?", "/registrations?status=CONFIRMED&", "/waiting-list?" }

function request()
  local kind = math.random(3)
  local offset = math.random(0, math.max(0, sizes[kind] - 50))
  return wrk.format("GET", "/api/v1/meetings/" .. meetings[math.random(#meetings)] .. paths[kind]
    .. "offset=" .. offset .. "&limit=50", { ["Authorization"] = authorization })
end
