#!/usr/bin/env bash
# The scale-out profile on this machine: nginx round-robin over 2 Rasa replicas (each with SANIC_WORKERS
# workers) and 2 action servers, all sharing the PostgreSQL on 127.0.0.1:5432 (content store and tracker
# store) and the Redis on 127.0.0.1:6379 (lock store, webhook de-duplication). Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
lb_port=${CLUSTER_PORT:-8000}
actions_lb_port=${CLUSTER_ACTIONS_PORT:-8055}
rasa_ports=(5101 5102)
action_ports=(5151 5152)
widget_port=${WIDGET_PORT:-8080}
db=${CLUSTER_DB:-opioid_bot}
work=var/cluster
mkdir -p "$work"
export PYTHONWARNINGS=ignore SANIC_REQUEST_MAX_SIZE=1000000
export POSTGRES_HOST=${POSTGRES_HOST:-127.0.0.1} POSTGRES_PORT=${POSTGRES_PORT:-5432} POSTGRES_DB=$db
export POSTGRES_USER=${POSTGRES_USER:-postgres} POSTGRES_PASSWORD=${POSTGRES_PASSWORD:-}
export REDIS_HOST=${REDIS_HOST:-127.0.0.1} REDIS_PORT=${REDIS_PORT:-6379} REDIS_LOCK_DB=${REDIS_LOCK_DB:-1}
export REDIS_URL="redis://$REDIS_HOST:$REDIS_PORT/2"
export DATABASE_URL="postgresql://$POSTGRES_USER${POSTGRES_PASSWORD:+:$POSTGRES_PASSWORD}@$POSTGRES_HOST:$POSTGRES_PORT/$db"
export ACTION_ENDPOINT_URL="http://127.0.0.1:$actions_lb_port/webhook"
export TRACKER_DB_URL=$DATABASE_URL
# nginx passes the client's address on; trust exactly one proxy so the per-address rate limit sees it.
export SANIC_PROXIES_COUNT=1
# A replica killed while holding a conversation's lock frees it after this many seconds.
export TICKET_LOCK_LIFETIME=${TICKET_LOCK_LIFETIME:-15}
cors_origins=${CORS_ORIGINS:-"http://localhost:$widget_port http://127.0.0.1:$widget_port"}

.venv/bin/python -m bot cluster create-db --admin-url "postgresql://$POSTGRES_USER@$POSTGRES_HOST:$POSTGRES_PORT/postgres" --name "$db"
.venv/bin/python -m bot content load

pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true; }
trap cleanup EXIT INT TERM
wait_for() { for _ in $(seq 1 240); do curl -sf "$1" >/dev/null && return 0; sleep 0.5; done; echo "$1 did not come up" >&2; return 1; }

for p in "${action_ports[@]}"; do
  .venv/bin/rasa run actions --actions actions -p "$p" > "$work/actions-$p.log" 2>&1 &
  pids+=("$!")
done
.venv/bin/python -m bot cluster nginx-conf --listen "$lb_port" --rasa-ports "$(IFS=,; echo "${rasa_ports[*]}")" \
  --actions-listen "$actions_lb_port" --action-ports "$(IFS=,; echo "${action_ports[*]}")" --workdir "$work" > "$work/nginx.conf"
nginx -c "$(pwd)/$work/nginx.conf" -g 'daemon off;' &
pids+=("$!")
for p in "${action_ports[@]}"; do wait_for "http://127.0.0.1:$p/health"; done
start=$(date +%s)
for p in "${rasa_ports[@]}"; do
  # shellcheck disable=SC2086 # one origin per word
  SANIC_WORKERS=${SANIC_WORKERS:-2} .venv/bin/rasa run -m models/bot.tar.gz --endpoints deploy/cluster/endpoints.yml \
    --credentials credentials.yml -i 127.0.0.1 -p "$p" --cors $cors_origins > "$work/rasa-$p.log" 2>&1 &
  pids+=("$!")
done
for p in "${rasa_ports[@]}"; do wait_for "http://127.0.0.1:$p/"; done
.venv/bin/python -m bot widget --port "$widget_port" --bot-url "http://localhost:$lb_port" > "$work/widget.log" 2>&1 &
pids+=("$!")
echo "Cluster ready after $(( $(date +%s) - start )) s: nginx on http://localhost:$lb_port -> Rasa ${rasa_ports[*]}," \
     "actions ${action_ports[*]} (via :$actions_lb_port); PostgreSQL db '$db', Redis locks db $REDIS_LOCK_DB."
echo "Chat widget: http://localhost:$widget_port/   Logs: $work/"
wait "${pids[0]}"
