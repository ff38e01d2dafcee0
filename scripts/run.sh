#!/usr/bin/env bash
# Start the action server, wait until it is healthy, then run the Rasa server in
# the foreground. Ctrl-C (or the server exiting) stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${1:-5005}
actions_port=${2:-5055}
mkdir -p var
start=$(date +%s)

PYTHONWARNINGS=ignore .venv/bin/rasa run actions --actions actions -p "$actions_port" > var/actions.log 2>&1 &
actions_pid=$!
trap 'kill $actions_pid 2>/dev/null || true' EXIT INT TERM

for _ in $(seq 1 120); do
  if curl -sf "http://localhost:$actions_port/health" >/dev/null; then break; fi
  if ! kill -0 $actions_pid 2>/dev/null; then echo "Action server failed to start:"; tail -20 var/actions.log; exit 1; fi
  sleep 0.5
done
echo "Action server ready on :$actions_port (log: var/actions.log)"

# The HTTP API (--enable-api) stays off: only the channels in credentials.yml are exposed.
PYTHONWARNINGS=ignore .venv/bin/rasa run -m models/bot.tar.gz --endpoints endpoints.yml --credentials credentials.yml \
  -p "$port" --cors "http://localhost:$port" > >(tee var/rasa.log) 2>&1 &
rasa_pid=$!
trap 'kill $rasa_pid $actions_pid 2>/dev/null || true' EXIT INT TERM
for _ in $(seq 1 240); do
  if curl -sf "http://localhost:$port/" >/dev/null; then
    echo "Bot ready on http://localhost:$port after $(( $(date +%s) - start )) s."
    echo "Chat: 'make shell' in another terminal, or POST to http://localhost:$port/webhooks/rest/webhook"
    break
  fi
  if ! kill -0 $rasa_pid 2>/dev/null; then echo "Rasa server failed to start (see var/rasa.log)"; exit 1; fi
  sleep 0.5
done
wait $rasa_pid
