-- wrk script: every request reads the summary of a meeting drawn at random from the given ones.
--   wrk ... -s summaries.lua <base url> -- <meeting ids, comma-separated> <bearer token>
local meetings = {}
local authorization

function init(args)
  for id in string.gmatch(args[1], "[^,]+") do
    meetings[#meetings + 1] = id
  end
  authorization = "Bearer " .. args[2]
end

function request()
  return wrk.format("GET", "/api/v1/meetings/" .. meetings[math.random(#meetings)],
    { ["Authorization"] = authorization })
end
