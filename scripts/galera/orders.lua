-- wrk script for scripts/galera/suite.sh's placement benchmark: POST /api/v1/orders of 1 kg each,
-- round-robin over the lots in $LOTS, each with its own Idempotency-Key (the key is required).
-- TOKEN: the buyer's bearer token; KEY_PREFIX: what keeps this run's keys apart from any other's.
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  lots = {}
  for lot in string.gmatch(os.getenv("LOTS"), "[^,]+") do
    lots[#lots + 1] = lot
  end
  prefix = os.getenv("KEY_PREFIX") .. "-" .. id .. "-"
  counter = 0
  headers = {["Authorization"] = "Bearer " .. os.getenv("TOKEN"), ["Content-Type"] = "application/json"}
end

function request()
  counter = counter + 1
  headers["Idempotency-Key"] = prefix .. counter
  local body = '{"lotId":"' .. lots[(counter % #lots) + 1] .. '","quantity":"1"}'
  return wrk.format("POST", "/api/v1/orders", headers, body)
end
