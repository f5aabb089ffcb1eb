#!/usr/bin/env bash
# Runs every test of the default suite (unit, real-Redis, forked-JVM agent and end-to-end tests).
# Long soaks and benchmarks have their own commands (docs/performance.md).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/prereqs.sh
require_java
require_maven
ensure_redis_server
ensure_chromium
exec mvn -B -ntp verify "$@"
