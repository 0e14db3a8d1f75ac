#!/usr/bin/env bash
# Load on the public pages through gunicorn, measured with wrk from the same machine.
#   DATABASE_URL=... bash benchmarks/http_load.sh
# Run benchmarks/faceted_search.py first against the same database: it loads the data.
# Figures are indicative only: wrk and gunicorn share the machine's cores.
set -euo pipefail
cd "$(dirname "$0")/.."

export DATABASE_URL="${DATABASE_URL:-sqlite:////tmp/summitry-bench.sqlite3}"
export SECRET_KEY="${SECRET_KEY:-benchmark-only}" ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=false
PORT="${PORT:-8765}"
DURATION="${DURATION:-10s}"

command -v wrk >/dev/null || { echo "wrk is missing: sudo make system-packages" >&2; exit 1; }
.venv/bin/python manage.py collectstatic --noinput --verbosity 0
.venv/bin/gunicorn meetings.wsgi --bind "127.0.0.1:$PORT" --workers 2 --log-level warning &
server=$!
trap 'kill $server' EXIT
for _ in $(seq 50); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.2; done

seed=$(.venv/bin/python manage.py shell --verbosity 0 -c "from meetings.models import Meeting; \
print(Meeting.objects.get(external_id='kabar-2021-05-12-central-asia-china-foreign-ministers').slug)")
# Query strings are percent-encoded: gunicorn refuses raw UTF-8 in the request line.
for path in \
    "/" \
    "/meetings/" \
    "/meetings/?q=%D0%9A%D0%B8%D1%80%D0%B3%D0%B8%D0%B7%D0%B8%D0%B8" \
    "/meetings/?q=president+visit&country=US" \
    "/meetings/?country=KG&country=CN" \
    "/meetings/$seed/"; do
    printf '%-60s ' "$path"
    wrk -t2 -c8 -d"$DURATION" "http://127.0.0.1:$PORT$path" \
        | awk '/Requests\/sec/ {rps=$2} /Latency/ {lat=$2} /Non-2xx/ {bad=$NF} END {printf "%8s req/s  latency %s  non-2xx %s\n", rps, lat, bad+0}'
done
