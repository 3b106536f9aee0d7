#!/usr/bin/env bash
# Makes sure Debian's redis-server is installed: the eventbus-redis tests start their own
# redis-server processes on free localhost ports (never the packaged service on 6379).
# Idempotent: does nothing when redis-server is already on the PATH.
set -euo pipefail

if command -v redis-server >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "redis-server is missing and this script is not running as root." >&2
  echo "Install it with: sudo apt-get update && sudo apt-get install -y redis-server" >&2
  exit 1
fi
echo "redis-server is missing: installing Debian's redis-server package" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
# policy-rc.d refusing starts keeps apt from starting the packaged service on port 6379;
# the tests never use it either way.
created_policy=no
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
  chmod +x /usr/sbin/policy-rc.d
  created_policy=yes
fi
status=0
apt-get install -y -q --no-install-recommends redis-server || status=$?
if [ "$created_policy" = yes ]; then
  rm -f /usr/sbin/policy-rc.d
fi
if [ "$status" != 0 ]; then
  echo "installing redis-server failed (apt-get exit $status)" >&2
  exit "$status"
fi
command -v redis-server >/dev/null 2>&1 || {
  echo "redis-server is still not on the PATH after installing it" >&2
  exit 1
}
