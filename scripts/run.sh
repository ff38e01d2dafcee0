#!/usr/bin/env bash
# Start the action server, wait until it is healthy, then the Rasa server and the widget's demo page.
# Ctrl-C (or the Rasa server exiting) stops all three.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${1:-5005}
actions_port=${2:-5055}
widget_port=${3:-8080}
# Sites allowed to call the bot from a browser (space-separated origins); the demo page's by default.
cors_origins=${CORS_ORIGINS:-"http://localhost:$widget_port http://127.0.0.1:$widget_port"}
# Bodies over 1 MB are refused with 413 before any of our code runs.
export SANIC_REQUEST_MAX_SIZE=${SANIC_REQUEST_MAX_SIZE:-1000000}
export PYTHONWARNINGS=ignore
mkdir -p var
start=$(date +%s)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT INT TERM

.venv/bin/rasa run actions --actions actions -p "$actions_port" > var/actions.log 2>&1 &
actions_pid=$!
pids+=("$actions_pid")

for _ in $(seq 1 120); do
  if curl -sf "http://localhost:$actions_port/health" >/dev/null; then break; fi
  if ! kill -0 "$actions_pid" 2>/dev/null; then echo "Action server failed to start:"; tail -20 var/actions.log; exit 1; fi
  sleep 0.5
done
echo "Action server ready on :$actions_port (log: var/actions.log)"

# The HTTP API stays off (only the channels in credentials.yml are exposed) unless RASA_API_TOKEN is set;
# then it is on and every API call needs ?token=... (the token is passed on, never printed).
api_args=()
if [ -n "${RASA_API_TOKEN:-}" ]; then api_args=(--enable-api --auth-token "$RASA_API_TOKEN"); fi
# shellcheck disable=SC2086 # one origin per word
.venv/bin/rasa run -m models/bot.tar.gz --endpoints endpoints.yml --credentials credentials.yml \
  -p "$port" --cors $cors_origins "${api_args[@]}" > >(tee var/rasa.log) 2>&1 &
rasa_pid=$!
pids+=("$rasa_pid")

.venv/bin/python -m bot widget --host 127.0.0.1 --port "$widget_port" --bot-url "http://localhost:$port" > var/widget.log 2>&1 &
pids+=("$!")

for _ in $(seq 1 240); do
  if curl -sf "http://localhost:$port/" >/dev/null; then
    echo "Bot ready on http://localhost:$port after $(( $(date +%s) - start )) s."
    echo "Open the chat widget at http://localhost:$widget_port/  (or 'make shell' in another terminal)"
    break
  fi
  if ! kill -0 "$rasa_pid" 2>/dev/null; then echo "Rasa server failed to start (see var/rasa.log)"; exit 1; fi
  sleep 0.5
done
wait "$rasa_pid"
