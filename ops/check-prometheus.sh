#!/usr/bin/env bash
# Checks the monitoring setup against running services with a real Prometheus (Debian's `prometheus`):
# the alert rules load, the three services are scraped, and the lag and outcome metrics arrive.
# Usage: ops/check-prometheus.sh [API_PORT WORKER_PORT NOTIFIER_PORT]   (defaults: local mode, 8080 8081 8082)
set -euo pipefail
cd "$(dirname "$0")"
api=${1:-8080}; worker=${2:-8081}; notifier=${3:-8082}
port=${PROMETHEUS_PORT:-9099}
command -v prometheus >/dev/null && command -v promtool >/dev/null || {
  echo "check-prometheus: prometheus and promtool are needed (apt-get install prometheus)" >&2; exit 2; }

work=$(mktemp -d)
pid=""  # set once Prometheus runs; the trap must work (under set -u) if anything fails before that
trap '[ -n "$pid" ] && { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; }; rm -rf "$work"' EXIT
cp prometheus/alerts.yml "$work/alerts.yml"
cat > "$work/prometheus.yml" <<CONFIG
global:
  scrape_interval: 2s
  evaluation_interval: 2s
rule_files:
  - $work/alerts.yml
scrape_configs:
  - job_name: push-api
    metrics_path: /actuator/prometheus
    static_configs: [{targets: ["127.0.0.1:$api"]}]
  - job_name: push-worker
    metrics_path: /actuator/prometheus
    static_configs: [{targets: ["127.0.0.1:$worker"]}]
  - job_name: notifier
    metrics_path: /actuator/prometheus
    static_configs: [{targets: ["127.0.0.1:$notifier"]}]
CONFIG

echo "== promtool check rules"
promtool check rules "$work/alerts.yml"
echo "== promtool check config"
promtool check config "$work/prometheus.yml"

prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/data" \
  --web.listen-address="127.0.0.1:$port" >"$work/prometheus.log" 2>&1 &
pid=$!

query() { curl -fsS --get "http://127.0.0.1:$port/api/v1/query" --data-urlencode "query=$1"; }
results() { python3 -c 'import json,sys; print(len(json.load(sys.stdin)["data"]["result"]))'; }

echo "== waiting for the three targets to be scraped"
for _ in $(seq 1 60); do
  up=$(query 'sum(up{job=~"push-api|push-worker|notifier"})' 2>/dev/null \
       | python3 -c 'import json,sys; r=json.load(sys.stdin)["data"]["result"]; print(int(float(r[0]["value"][1])) if r else 0)' 2>/dev/null || echo 0)
  [ "$up" = "3" ] && break
  sleep 1
done
[ "$up" = "3" ] || { echo "check-prometheus: only $up of 3 targets are up"; cat "$work/prometheus.log"; exit 1; }
echo "3 targets up"

fail=0
for metric in push_consumer_group_lag_records push_consumer_lag_seconds push_outcomes_total push_emails_total \
              push_outbox_backlog push_latency_seconds_bucket push_dead_letter_records push_notifications_pending \
              push_webhooks_pending push_webhooks_deliveries_total \
              kafka_consumer_fetch_manager_records_consumed_total; do
  n=0
  for _ in $(seq 1 30); do
    n=$(query "$metric" | results)
    [ "$n" -gt 0 ] && break
    sleep 1
  done
  printf '%-55s %s series\n' "$metric" "$n"
  [ "$n" -gt 0 ] || fail=1
done

echo "== lag as Prometheus has it"
query 'push_consumer_group_lag_records' | python3 -c '
import json,sys
for r in json.load(sys.stdin)["data"]["result"]:
    print("  push_consumer_group_lag_records{group=%s,topic=%s} = %s" % (r["metric"]["group"], r["metric"]["topic"], r["value"][1]))'

rules=$(curl -fsS "http://127.0.0.1:$port/api/v1/rules" | python3 -c 'import json,sys; print(sum(len(g["rules"]) for g in json.load(sys.stdin)["data"]["groups"]))')
echo "alert rules loaded by Prometheus: $rules"
[ "$rules" -ge 6 ] || fail=1

[ "$fail" = 0 ] && echo "check-prometheus: OK" || echo "check-prometheus: FAILED"
exit "$fail"
