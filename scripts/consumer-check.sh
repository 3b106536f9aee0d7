#!/usr/bin/env bash
# Checks the release as a new user meets it: deploys the published modules to a file repository,
# builds scripts/consumer-project (a brand-new Spring Boot application that imports only
# eventbus-bom and eventbus-spring-boot-starter) against it with an empty local repository, runs
# it, and asks it over HTTP whether a @Subscribe method received an event and whether the health
# shows eventBus UP. Needs Maven Central (the empty local repository fetches Spring Boot) and a
# free port. Leaves the project's own ~/.m2 untouched. Usage: scripts/consumer-check.sh [workdir]
set -euo pipefail
cd "$(dirname "$0")/.."
work="${1:-$(mktemp -d)}"
mkdir -p "$work"
repo="$work/repo"
echo "== deploying the published modules to file://$repo"
mvn -B -q -DskipTests deploy -DaltDeploymentRepository="consumer-check::default::file://$repo"
echo "   deployed: $(find "$repo" -name '*.jar' | wc -l) jars ($(find "$repo" -name '*-sources.jar' | wc -l) sources, $(find "$repo" -name '*-javadoc.jar' | wc -l) javadoc)"

rm -rf "$work/project"
cp -r scripts/consumer-project "$work/project"
cd "$work/project"
echo "== building the consumer project with an empty local repository ($work/m2)"
mvn -B -q -Dmaven.repo.local="$work/m2" -Deventbus.repo="file://$repo" package

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
java -jar target/greetings-1.0.jar --server.port="$port" >"$work/app.log" 2>&1 &
app=$!
trap 'kill "$app" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -fs "http://localhost:$port/actuator/health" >/dev/null 2>&1 && break
  kill -0 "$app" 2>/dev/null || { cat "$work/app.log"; echo "the application died" >&2; exit 1; }
  sleep 1
done
echo "== POST /greet/ada"
curl -fsS -X POST "http://localhost:$port/greet/ada"; echo
echo "== GET /guestbook"
guestbook="$(curl -fsS "http://localhost:$port/guestbook")"
echo "$guestbook"
echo "== GET /actuator/health"
health="$(curl -fsS "http://localhost:$port/actuator/health")"
echo "$health"
status="$(printf '%s' "$health" | python3 -c 'import json,sys; print(json.load(sys.stdin)["components"]["eventBus"]["status"])')"
if [ "$guestbook" = '["ada"]' ] && [ "$status" = UP ]; then
  echo "consumer check passed: the @Subscribe method received the event and eventBus is UP"
else
  echo "consumer check FAILED: guestbook=$guestbook eventBus=$status (log: $work/app.log)" >&2
  exit 1
fi
