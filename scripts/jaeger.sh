#!/usr/bin/env bash
# Builds, starts and stops a local Jaeger v2 all-in-one for the end-to-end tests.
#
#   bash scripts/jaeger.sh install   # build the binary into the cache (no-op when present)
#   bash scripts/jaeger.sh start     # install if needed, start in the background, wait until healthy
#   bash scripts/jaeger.sh stop      # stop the instance started by `start`
#   bash scripts/jaeger.sh start-tail   # start the tail-sampling collector tier in front of it
#   bash scripts/jaeger.sh stop-tail    # stop the tier
#
# Every listener is bound to 127.0.0.1. Cache: ${OTEL_BOOTSTRAP_JAEGER_DIR:-$HOME/.cache/otel-bootstrap/jaeger}.
#
# Remote sampling: Jaeger answers on 127.0.0.1:5778 with probability 1 for every service, unless
# OTEL_BOOTSTRAP_JAEGER_SAMPLING_FILE names a strategies file (created with that default when
# missing), which Jaeger reloads every OTEL_BOOTSTRAP_JAEGER_SAMPLING_RELOAD (default 1s).
#
# Tail tier: the same binary as an OpenTelemetry collector, OTLP in on 127.0.0.1:4327 (gRPC) and
# 127.0.0.1:4328 (HTTP), health on 127.0.0.1:13134, the tail_sampling processor keeping every trace
# with an error, every trace slower than OTEL_BOOTSTRAP_TAIL_LATENCY_MS (default 1000) and
# OTEL_BOOTSTRAP_TAIL_PERCENT (default 10) percent of the rest once OTEL_BOOTSTRAP_TAIL_DECISION_WAIT
# (default 2s) has passed after a trace's first span, then OTLP out to the storage Jaeger on 4317.
set -euo pipefail

DIR="${OTEL_BOOTSTRAP_JAEGER_DIR:-$HOME/.cache/otel-bootstrap/jaeger}"
BIN="$DIR/bin/jaeger"
RUN_DIR="$DIR/run"
CONFIG="$RUN_DIR/config.yaml"
LOG="$RUN_DIR/jaeger.log"
PID_FILE="$RUN_DIR/jaeger.pid"
HOST=127.0.0.1

# Jaeger v2 lives in module github.com/jaegertracing/jaeger (v1.x tags) under cmd/jaeger.
JAEGER_MODULE=github.com/jaegertracing/jaeger
JAEGER_RELEASE_COMMIT=798e4b0fcf22609e381df764a01461affd813e1e # v2.20.0
JAEGER_MODULE_VERSION=v1.76.0                                   # same release, module version tag
SARAMA_VERSION=v1.33.0
STARTUP_SECONDS="${OTEL_BOOTSTRAP_JAEGER_STARTUP_SECONDS:-60}"
SAMPLING_FILE="${OTEL_BOOTSTRAP_JAEGER_SAMPLING_FILE:-}"
SAMPLING_RELOAD="${OTEL_BOOTSTRAP_JAEGER_SAMPLING_RELOAD:-1s}"
TAIL_CONFIG="$RUN_DIR/tail-config.yaml"
TAIL_LOG="$RUN_DIR/tail.log"
TAIL_PID_FILE="$RUN_DIR/tail.pid"

log() { printf '[jaeger.sh] %s\n' "$*" >&2; }

# run <command...>: runs a command; on failure prints it with its output and exits non-zero.
run() {
  local out
  if ! out="$("$@" 2>&1)"; then
    log "FAILED: $*"
    printf '%s\n' "$out" >&2
    exit 1
  fi
  [ -n "$out" ] && printf '%s\n' "$out" >&2
  return 0
}

install() {
  if [ -x "$BIN" ]; then
    log "binary present: $BIN"
    return 0
  fi
  command -v go >/dev/null 2>&1 || { log "FAILED: 'go' is not on PATH; install Go >= 1.24 to build Jaeger"; exit 1; }
  mkdir -p "$DIR/bin"

  log "path 1: GOBIN=$DIR/bin go install $JAEGER_MODULE/cmd/jaeger@$JAEGER_RELEASE_COMMIT"
  local out
  if out="$(GOBIN="$DIR/bin" go install "$JAEGER_MODULE/cmd/jaeger@$JAEGER_RELEASE_COMMIT" 2>&1)" && [ -x "$BIN" ]; then
    log "built with path 1 (go install at the v2.20.0 release commit): $BIN"
    return 0
  fi
  log "path 1 failed:"
  printf '%s\n' "$out" | tail -n 5 >&2

  log "path 2: throwaway module requiring $JAEGER_MODULE $JAEGER_MODULE_VERSION, go.sum seeded from Jaeger's own"
  local work
  work="$(mktemp -d "${TMPDIR:-/tmp}/jaegerbuild.XXXXXX")"
  # shellcheck disable=SC2064
  trap "rm -rf '$work'" RETURN
  cat >"$work/go.mod" <<GOMOD
module jaegerbuild

go 1.24

require $JAEGER_MODULE $JAEGER_MODULE_VERSION

replace github.com/Shopify/sarama => github.com/Shopify/sarama $SARAMA_VERSION
GOMOD
  cat >"$work/tools.go" <<'GOTOOLS'
//go:build tools

package tools

import _ "github.com/jaegertracing/jaeger/cmd/jaeger"
GOTOOLS

  local json module_dir
  if ! json="$(cd "$work" && go mod download -json "$JAEGER_MODULE@$JAEGER_MODULE_VERSION" 2>&1)"; then
    log "FAILED: go mod download -json $JAEGER_MODULE@$JAEGER_MODULE_VERSION"
    printf '%s\n' "$json" >&2
    exit 1
  fi
  module_dir="$(printf '%s' "$json" | python3 -c 'import json,sys; print(json.load(sys.stdin)["Dir"])')" || {
    log "FAILED: could not read .Dir from go mod download output:"
    printf '%s\n' "$json" >&2
    exit 1
  }
  [ -f "$module_dir/go.sum" ] || { log "FAILED: $module_dir/go.sum not found"; exit 1; }
  # Seeding go.sum with the checksums Jaeger itself pins keeps hash verification on while sparing
  # checksum-database lookups (some of which are unavailable from this network).
  cat "$module_dir/go.sum" >>"$work/go.sum"

  (cd "$work" && run go mod tidy)
  (cd "$work" && run go build -trimpath -o "$BIN" "$JAEGER_MODULE/cmd/jaeger")
  [ -x "$BIN" ] || { log "FAILED: go build finished but $BIN is missing"; exit 1; }
  log "built with path 2 (throwaway module, $JAEGER_MODULE $JAEGER_MODULE_VERSION): $BIN"
}

# The remote_sampling extension's file section: a fixed default, or the strategies file with reloads.
sampling_file_yaml() {
  if [ -z "$SAMPLING_FILE" ]; then
    printf '      default_sampling_probability: 1\n'
    return 0
  fi
  if [ ! -f "$SAMPLING_FILE" ]; then
    mkdir -p "$(dirname "$SAMPLING_FILE")"
    printf '{"default_strategy": {"type": "probabilistic", "param": 1}}\n' >"$SAMPLING_FILE"
  fi
  printf '      path: %s\n      reload_interval: %s\n' "$SAMPLING_FILE" "$SAMPLING_RELOAD"
}

write_config() {
  mkdir -p "$RUN_DIR"
  local sampling_file
  sampling_file="$(sampling_file_yaml)"
  cat >"$CONFIG" <<YAML
# Generated by scripts/jaeger.sh: Jaeger v2 all-in-one, in-memory storage, loopback only.
service:
  extensions: [jaeger_storage, jaeger_query, remote_sampling, healthcheckv2]
  pipelines:
    traces:
      receivers: [otlp, jaeger]
      processors: [batch]
      exporters: [jaeger_storage_exporter]
  telemetry:
    resource:
      service.name: jaeger
    metrics:
      level: none
    logs:
      level: info

extensions:
  jaeger_storage:
    backends:
      memstore:
        memory:
          max_traces: 100000
  jaeger_query:
    storage:
      traces: memstore
    enable_tracing: false
    http:
      endpoint: $HOST:16686
    grpc:
      endpoint: $HOST:16685
  remote_sampling:
    file:
$sampling_file
    http:
      endpoint: $HOST:5778
    grpc:
      endpoint: $HOST:5779
  healthcheckv2:
    use_v2: true
    http:
      endpoint: $HOST:13133

receivers:
  otlp:
    protocols:
      grpc:
        endpoint: $HOST:4317
      http:
        endpoint: $HOST:4318
  jaeger:
    protocols:
      thrift_compact:
        endpoint: $HOST:6831
      thrift_binary:
        endpoint: $HOST:6832
      thrift_http:
        endpoint: $HOST:14268

processors:
  batch:
    timeout: 200ms

exporters:
  jaeger_storage_exporter:
    trace_storage: memstore
YAML
}

running_pid() {
  [ -f "$PID_FILE" ] || return 1
  local pid
  pid="$(cat "$PID_FILE")"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && printf '%s' "$pid"
}

# http_ok <url>: succeeds when the URL answers 2xx within 2 s (curl, else python3).
http_ok() {
  if command -v curl >/dev/null 2>&1; then
    curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null
  else
    python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' "$1" 2>/dev/null
  fi
}

healthy() {
  # The health check extension and the query API both answer once the pipelines are up.
  http_ok "http://$HOST:13133/status" && http_ok "http://$HOST:16686/api/services"
}

start() {
  if pid="$(running_pid)"; then
    log "already running (pid $pid)"
    return 0
  fi
  [ -x "$BIN" ] || install
  write_config
  "$BIN" validate --config "file:$CONFIG" >"$LOG" 2>&1 || {
    log "FAILED: $BIN validate --config file:$CONFIG"
    tail -n 40 "$LOG" >&2
    exit 1
  }
  log "starting $BIN --config file:$CONFIG (log: $LOG)"
  nohup "$BIN" --config "file:$CONFIG" >"$LOG" 2>&1 </dev/null &
  local pid=$!
  echo "$pid" >"$PID_FILE"
  local deadline=$((SECONDS + STARTUP_SECONDS))
  while [ "$SECONDS" -lt "$deadline" ]; do
    if ! kill -0 "$pid" 2>/dev/null; then
      log "FAILED: jaeger exited during start-up; last log lines:"
      tail -n 40 "$LOG" >&2
      rm -f "$PID_FILE"
      exit 1
    fi
    if healthy; then
      log "healthy (pid $pid): query http://$HOST:16686, OTLP $HOST:4317/4318, Thrift UDP $HOST:6831/6832, Thrift HTTP $HOST:14268"
      return 0
    fi
    sleep 0.5
  done
  log "FAILED: jaeger not healthy within ${STARTUP_SECONDS}s; last log lines:"
  tail -n 40 "$LOG" >&2
  stop_pid "$pid"
  exit 1
}

stop_pid() {
  local pid=$1 pid_file=${2:-$PID_FILE} i
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "did not stop within 10 s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    for i in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
  fi
  rm -f "$pid_file"
}

stop() {
  local pid
  if pid="$(running_pid)"; then
    stop_pid "$pid"
    log "stopped (pid $pid)"
  else
    rm -f "$PID_FILE"
    log "not running"
  fi
}

write_tail_config() {
  mkdir -p "$RUN_DIR"
  cat >"$TAIL_CONFIG" <<YAML
# Generated by scripts/jaeger.sh: a tail-sampling collector tier in front of the storage Jaeger.
service:
  extensions: [healthcheckv2]
  pipelines:
    traces:
      receivers: [otlp]
      processors: [tail_sampling]
      exporters: [otlp]
  telemetry:
    metrics:
      level: none
    logs:
      level: info

extensions:
  healthcheckv2:
    use_v2: true
    http:
      endpoint: $HOST:13134

receivers:
  otlp:
    protocols:
      grpc:
        endpoint: $HOST:4327
      http:
        endpoint: $HOST:4328

processors:
  tail_sampling:
    decision_wait: ${OTEL_BOOTSTRAP_TAIL_DECISION_WAIT:-2s}
    num_traces: 100000
    expected_new_traces_per_sec: 1000
    policies:
      - name: errors
        type: status_code
        status_code:
          status_codes: [ERROR]
      - name: slow
        type: latency
        latency:
          threshold_ms: ${OTEL_BOOTSTRAP_TAIL_LATENCY_MS:-1000}
      - name: share-of-the-rest
        type: probabilistic
        probabilistic:
          sampling_percentage: ${OTEL_BOOTSTRAP_TAIL_PERCENT:-10}

exporters:
  otlp:
    endpoint: $HOST:4317
    tls:
      insecure: true
YAML
}

start_tail() {
  local pid
  if [ -f "$TAIL_PID_FILE" ] && pid="$(cat "$TAIL_PID_FILE")" && [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    log "tail tier already running (pid $pid)"
    return 0
  fi
  [ -x "$BIN" ] || install
  write_tail_config
  "$BIN" validate --config "file:$TAIL_CONFIG" >"$TAIL_LOG" 2>&1 || {
    log "FAILED: $BIN validate --config file:$TAIL_CONFIG"
    tail -n 40 "$TAIL_LOG" >&2
    exit 1
  }
  log "starting the tail tier: $BIN --config file:$TAIL_CONFIG (log: $TAIL_LOG)"
  nohup "$BIN" --config "file:$TAIL_CONFIG" >"$TAIL_LOG" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$TAIL_PID_FILE"
  local deadline=$((SECONDS + STARTUP_SECONDS))
  while [ "$SECONDS" -lt "$deadline" ]; do
    if ! kill -0 "$pid" 2>/dev/null; then
      log "FAILED: the tail tier exited during start-up; last log lines:"
      tail -n 40 "$TAIL_LOG" >&2
      rm -f "$TAIL_PID_FILE"
      exit 1
    fi
    if http_ok "http://$HOST:13134/status"; then
      log "tail tier healthy (pid $pid): OTLP $HOST:4327/4328 -> tail_sampling -> $HOST:4317"
      return 0
    fi
    sleep 0.5
  done
  log "FAILED: the tail tier was not healthy within ${STARTUP_SECONDS}s; last log lines:"
  tail -n 40 "$TAIL_LOG" >&2
  stop_pid "$pid" "$TAIL_PID_FILE"
  exit 1
}

stop_tail() {
  local pid
  if [ -f "$TAIL_PID_FILE" ] && pid="$(cat "$TAIL_PID_FILE")" && [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    stop_pid "$pid" "$TAIL_PID_FILE"
    log "tail tier stopped (pid $pid)"
  else
    rm -f "$TAIL_PID_FILE"
    log "tail tier not running"
  fi
}

case "${1:-}" in
  install) install ;;
  start) start ;;
  stop) stop ;;
  start-tail) start_tail ;;
  stop-tail) stop_tail ;;
  *)
    echo "usage: $0 install|start|stop|start-tail|stop-tail" >&2
    exit 2
    ;;
esac
