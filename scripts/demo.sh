#!/usr/bin/env bash
# The main job: builds everything, makes sure a Redis is running, starts the collector and the
# sample services (API server + worker, each with the agent attached and no telemetry code of
# their own) and a local stand-in for an AI service, submits a handful of jobs (one of them fails,
# one asks the stand-in over OkHttp) and prints each job's timeline.
#
#   EMP_REDIS_URL   Redis to use (default redis://127.0.0.1:6379; started here if nothing answers)
#   DEMO_SKIP_BUILD=1   reuse the jars of an earlier build
#   DEMO_AI_STANDIN_PORT  port of the AI service stand-in the llm job calls (default 8090)
#   --console       also serve the web console from the collector (EMP_COLLECTOR_CONSOLE_PORT, default 9466),
#                   print its address and keep everything running until Ctrl-C (docs/console.md)
set -euo pipefail
cd "$(dirname "$0")/.."
CONSOLE=false
for arg in "$@"; do [ "$arg" = --console ] && CONSOLE=true; done
. scripts/lib/prereqs.sh
require_java
require_maven

REDIS_URL=${EMP_REDIS_URL:-redis://127.0.0.1:6379}
AGENT=agent/target/emp-telemetry-agent.jar
COLLECTOR=collector/target/emp-collector.jar
LOGS=logs/demo
mkdir -p "$LOGS"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  [ -n "${STARTED_REDIS:-}" ] && redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
}
trap cleanup EXIT

if [ -z "${DEMO_SKIP_BUILD:-}" ]; then
  say "building (mvn package, tests skipped; 'bash scripts/test.sh' runs them)"
  mvn -q -B -ntp -DskipTests install
fi

# Redis: use the one that answers, else start one (installing redis-server when missing).
REDIS_HOSTPORT=${REDIS_URL#*://}; REDIS_HOSTPORT=${REDIS_HOSTPORT#*@}; REDIS_HOSTPORT=${REDIS_HOSTPORT%%/*}
REDIS_HOST=${REDIS_HOSTPORT%:*}; REDIS_PORT=${REDIS_HOSTPORT##*:}
if ! (exec 3<>"/dev/tcp/$REDIS_HOST/$REDIS_PORT") 2>/dev/null; then
  ensure_redis_server
  say "no Redis at $REDIS_HOST:$REDIS_PORT; starting redis-server there"
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
    --logfile "$PWD/$LOGS/redis.log" --dir "$PWD/$LOGS"
  STARTED_REDIS=1
  for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$REDIS_PORT") 2>/dev/null && break; sleep 0.1; done
fi
say "Redis: $REDIS_HOST:$REDIS_PORT"

export EMP_REDIS_URL=$REDIS_URL REDIS_URL
RUN_ID=$(date +%s)

say "starting a webhook receiver for the completion webhook of sample-services/reactions.yaml"
WEBHOOK_PORT=${DEMO_WEBHOOK_PORT:-9477}
java scripts/lib/WebhookEcho.java "$WEBHOOK_PORT" >"$LOGS/webhook.log" 2>&1 &
pids+=($!)
export EMP_DEMO_WEBHOOK_URL=http://127.0.0.1:$WEBHOOK_PORT/jobs/completed EMP_DEMO_WEBHOOK_SECRET=demo-secret

say "starting the collector (JSON lines in logs/telemetry/events.jsonl; reactions from sample-services/reactions.yaml)"
EMP_EXPORTERS=${EMP_EXPORTERS:-file} EMP_REACTIONS=${EMP_REACTIONS:-sample-services/reactions.yaml} \
  EMP_COLLECTOR_CONSOLE_ENABLED=$CONSOLE EMP_COLLECTOR_CONSOLE_PORT=${EMP_COLLECTOR_CONSOLE_PORT:-9466} \
  EMP_COLLECTOR_JAR=$COLLECTOR sh bin/emp-collector run >"$LOGS/collector.log" 2>&1 &
pids+=($!)
sleep 2 # the reactions group starts at the end of the streams: let it exist before the first job

say "starting the AI service stand-in (no agent: it plays a service outside the system; it logs the traceparent it gets)"
AI_STANDIN_PORT=${DEMO_AI_STANDIN_PORT:-8090} java -jar sample-services/ai-standin/target/ai-standin.jar \
  >"$LOGS/ai-standin.log" 2>&1 &
pids+=($!)
llm_url=""
for _ in $(seq 300); do
  llm_url=$(sed -n 's#.*ai-standin listening on \(http://[^ ]*\).*#\1#p' "$LOGS/ai-standin.log" | head -1)
  [ -n "$llm_url" ] && break
  sleep 0.1
done
[ -n "$llm_url" ] || { cat "$LOGS/ai-standin.log"; die "the AI stand-in did not start (log above)"; }
export LLM_URL=$llm_url

say "starting api-server and worker with the agent"
EMP_SERVICE_NAME=api-server API_PORT=0 java -javaagent:"$AGENT" -jar sample-services/api-server/target/api-server.jar \
  >"$LOGS/api-server.log" 2>&1 &
pids+=($!)
EMP_SERVICE_NAME=worker WORKER_ID=worker-demo-$RUN_ID java -javaagent:"$AGENT" -jar sample-services/worker/target/worker.jar \
  >"$LOGS/worker.log" 2>&1 &
pids+=($!)

port=""
for _ in $(seq 300); do
  port=$(sed -n 's#.*listening on http://127.0.0.1:\([0-9]*\).*#\1#p' "$LOGS/api-server.log" | head -1)
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { cat "$LOGS/api-server.log"; die "api-server did not start (log above)"; }
API=http://127.0.0.1:$port
say "api-server at $API"

submit() { # type payload maxRetries
  java_http POST "$API/jobs" "{\"type\":\"$1\",\"payload\":$2,\"maxRetries\":$3}" | sed -n 's/.*"id":"\([^"]*\)".*/\1/p'
}
java_http() { # method url [body] — curl when present, else bash's /dev/tcp
  if command -v curl >/dev/null 2>&1; then
    curl -sS -X "$1" -H 'content-type: application/json' ${3:+--data "$3"} "$2"
  else
    local hostport=${2#http://}; hostport=${hostport%%/*}; local path=/${2#http://*/}
    exec 4<>"/dev/tcp/${hostport%:*}/${hostport#*:}"
    printf '%s %s HTTP/1.0\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %s\r\n\r\n%s' \
      "$1" "$path" "$hostport" "${#3}" "${3:-}" >&4
    sed '1,/^\r$/d' <&4; exec 4<&-
  fi
}

jobs_=()
jobs_+=("$(submit echo '{"message":"hello"}' 0)")
jobs_+=("$(submit image-gen '{"prompt":"a lighthouse at dusk","steps":4,"model":"sdxl"}' 0)")
jobs_+=("$(submit flaky '{"fail":true}' 1)")
jobs_+=("$(submit echo '{"message":"second"}' 0)")
jobs_+=("$(submit llm '{"prompt":"describe a lighthouse at dusk","model":"standin-1"}' 0)")
say "submitted jobs: ${jobs_[*]}"

# A WebSocket client (sample-services' JobFollowerMain, no agent) follows the image job on the API
# server's /ws/jobs and prints each status it receives; the api-server's agent records the connection.
say "following job ${jobs_[1]} over a WebSocket (ws://127.0.0.1:$port/ws/jobs)"
java -cp sample-services/api-server/target/api-server.jar io.emp.sample.api.JobFollowerMain \
  "ws://127.0.0.1:$port/ws/jobs" "${jobs_[1]}" 60 2>"$LOGS/follower.log" | sed 's/^/  /' || true

for id in "${jobs_[@]}"; do
  for _ in $(seq 300); do
    status=$(java_http GET "$API/jobs/$id" | sed -n 's/.*"status":"\([^"]*\)".*/\1/p')
    case "$status" in completed|failed|COMPLETED|FAILED) break ;; esac
    sleep 0.1
  done
  say "job $id: $status"
done

sleep 2 # let the agents' writers flush and the reactions run (the flaky job's timeline ends with its scheduled retry)
for id in "${jobs_[@]}"; do
  java -jar "$COLLECTOR" timeline "$id" --redis "$REDIS_URL"
done
say "what the AI stand-in received (the llm job's trace id, and the span of its http.client.request):"
grep 'traceparent=' "$LOGS/ai-standin.log" | sed 's/^/  /' || true
say "job state kept by the reactions:"
for id in "${jobs_[@]}"; do
  echo "  job:$id:state  $(redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" hgetall "job:$id:state" 2>/dev/null | paste -sd' ' - || true)"
done
say "logs: $LOGS/  events exported by the collector: logs/telemetry/events.jsonl  webhooks: $LOGS/webhook.log"

if [ "$CONSOLE" = true ]; then
  url=$(sed -n 's#.*console on \(http://[^ ]*\).*#\1#p' "$LOGS/collector.log" | head -1)
  [ -n "$url" ] || { cat "$LOGS/collector.log"; die "the console did not start (collector log above)"; }
  say "console: $url  (api-server $API for more jobs; Ctrl-C stops everything)"
  sleep infinity & wait $!
fi
