#!/usr/bin/env bash
# The benchmark: builds, then runs push-api, push-worker, notifier and a Kafka broker as separate
# processes against the PostgreSQL at 127.0.0.1:5432, with an SMTP server in its own process.
# Options: --domains=10000 --users=10 --serial=200 --pg=jdbc:postgresql://127.0.0.1:5432/postgres
#          --tracing=1.0 (sample that share of traces and export them to a Zipkin of the run's own)
#          --pairs=3 (then (a) and (b) alternating, on fresh domains each: the median (b)/(a) and its spread,
#          the figure the goal is on; 0: none)  --sink=in-process (the SMTP server in the harness, not apart)
#          scale [--reuse] [--domains=N] (a platform-sized database and every list timed: docs/performance.md)
#          migration [--domains=1000000] [--part=100000] [--baseline=10000] [--webhooks=batches] (one migration of a whole book)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -ntp -DskipTests package
exec java -Xmx2g -jar bench/target/domain-push-bench.jar "$@"
