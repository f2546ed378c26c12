-- wrk script: every request reads a page of 50 of the organisation's meetings, soonest first, at a
-- random place.
--   wrk ... -s meetings.lua <base url> -- <bearer token> <meetings of the organisation>
local authorization
local meetings

function init(args)
  authorization = "Bearer " .. args[1]
  meetings = tonumber(args[2])
end

function request()
  return wrk.format("GET", "/api/v1/meetings?offset=" .. math.random(0, math.max(0, meetings - 50)) .. "&limit=50",
    { ["Authorization"] = authorization })
end
