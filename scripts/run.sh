#!/usr/bin/env bash
# Start the action server, wait until it is healthy, then the Rasa server and the widget's demo page.
# The terminal shows what a user needs: ready, the URLs, and errors (one line each). Everything else -
# each process's full log - is in var/ (bot/tools/launch.py keeps dependencies' deprecation warnings out of both).
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
mkdir -p var
launch=(.venv/bin/python -m bot.tools.launch)
echo "Starting the action server, the bot and the chat widget (full logs: var/actions.log, var/rasa.log, var/widget.log)..."
start=$(date +%s)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT INT TERM

# wait_until_up NAME URL PID LOG: wait for URL to answer; if PID exits or 2 minutes pass, show the log's end and stop.
wait_until_up() {
  for _ in $(seq 1 240); do
    if curl -sf "$2" >/dev/null; then return 0; fi
    if ! kill -0 "$3" 2>/dev/null; then break; fi
    sleep 0.5
  done
  echo "The $1 did not start (last lines of $4):"; tail -20 "$4"; exit 1
}

"${launch[@]}" --log var/actions.log run actions --actions actions -p "$actions_port" &
pids+=("$!")
wait_until_up "action server" "http://localhost:$actions_port/health" "$!" var/actions.log
echo "Action server ready on :$actions_port"

# The HTTP API stays off (only the channels in credentials.yml are exposed) unless RASA_API_TOKEN is set;
# then it is on and every API call needs ?token=... (the token is passed on, never printed).
api_args=()
if [ -n "${RASA_API_TOKEN:-}" ]; then api_args=(--enable-api --auth-token "$RASA_API_TOKEN"); fi
# shellcheck disable=SC2086 # one origin per word
"${launch[@]}" --log var/rasa.log run -m models/bot.tar.gz --endpoints endpoints.yml --credentials credentials.yml \
  -p "$port" --cors $cors_origins "${api_args[@]}" &
rasa_pid=$!
pids+=("$rasa_pid")
# The widget server writes the emergency numbers from data/content/resources.yml into widget.js; it
# stops at once if the table lacks them. With STAFF_TOKEN in the environment it also serves the staff page
# (/staff) from the same tracker store (var/tracker.db; TRACKER_DB_URL for another); the token is never printed.
.venv/bin/python -m bot widget --host 127.0.0.1 --port "$widget_port" --bot-url "http://localhost:$port" > var/widget.log 2>&1 &
pids+=("$!")
wait_until_up "chat widget" "http://localhost:$widget_port/health" "$!" var/widget.log
wait_until_up "Rasa server" "http://localhost:$port/" "$rasa_pid" var/rasa.log
echo "Bot ready on http://localhost:$port after $(( $(date +%s) - start )) s."
echo "Chat widget: http://localhost:$widget_port/   Terminal chat: 'make shell' in another terminal."
if [ -n "${STAFF_TOKEN:-}" ]; then echo "Staff page: http://localhost:$widget_port/staff (sign in with STAFF_TOKEN)"; fi
echo "Errors show here; the full logs are in var/. Ctrl-C stops everything."
wait "$rasa_pid"
