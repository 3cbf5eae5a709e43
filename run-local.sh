#!/usr/bin/env bash
# Local mode: builds if needed, then runs embedded PostgreSQL, a Kafka broker, an SMTP server and the
# three services in one process. Options: --demo (seed two resellers, push three domains, show emails).
set -euo pipefail
cd "$(dirname "$0")"
jar=local/target/local-0.1.0-SNAPSHOT-exec.jar
if [ ! -f "$jar" ] || [ -n "$(find push-core push-api push-worker notifier local -newer "$jar" -name '*.java' -o -newer "$jar" -name '*.yml' -o -newer "$jar" -name '*.sql' -o -newer "$jar" -name 'pom.xml' 2>/dev/null | head -n 1)" ]; then
  echo "[local] building (first run takes a few minutes) ..."
  ./mvnw -q -B -ntp -DskipTests package
fi
exec java -Xmx1g -jar "$jar" "$@"
