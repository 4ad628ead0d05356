#!/usr/bin/env bash
# Makes sure what the tests talk to is there and answering: PostgreSQL on 127.0.0.1:5432, Redis on
# 127.0.0.1:6379, Debian's chromium and kubectl. Starts them when stopped; installs them with apt when absent.
set -euo pipefail

log() { echo "[services] $*"; }
apt_updated=0
apt_install() {
  if [ "$(id -u)" != 0 ]; then echo "[services] need root to apt-get install $*" >&2; exit 1; fi
  if [ $apt_updated = 0 ]; then DEBIAN_FRONTEND=noninteractive apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
wait_for() { # name, command
  for _ in $(seq 1 30); do if eval "$2" >/dev/null 2>&1; then return 0; fi; sleep 1; done
  echo "[services] $1 did not come up" >&2; exit 1
}

# PostgreSQL
if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
    log "installing postgresql"; apt_install postgresql
  fi
  ver=$(ls /etc/postgresql | sort -V | tail -1)
  # Tests connect over TCP as postgres without a password (trust on loopback, as on this machine kind).
  hba=/etc/postgresql/$ver/main/pg_hba.conf
  if ! grep -qE '^host\s+all\s+all\s+127\.0\.0\.1/32\s+trust' "$hba"; then
    sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$hba"
  fi
  log "starting postgresql $ver"
  pg_ctlcluster --skip-systemctl-redirect "$ver" main start || true
  wait_for postgresql "pg_isready -q -h 127.0.0.1 -p 5432"
fi
log "postgresql answers on 127.0.0.1:5432"

# Redis
if ! (command -v redis-cli >/dev/null && redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG); then
  command -v redis-server >/dev/null || { log "installing redis"; apt_install redis-server; }
  log "starting redis"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null
  wait_for redis "redis-cli -h 127.0.0.1 -p 6379 ping | grep -q PONG"
fi
log "redis answers on 127.0.0.1:6379"

# unzip: the export tests open the ZIPs marketing downloads
command -v unzip >/dev/null || { log "installing unzip"; apt_install unzip; }

# kubectl (its built-in kustomize renders deploy/k8s for the manifest spec): Debian's kubernetes-client
command -v kubectl >/dev/null || { log "installing kubernetes-client"; apt_install kubernetes-client; }

# Chromium for the e2e journeys (never a downloaded browser build)
if [ ! -x /usr/bin/chromium ]; then
  log "installing chromium"; apt_install chromium fonts-dejavu-core
fi
log "chromium: $(/usr/bin/chromium --version 2>/dev/null | head -1)"

# The S3-compatible server of the object-storage specs is s3rver, an npm devDependency that each spec
# starts on a free loopback port: `npm ci` installs it, nothing runs beforehand. Check it is there.
if ! node -e "require.resolve('s3rver')" >/dev/null 2>&1; then
  echo "[services] s3rver (npm) is missing: run npm ci first" >&2; exit 1
fi
log "s3rver (S3-compatible test server) installed; the specs start it on loopback"
