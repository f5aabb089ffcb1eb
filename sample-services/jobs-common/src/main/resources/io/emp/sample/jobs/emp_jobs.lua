#!lua name=emp_jobs
--
-- The job queue of the EMP sample services, as one Redis function library.
--
--   job:<id>               hash: id, type, payload (JSON), status, attempt, max_retries, priority, user_id,
--                          worker_id, machine_id, created_at, queued_at, claimed_at, completed_at, failed_at,
--                          updated_at, result (JSON), error, last_error, progress
--   jobs:pending:<type>    sorted set of pending job ids, scored by priority, then enqueue order
--                          (a higher priority is claimed first; equal priorities first in, first out)
--   jobs:seq               enqueue counter (scores), so "oldest" is exact even within one millisecond
--   jobs:delayed           sorted set of job ids whose retry is scheduled, scored by due time (ms);
--                          claim_job moves due ones back to their pending set
--
-- status: pending -> claimed -> completed | failed, or claimed -> pending again while retries remain;
-- failed -> retry_scheduled -> pending when something (the collector's reactions) calls retry_job.
-- Timestamps are epoch milliseconds from the server clock (TIME), so every client agrees.
-- Every write function returns the job hash as a flat array (HGETALL), or an empty array for "no job".
--
-- Standalone Redis only: claim_job learns which job:<id> it touches only after popping the id, so the
-- key cannot be declared up front as Redis Cluster would require.

local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

-- Priorities are integers from 0 to MAX_PRIORITY. The score puts each priority in its own band of
-- PRIORITY_BAND enqueue numbers (2^40), so scores stay exact doubles (below 2^53).
local MAX_PRIORITY = 9
local PRIORITY_BAND = 1099511627776

-- Puts the job at the end of its priority in its pending set; queued_at is when it entered the queue
-- (creation, a retry, a scheduled retry that came due), so claim_job's claimed_at - queued_at is its wait.
local function enqueue(pending_key, id, now)
  local priority = tonumber(redis.call('HGET', 'job:' .. id, 'priority') or '0') or 0
  redis.call('ZADD', pending_key, redis.call('INCR', 'jobs:seq') - priority * PRIORITY_BAND, id)
  redis.call('HSET', 'job:' .. id, 'queued_at', now)
end

local function require_arg(value, name)
  if value == nil or value == '' then
    error({ err = 'ERR_ARGS missing ' .. name })
  end
  return value
end

-- Errors a client can act on; the first word is the error code.
local function owned_by(job_key, worker_id)
  local fields = redis.call('HMGET', job_key, 'status', 'worker_id')
  local status, owner = fields[1], fields[2]
  if not status then
    return redis.error_reply('NO_JOB ' .. job_key .. ' does not exist')
  end
  if status ~= 'claimed' or owner ~= worker_id then
    return redis.error_reply('NOT_CLAIMED ' .. job_key .. ' is ' .. status .. ' (worker ' .. tostring(owner) .. ')')
  end
  return nil
end

-- KEYS: job:<id>, jobs:pending:<type>   ARGV: id, type, payload JSON, max_retries[, priority[, user_id]]
local function create_job(keys, args)
  local job_key, pending_key = keys[1], keys[2]
  local id = require_arg(args[1], 'id')
  local job_type = require_arg(args[2], 'type')
  local payload = args[3] or '{}'
  local max_retries = tonumber(args[4] or '0')
  if max_retries == nil or max_retries < 0 then
    return redis.error_reply('ERR_ARGS max_retries must be a non-negative integer')
  end
  local priority = tonumber(args[5] or '0')
  if priority == nil or priority < 0 or priority > MAX_PRIORITY or priority % 1 ~= 0 then
    return redis.error_reply('ERR_ARGS priority must be an integer from 0 to ' .. MAX_PRIORITY)
  end
  local user_id = args[6] or ''
  if pending_key ~= 'jobs:pending:' .. job_type then
    return redis.error_reply('ERR_ARGS pending key does not match type ' .. job_type)
  end
  if redis.call('EXISTS', job_key) == 1 then
    return redis.error_reply('JOB_EXISTS ' .. job_key .. ' already exists')
  end
  local now = now_ms()
  redis.call('HSET', job_key, 'id', id, 'type', job_type, 'payload', payload, 'status', 'pending',
    'attempt', 0, 'max_retries', max_retries, 'priority', priority, 'created_at', now, 'updated_at', now)
  if user_id ~= '' then
    redis.call('HSET', job_key, 'user_id', user_id)
  end
  enqueue(pending_key, id, now)
  return redis.call('HGETALL', job_key)
end

-- Moves retries that are due from jobs:delayed back to their pending sets.
local function promote_due(now)
  local due = redis.call('ZRANGEBYSCORE', 'jobs:delayed', '-inf', now, 'LIMIT', 0, 100)
  for _, id in ipairs(due) do
    redis.call('ZREM', 'jobs:delayed', id)
    local job_key = 'job:' .. id
    local job_type = redis.call('HGET', job_key, 'type')
    if job_type and redis.call('HGET', job_key, 'status') == 'retry_scheduled' then
      redis.call('HSET', job_key, 'status', 'pending', 'updated_at', now)
      enqueue('jobs:pending:' .. job_type, id, now)
    end
  end
end

-- KEYS: jobs:pending:<type> for each capability of the worker   ARGV: worker_id, machine_id
-- Claims the pending job of highest priority among those types, the oldest of that priority.
local function claim_job(keys, args)
  local worker_id = require_arg(args[1], 'worker_id')
  local machine_id = args[2] or ''
  promote_due(now_ms())
  while true do
    local best_key, best_score
    for _, key in ipairs(keys) do
      local head = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
      if head[1] then
        local score = tonumber(head[2])
        if best_score == nil or score < best_score then
          best_key, best_score = key, score
        end
      end
    end
    if best_key == nil then
      return {}
    end
    local id = redis.call('ZPOPMIN', best_key)[1]
    local job_key = 'job:' .. id
    -- An id whose hash was deleted (expired, cleaned up by hand) is dropped; try the next one.
    if redis.call('EXISTS', job_key) == 1 then
      local now = now_ms()
      redis.call('HSET', job_key, 'status', 'claimed', 'worker_id', worker_id, 'machine_id', machine_id,
        'claimed_at', now, 'updated_at', now)
      redis.call('HINCRBY', job_key, 'attempt', 1)
      return redis.call('HGETALL', job_key)
    end
  end
end

-- KEYS: job:<id>   ARGV: worker_id, result JSON
local function complete_job(keys, args)
  local job_key = keys[1]
  local worker_id = require_arg(args[1], 'worker_id')
  local rejected = owned_by(job_key, worker_id)
  if rejected then
    return rejected
  end
  local now = now_ms()
  redis.call('HSET', job_key, 'status', 'completed', 'result', args[2] or '{}', 'completed_at', now,
    'updated_at', now)
  return redis.call('HGETALL', job_key)
end

-- KEYS: job:<id>, jobs:pending:<type>   ARGV: worker_id, error message
-- Re-queues the job while attempts <= max_retries (the first run is not a retry), else marks it failed.
local function fail_job(keys, args)
  local job_key, pending_key = keys[1], keys[2]
  local worker_id = require_arg(args[1], 'worker_id')
  local message = args[2] or 'unknown error'
  local rejected = owned_by(job_key, worker_id)
  if rejected then
    return rejected
  end
  local fields = redis.call('HMGET', job_key, 'id', 'type', 'attempt', 'max_retries')
  local id, job_type = fields[1], fields[2]
  local attempt, max_retries = tonumber(fields[3]), tonumber(fields[4])
  if pending_key ~= 'jobs:pending:' .. job_type then
    return redis.error_reply('ERR_ARGS pending key does not match type ' .. job_type)
  end
  local now = now_ms()
  if attempt <= max_retries then
    redis.call('HSET', job_key, 'status', 'pending', 'last_error', message, 'updated_at', now)
    redis.call('HDEL', job_key, 'worker_id', 'machine_id', 'claimed_at', 'progress')
    enqueue(pending_key, id, now)
  else
    redis.call('HSET', job_key, 'status', 'failed', 'error', message, 'last_error', message,
      'failed_at', now, 'updated_at', now)
  end
  return redis.call('HGETALL', job_key)
end

-- KEYS: job:<id>   ARGV: delay_ms, max_attempts, reason
-- Schedules another attempt of a failed job after delay_ms, unless it already ran max_attempts times.
-- Returns the job hash; status retry_scheduled (with retry_at) when scheduled, unchanged otherwise.
local function retry_job(keys, args)
  local job_key = keys[1]
  local delay = tonumber(args[1] or '0')
  local max_attempts = tonumber(args[2] or '0')
  if delay == nil or delay < 0 or max_attempts == nil then
    return redis.error_reply('ERR_ARGS delay_ms and max_attempts must be numbers')
  end
  local fields = redis.call('HMGET', job_key, 'id', 'status', 'attempt')
  if not fields[1] then
    return redis.error_reply('NO_JOB ' .. job_key .. ' does not exist')
  end
  if fields[2] ~= 'failed' or tonumber(fields[3] or '0') >= max_attempts then
    return redis.call('HGETALL', job_key)
  end
  local now = now_ms()
  redis.call('HSET', job_key, 'status', 'retry_scheduled', 'retry_at', now + delay, 'retry_reason', args[3] or '',
    'updated_at', now)
  redis.call('HINCRBY', job_key, 'retries_scheduled', 1)
  redis.call('ZADD', 'jobs:delayed', now + delay, fields[1])
  return redis.call('HGETALL', job_key)
end

-- KEYS: job:<id>
local function get_job(keys, args)
  return redis.call('HGETALL', keys[1])
end

redis.register_function('create_job', create_job)
redis.register_function('claim_job', claim_job)
redis.register_function('complete_job', complete_job)
redis.register_function('fail_job', fail_job)
redis.register_function('retry_job', retry_job)
redis.register_function{ function_name = 'get_job', callback = get_job, flags = { 'no-writes' } }
