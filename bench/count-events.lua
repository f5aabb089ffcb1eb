-- Counts what the agent wrote to one stream, server-side (no entries cross the wire):
-- returns {entries, drop_reports, dropped, type1, n1, type2, n2, ...}. Used by scripts/bench.sh
-- after a leg, when nothing writes any more; reads the stream in pages of 1000.
local by_type, order = {}, {}
local entries, reports, dropped, cursor = 0, 0, 0, '-'
while true do
  local page = redis.call('XRANGE', KEYS[1], cursor, '+', 'COUNT', 1000)
  if #page == 0 then break end
  for _, entry in ipairs(page) do
    local fields, event_type, data = entry[2], '?', nil
    for i = 1, #fields, 2 do
      if fields[i] == 'eventType' then event_type = fields[i + 1]
      elseif fields[i] == 'data' then data = fields[i + 1] end
    end
    entries = entries + 1
    if not by_type[event_type] then by_type[event_type] = 0; order[#order + 1] = event_type end
    by_type[event_type] = by_type[event_type] + 1
    if event_type == 'telemetry.events_dropped' and data then
      reports = reports + 1
      local ok, decoded = pcall(cjson.decode, data)
      if ok and type(decoded) == 'table' and tonumber(decoded.dropped) then dropped = dropped + tonumber(decoded.dropped) end
    end
  end
  cursor = '(' .. page[#page][1]
end
local out = {entries, reports, dropped}
for _, t in ipairs(order) do out[#out + 1] = t; out[#out + 1] = by_type[t] end
return out
