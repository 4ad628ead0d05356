#!/usr/bin/env bash
# Proves the container image and docker/compose.yml on this machine with podman (run by hand or in a
# job of its own, not in every CI run; needs root and ../shared/containers/build-standins.sh done once):
# builds the image, brings the stack up with one api and one worker, checks both health checks, scales
# the workers to 3, runs docker/prove-journey.mjs (invites, selfies, a batch the 3 workers share, kill -9
# of one worker and SIGTERM of another mid-batch, approve, export download), creates an org with the
# operator CLI inside the image, then tears everything down.
set -euo pipefail
cd "$(dirname "$0")/.."
export PROJECT=teamframe
export TEAMFRAME_SECRET=${TEAMFRAME_SECRET:-$(head -c 48 /dev/urandom | base64 | tr -d '\n')}
export TEAMFRAME_ADMIN_EMAIL=owner@prove.test TEAMFRAME_ADMIN_PASSWORD=prove-passphrase-$RANDOM$RANDOM
export TEAMFRAME_PORT=${TEAMFRAME_PORT:-3300} SHUTDOWN_TIMEOUT_SECONDS=60
export PUBLIC_URL=http://127.0.0.1:$TEAMFRAME_PORT
compose() { podman-compose -p "$PROJECT" -f docker/compose.yml -f docker/prove.compose.yml "$@" >/tmp/teamframe-prove-compose.log 2>&1; }
say() { echo "[prove] $*"; }
teardown() { say "tearing down"; WORKER_REPLICAS=3 compose down -v || true; }
trap teardown EXIT

started=$(date +%s)
podman build --format docker -q -t teamframe:local -f docker/Dockerfile . >/dev/null
say "image built in $(( $(date +%s) - started )) s: $(podman image inspect teamframe:local --format '{{.Size}}' | awk '{printf "%.0f MB", $1/1e6}')"
say "runs as: $(podman run --rm --entrypoint id teamframe:local -un); node_modules $(podman run --rm --entrypoint du teamframe:local -sm /app/node_modules | cut -f1) MB"

WORKER_REPLICAS=1 compose up -d
wait_healthy() { # container
  for _ in $(seq 1 90); do podman exec "$1" node apps/api/dist/healthcheck.js >/dev/null 2>&1 && return 0; sleep 2; done
  say "$1 never became healthy:"; podman exec "$1" node apps/api/dist/healthcheck.js || true; podman logs --tail 30 "$1"; exit 1
}
wait_healthy ${PROJECT}_api_1
wait_healthy ${PROJECT}_worker_1
say "api healthy: $(curl -s "$PUBLIC_URL/api/health")"
say "worker healthy: $(podman exec ${PROJECT}_worker_1 node -e "fetch('http://127.0.0.1:3001/health').then(r=>r.text()).then(console.log)")"

WORKER_REPLICAS=3 compose up -d
wait_healthy ${PROJECT}_worker_2
wait_healthy ${PROJECT}_worker_3
say "scaled to 3 workers: $(podman ps --format '{{.Names}}' | grep -c "${PROJECT}_worker_") running"

BASE_URL=$PUBLIC_URL ADMIN_EMAIL=$TEAMFRAME_ADMIN_EMAIL ADMIN_PASSWORD=$TEAMFRAME_ADMIN_PASSWORD \
  PORTRAITS=${PORTRAITS:-$(cd .. && pwd)/shared/testdata/portraits} node docker/prove-journey.mjs
# The operator's CLI inside the image. Its database connection gives up after 5 s, which this loaded
# machine has exceeded while three workers load their models, so it is tried up to three times.
for attempt in 1 2 3; do
  podman exec ${PROJECT}_api_1 teamframe org create --name "Prove Subsidiary" --owner boss@prove-sub.test --max-employees 50 >/dev/null && break
  [ $attempt = 3 ] && exit 1; sleep 5
done
say "operator CLI in the image: teamframe org list → $(podman exec ${PROJECT}_api_1 teamframe org list | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).map(o=>o.slug+" (max "+o.quotas.maxEmployees+" employees)").join(", ")))')"
say "PASSED in $(( $(date +%s) - started )) s"
