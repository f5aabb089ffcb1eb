-- wrk script for the sample api-server: creates an echo job (POST /jobs) and reads a created job back
-- (GET /jobs/{id}), the same mix as bench/LoadGenerator.java. Each wrk thread keeps a queue of the ids its
-- POSTs returned; a request is a GET when an id is waiting, else a POST (so about half and half).
local ids = {}
local head, tail = 1, 0
local post -- built on first use: wrk sets the Host header only after the script is loaded

request = function()
  if head <= tail then
    local id = ids[head]
    ids[head] = nil
    head = head + 1
    return wrk.format("GET", "/jobs/" .. id)
  end
  post = post or wrk.format("POST", "/jobs", { ["Content-Type"] = "application/json" },
    '{"type":"echo","payload":{"message":"side by side"},"maxRetries":0}')
  return post
end

response = function(status, headers, body)
  if status == 201 and body then
    local id = body:match('"id"%s*:%s*"([^"]+)"')
    if id and tail - head < 1000 then
      tail = tail + 1
      ids[tail] = id
    end
  end
end
