# A private redis-server for one benchmark run: free loopback port (never 6379), no persistence,
# data and log in $WORK. Sourced by scripts/bench.sh (needs say/die, $WORK).

REDIS_PID=
REDIS_PORT=

free_port() {
  local p
  for _ in $(seq 1 50); do
    p=$(( 20000 + RANDOM % 20000 ))
    [ "$p" = 6379 ] && continue
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
  done
  die "no free loopback port found"
}

start_redis() {
  REDIS_PORT=$(free_port)
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no \
    --dir "$WORK" --logfile "$WORK/redis.log" &
  REDIS_PID=$!
  for _ in $(seq 1 100); do
    [ "$(redis-cli -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ] && { say "redis-server on 127.0.0.1:$REDIS_PORT"; return 0; }
    sleep 0.05
  done
  die "redis-server did not start on port $REDIS_PORT ($(tail -3 "$WORK/redis.log" 2>/dev/null))"
}

stop_redis() {
  if [ -n "$REDIS_PID" ] && kill -0 "$REDIS_PID" 2>/dev/null; then
    kill "$REDIS_PID" 2>/dev/null || true
    wait "$REDIS_PID" 2>/dev/null || true
  fi
  REDIS_PID=
}

rcli() { redis-cli -p "$REDIS_PORT" "$@"; }
redis_url() { echo "redis://127.0.0.1:$REDIS_PORT"; }
