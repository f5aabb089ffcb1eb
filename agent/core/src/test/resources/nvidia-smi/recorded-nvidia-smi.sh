#!/bin/sh
# Plays back one recorded nvidia-smi answer (see README.md): installed by a test as <recording>.sh next to
# <recording>.csv (printed, exit 0) or <recording>.txt (printed, exit 9: what nvidia-smi does when the
# driver is not loaded). Any other arguments than the agent's one query fail, as nvidia-smi would.
expected='--query-gpu=index,name,uuid,driver_version,memory.total,memory.used,utilization.gpu,temperature.gpu,power.draw --format=csv,noheader,nounits'
if [ "$*" != "$expected" ]; then
  echo "recorded-nvidia-smi: unexpected arguments: $*" >&2
  exit 2
fi
base="${0%.sh}"
if [ -f "$base.txt" ]; then
  cat "$base.txt"
  exit 9
fi
cat "$base.csv"
