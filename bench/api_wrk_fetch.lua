-- wrk: GET /v1/reports/{id} for the report ids of CREDO_BENCH_REPORTS in turn, with the API key.
local key = os.getenv("CREDO_BENCH_KEY")
local ids = {}
for line in io.lines(os.getenv("CREDO_BENCH_REPORTS")) do ids[#ids + 1] = line end
local i = 0
wrk.headers["Authorization"] = "Bearer " .. key
request = function()
  i = i % #ids + 1
  return wrk.format("GET", "/v1/reports/" .. ids[i])
end
