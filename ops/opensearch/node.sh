#!/usr/bin/env bash
# A single-node OpenSearch 2.19 for development and CI, from Maven Central artifacts (pom.xml; README.md here).
#   node.sh start   build if needed (Maven, cached in ~/.m2), start in the background, wait for green
#   node.sh stop    stop the node recorded in the PID file
#   node.sh status  say whether it runs
# Both start and stop are idempotent. Data, logs and the PID file live in $OPENSEARCH_HOME (default .opensearch/
# at the repository root, git-ignored). Heap: $OPENSEARCH_HEAP (default 512m).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
home="${OPENSEARCH_HOME:-$repo/.opensearch}"
port="${OPENSEARCH_PORT:-9200}"
transport_port="${OPENSEARCH_TRANSPORT_PORT:-9300}"
heap="${OPENSEARCH_HEAP:-512m}"
pid_file="$home/opensearch.pid"
log_file="$home/logs/opensearch.log"
url="http://127.0.0.1:$port"

running_pid() {
    # The recorded process, if it is still our node (a reused PID is not).
    [ -f "$pid_file" ] || return 1
    local pid
    pid="$(cat "$pid_file")"
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && grep -qa ru.noc.opensearch.SingleNode "/proc/$pid/cmdline" 2>/dev/null \
        && echo "$pid"
}

build() {
    local jar="$here/target/opensearch-node-1.jar"
    if [ ! -f "$jar" ] || [ "$here/pom.xml" -nt "$jar" ] || [ -n "$(find "$here/src" -newer "$jar" -type f)" ]; then
        echo "== building the OpenSearch node (Maven; the first build downloads ≈ 60 MB into ~/.m2)"
        mvn -q -B -Dstyle.color=never -f "$here/pom.xml" package
    fi
}

wait_status() {
    local pid="$1" status="$2"
    for _ in $(seq 1 180); do
        if curl -sf "$url/_cluster/health?wait_for_status=$status&timeout=1s" 2>/dev/null \
                | grep -q "\"status\":\"\(green\|$status\)\""; then
            return 0
        fi
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "OpenSearch exited while starting; the end of $log_file:" >&2
            tail -n 40 "$log_file" "$home/logs/stdout.log" >&2 2>/dev/null || true
            rm -f "$pid_file"
            return 1
        fi
        sleep 1
    done
    echo "OpenSearch did not turn $status within 180 s (see $log_file)" >&2
    return 1
}

no_replicas() {
    # One node can never hold a replica: every index (those already there, and those created later through the
    # template) gets none, so the cluster is green rather than yellow once its shards are up.
    curl -sf -o /dev/null -X PUT "$url/_template/single-node-no-replicas" -H 'Content-Type: application/json' \
        -d '{"index_patterns": ["*"], "order": -1, "settings": {"index.number_of_replicas": 0}}'
    curl -s -o /dev/null -X PUT "$url/_all/_settings" -H 'Content-Type: application/json' \
        -d '{"index.number_of_replicas": 0}'
}

wait_green() {
    wait_status "$1" yellow && no_replicas && wait_status "$1" green
}

start() {
    local pid
    if pid="$(running_pid)"; then
        wait_green "$pid"
        echo "OpenSearch already running at $url (PID $pid)"
        return 0
    fi
    if curl -s -o /dev/null "$url" 2>/dev/null; then
        echo "Something else answers at $url; not starting a second node there" >&2
        return 1
    fi
    build
    mkdir -p "$home/logs" "$home/data" "$home/tmp"
    # JVM options as OpenSearch's own jvm.options sets them (heap capped for a shared machine).
    nohup java -Xms"$heap" -Xmx"$heap" -XX:+UseG1GC -Djava.awt.headless=true -Dfile.encoding=UTF-8 \
        -Djava.locale.providers=SPI,COMPAT -Dio.netty.noUnsafe=true -Dio.netty.noKeySetOptimization=true \
        -Dio.netty.recycler.maxCapacityPerThread=0 -Dlog4j.shutdownHookEnabled=false -Dlog4j2.disable.jmx=true \
        -Djava.io.tmpdir="$home/tmp" \
        -cp "$here/target/classes:$here/target/lib/*" ru.noc.opensearch.SingleNode "$home" "$here/config" \
        "http.port=$port" "transport.port=$transport_port" > "$home/logs/stdout.log" 2>&1 < /dev/null &
    pid=$!
    echo "$pid" > "$pid_file"
    echo "== starting OpenSearch (PID $pid, log $log_file)"
    wait_green "$pid"
    echo "OpenSearch $(curl -s "$url" | sed -n 's/.*"number" *: *"\([^"]*\)".*/\1/p') is green at $url"
}

stop() {
    local pid
    if ! pid="$(running_pid)"; then
        rm -f "$pid_file"
        echo "OpenSearch is not running"
        return 0
    fi
    kill "$pid"
    for _ in $(seq 1 30); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 1
    done
    if kill -0 "$pid" 2>/dev/null; then
        echo "OpenSearch did not stop within 30 s; killing it" >&2
        kill -9 "$pid"
    fi
    rm -f "$pid_file"
    echo "OpenSearch stopped (PID $pid)"
}

status() {
    local pid
    if pid="$(running_pid)"; then echo "OpenSearch running at $url (PID $pid)"; else echo "OpenSearch is not running"; return 1; fi
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
