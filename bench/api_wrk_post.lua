-- wrk: POST the JSON bodies of CREDO_BENCH_BODIES (one per line) in turn, with the API key.
local key = os.getenv("CREDO_BENCH_KEY")
local bodies = {}
for line in io.lines(os.getenv("CREDO_BENCH_BODIES")) do bodies[#bodies + 1] = line end
local i = 0
wrk.method = "POST"
wrk.headers["Authorization"] = "Bearer " .. key
wrk.headers["Content-Type"] = "application/json"
request = function()
  i = i % #bodies + 1
  return wrk.format(nil, nil, nil, bodies[i])
end
