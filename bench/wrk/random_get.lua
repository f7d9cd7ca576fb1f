-- wrk -s bench/wrk/random_get.lua URL -- IDS_FILE: GET /api/connectors/{id} with an id drawn at
-- random from IDS_FILE (one a line) per request, so that most reads miss the server's connector
-- cache (8192 entries) and go to the store. The admin token comes from BENCH_TOKEN.
local ids = {}
local threads = 0

-- Each thread its own random sequence (two in step would fill the cache for each other).
function setup(thread)
  threads = threads + 1
  thread:set("seed", threads)
end

function init(args)
  for line in io.lines(args[1]) do
    if line ~= "" then ids[#ids + 1] = line end
  end
  math.randomseed(os.time() * 1000 + (seed or 0))
end

wrk.headers["Authorization"] = "Bearer " .. (os.getenv("BENCH_TOKEN") or "")

function request()
  return wrk.format("GET", "/api/connectors/" .. ids[math.random(#ids)])
end
