#!/usr/bin/env bash
# The history store's write rate, table sizes and fleet read time (issue 33): N checks × R replicas over H hours
# simulated on the fake clock against the shared Postgres at 127.0.0.1:5432 (a database of its own, dropped after).
#   bash bench/history-store.sh                       (1,000 checks, 2 replicas, 24 h: about 3 to 5 min)
#   BENCH_CHECKS=100 BENCH_HOURS=2 bash bench/history-store.sh   (quick)
# Writes bench/results/history-store-N.md. Needs: JDK 17, Maven, psql, a Postgres 15 at 127.0.0.1:5432 (trust).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl health-history-pg -am verify -Dtest=HistoryStoreSizeBench -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.checks="${BENCH_CHECKS:-1000}" -Dbench.replicas="${BENCH_REPLICAS:-2}" -Dbench.hours="${BENCH_HOURS:-24}"
cat "bench/results/history-store-${BENCH_CHECKS:-1000}.md"
