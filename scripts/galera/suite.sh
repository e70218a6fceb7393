#!/usr/bin/env bash
# The cluster suite (issue 19 point 5), not part of `mvn -B verify`: two server instances on
# different nodes of scripts/galera/cluster.sh's cluster, the order race, then a node SIGKILLed
# under load, restarted and rejoined by IST. Checks: 0 acknowledged orders lost, 0 5xx, every chain
# verifies, CHECKSUM TABLE equal on all nodes. Needs the built jar (mvn -B -q package -DskipTests),
# curl, and the apt packages of cluster.sh.
#
#   scripts/galera/cluster.sh start && scripts/galera/suite.sh
set -uo pipefail
cd "$(dirname "$0")/../.."
DIR=${GALERA_DIR:-/root/ledger-galera}
JAR=${JAR:-server/target/ledger-server.jar}
OUT=$DIR/suite; rm -rf "$OUT"; mkdir -p "$OUT"
ORDERS=${SUITE_ORDERS:-200}
PARALLEL=${SUITE_PARALLEL:-16}
export LEDGER_DB_USER=ledger LEDGER_DB_PASSWORD=${GALERA_PASSWORD:-ledger-galera}
export LEDGER_MASTER_KEY=$(head -c 32 /dev/urandom | base64) LEDGER_ADMIN_PASSWORD=admin-password-galera
export LEDGER_MIN_PUBLICITY_DAYS=0
URL_A="jdbc:mysql://127.0.0.1:3311,127.0.0.1:3312,127.0.0.1:3313/ledger?useSSL=false&allowPublicKeyRetrieval=true"
URL_B="jdbc:mysql://127.0.0.1:3312,127.0.0.1:3313,127.0.0.1:3311/ledger?useSSL=false&allowPublicKeyRetrieval=true"
A=http://127.0.0.1:8091; B=http://127.0.0.1:8092
fail=0
check() { if eval "$2"; then echo "PASS $1"; else echo "FAIL $1"; fail=1; fi; }

# all three nodes up and in one cluster, or the kill below proves nothing
for n in 1 2 3; do
  size=$(mariadb --socket="$DIR/n$n/mysqld.sock" -uroot -N -e "SHOW STATUS LIKE 'wsrep_cluster_size'" 2>/dev/null | cut -f2)
  [ "$size" = 3 ] || { echo "n$n is not in a cluster of three (size '${size}'): scripts/galera/cluster.sh start" >&2; exit 2; }
done
mariadb --socket="$DIR/n1/mysqld.sock" -uroot -e "DROP DATABASE IF EXISTS ledger; CREATE DATABASE ledger CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
# one migrator; the instances (LEDGER_DB_MIGRATE=auto on a Galera node) wait for its schema
LEDGER_DB_URL=$URL_A java -jar "$JAR" migrate
LEDGER_DB_URL=$URL_A LEDGER_HTTP_PORT=8091 LEDGER_DATA_DIR=$OUT/a java -jar "$JAR" --demo > "$OUT/a.log" 2>&1 &
PID_A=$!
LEDGER_DB_URL=$URL_B LEDGER_HTTP_PORT=8092 LEDGER_DATA_DIR=$OUT/b java -jar "$JAR" > "$OUT/b.log" 2>&1 &
PID_B=$!
trap 'kill $PID_A $PID_B 2>/dev/null' EXIT
for s in $A $B; do
  for _ in $(seq 1 180); do curl -sf "$s/health" > /dev/null && break; sleep 1; done
done
until grep -q "Demo users" "$OUT/a.log"; do sleep 1; done

token() { curl -s "$1/api/v1/auth/token" -H 'Content-Type: application/json' \
  -d "{\"username\":\"$2\",\"password\":\"demo-password-2026\"}" | sed 's/.*"token":"\([^"]*\)".*/\1/'; }
COOP=$(token $A cenfeng-coop); SCHOOL=$(token $A school-canteen); WINERY=$(token $B qingjiu-buyer)
REGULATOR=$(token $B county-regulator)
COOP_ID=$(curl -s "$A/api/v1/cooperatives" -H "Authorization: Bearer $COOP" | grep -o '"id":"[0-9]*"' | head -1 | cut -d'"' -f4)
TODAY=$(TZ=Asia/Shanghai date +%F); UNTIL=$(TZ=Asia/Shanghai date -d '+60 days' +%F)
# lot QUANTITY [SERVER TOKEN COOPERATIVE]: a new lot of grapes at 12 元/公斤, its id
lot() { curl -s "${2:-$A}/api/v1/lots" -H "Authorization: Bearer ${3:-$COOP}" -H 'Content-Type: application/json' -d "{\"cooperativeId\":\"${4:-$COOP_ID}\",
  \"product\":\"葡萄\",\"grade\":\"一级\",\"quantity\":\"$1\",\"unit\":\"KG\",\"unitPriceFen\":1200,\"availableFrom\":\"$TODAY\",
  \"availableTo\":\"$UNTIL\",\"minOrderQuantity\":\"1\",\"certifications\":[\"POVERTY_PRODUCT\"]}" | grep -o '"id":"[0-9]*"' | head -1 | cut -d'"' -f4; }

# places order i of a lot, alternating instances and buyers; prints "status id"
place() {
  local lot=$1 i=$2 server token
  if [ $((i % 2)) = 0 ]; then server=$A; token=$SCHOOL; else server=$B; token=$WINERY; fi
  curl -s -o "$OUT/o.$lot.$i" -w '%{http_code} %{time_total}\n' "$server/api/v1/orders" -H "Authorization: Bearer $token" \
    -H "Idempotency-Key: $lot-$i" -H 'Content-Type: application/json' -d "{\"lotId\":\"$lot\",\"quantity\":\"1\"}"
}
# one transition of an order with its own Idempotency-Key; prints "action status seconds"
act() {
  curl -s -o "$OUT/s.$3.$4" -w "$4 %{http_code} %{time_total}\n" "$1/api/v1/orders/$3/$4" -H "Authorization: Bearer $2" \
    -H "Idempotency-Key: $3-$4" -H 'Content-Type: application/json' -d "$5"
}
# order i of a lot along its whole path: confirm, ship, deliver (the cooperative), accept, settle (its buyer)
settle() {
  local lot=$1 i=$2 server token id amount
  grep -q '"status":"PLACED"' "$OUT/o.$lot.$i" 2>/dev/null || return 0
  id=$(grep -o '"id":"[0-9]*"' "$OUT/o.$lot.$i" | head -1 | cut -d'"' -f4)
  if [ $((i % 2)) = 0 ]; then server=$A; token=$SCHOOL; else server=$B; token=$WINERY; fi
  for step in confirm ship deliver; do act "$server" "$COOP" "$id" $step '{}'; done
  act "$server" "$token" "$id" accept '{"acceptedQuantity":"1"}'
  amount=$(grep -o '"amountFen":[0-9]*' "$OUT/s.$id.accept" | head -1 | cut -d: -f2)
  act "$server" "$token" "$id" settle "{\"amountFen\":${amount:-0},\"paymentRef\":\"SUITE-$id\",\"settledOn\":\"$TODAY\"}"
}
export -f place act settle; export A B SCHOOL WINERY COOP TODAY OUT
codes() { cut -d' ' -f1 "$1" | sort | uniq -c | tr '\n' ' '; }
# the slowest answer and the 99th percentile of a phase's "status seconds" lines (column $2)
slowest() { sort -n -k"$2" "$1" | awk -v c="$2" '{t[NR]=$c} END {if (NR) {i=int(NR*0.99); if (i<1) i=1; printf "slowest %.2f s, p99 %.2f s, n %d", t[NR], t[i], NR}}'; }

# 1. the race: 200 one-kilo orders for a 100 kg lot, over both instances at once
RACE=$(lot 100)
seq 1 "$ORDERS" | xargs -P "$PARALLEL" -I{} bash -c "place $RACE {}" > "$OUT/race.codes"
placed=$(grep -c '^201 ' "$OUT/race.codes"); fivexx=$(grep -c '^5' "$OUT/race.codes")
left=$(curl -s "$B/api/v1/lots/$RACE" -H "Authorization: Bearer $SCHOOL" | grep -o '"availableQuantity":"[0-9.]*"' | cut -d'"' -f4)
echo "race: $(codes "$OUT/race.codes") available=$left; $(slowest "$OUT/race.codes" 2)"
check "race: no oversell (placed $placed, available $left)" "[ $placed -le 100 ] && [ \"$(echo \"$left\" | cut -d. -f1)\" = $((100 - placed)) ]"
check "race: 0 5xx" "[ $fivexx = 0 ]"

# 2. the race's orders settled (a ledger entry each on the cooperative's one hash chain, the hottest row
#    there is) over both instances, while a distribution of October to today is drafted, publicized,
#    approved and posted on the same chain
( run=$(curl -s "$B/api/v1/cooperatives/$COOP_ID/distributions" -H "Authorization: Bearer $COOP" \
    -H 'Content-Type: application/json' \
    -d "{\"ruleSetId\":\"coop-surplus-60\",\"periodStart\":\"2026-10-01\",\"periodEnd\":\"$TODAY\"}" \
    | grep -o '"id":"[0-9]*"' | head -1 | cut -d'"' -f4)
  for step in "publicize $A $COOP {\"days\":0}" "approve $B $REGULATOR {}" "post $A $COOP {}"; do
    set -- $step
    curl -s -o "$OUT/run.$1" -w "$1 %{http_code} %{time_total}\n" "$2/api/v1/distributions/$run/$1" \
      -H "Authorization: Bearer $3" -H 'Content-Type: application/json' -d "$4"
  done > "$OUT/run.codes" ) &
RUNNER=$!
seq 1 "$ORDERS" | xargs -P "$PARALLEL" -I{} bash -c "settle $RACE {}" > "$OUT/settle.codes"
wait $RUNNER
settled=$(grep -c '^settle 200 ' "$OUT/settle.codes")
echo "settlements: $(cut -d' ' -f1,2 "$OUT/settle.codes" | sort | uniq -c | tr '\n' ' '); $(slowest "$OUT/settle.codes" 3)"
echo "distribution under that load: $(tr '\n' ' ' < "$OUT/run.codes")"
check "settle: every placed order settled ($settled of $placed)" "[ $settled = $placed ]"
check "settle: 0 5xx" "! grep -q ' 5[0-9][0-9] ' $OUT/settle.codes"
check "distribution posted under load" "grep -q '^post 200 ' $OUT/run.codes"

# 3. a node killed under load, restarted, rejoined by IST
LOAD=$(lot 100000)
( seq 1 "$ORDERS" | xargs -P "$PARALLEL" -I{} bash -c "place $LOAD {}" > "$OUT/kill.codes" ) &
LOADER=$!
sleep 3
scripts/galera/cluster.sh kill 2
wait $LOADER
echo "load during kill: $(codes "$OUT/kill.codes"); $(slowest "$OUT/kill.codes" 2) (the slowest: the stall at the kill)"
check "kill: 0 5xx" "! grep -q '^5' $OUT/kill.codes"
before=$(wc -l < "$DIR/n2/error.log")
restart_at=$(date +%s); scripts/galera/cluster.sh restart 2
echo "n2 rejoined in $(( $(date +%s) - restart_at )) s"
tail -n +"$((before + 1))" "$DIR/n2/error.log" > "$OUT/n2-rejoin.log"
# the SST script runs either way; on an IST it copies no files and says "rsync_root IST completed"
check "rejoin by IST, not a full SST" "grep -q 'IST received' $OUT/n2-rejoin.log && grep -q 'IST completed on joiner' $OUT/n2-rejoin.log && ! grep -q 'SST completed on joiner' $OUT/n2-rejoin.log"

# 4. nothing acknowledged was lost: every 201 order is readable through the other instance
lost=0
for f in "$OUT"/o.*; do
  id=$(grep -o '"id":"[0-9]*"' "$f" | head -1 | cut -d'"' -f4); [ -z "$id" ] && continue
  grep -q '"status":"PLACED"' "$f" || continue
  code=$(curl -s -o /dev/null -w '%{http_code}' "$B/api/v1/orders/$id" -H "Authorization: Bearer $REGULATOR")
  [ "$code" = 200 ] || lost=$((lost + 1))
done
check "0 acknowledged orders lost ($lost)" "[ $lost = 0 ]"
verify=$(curl -s "$A/api/v1/ledger/verify" -H "Authorization: Bearer $REGULATOR")
check "every chain verifies: $verify" "echo '$verify' | grep -q '\"ok\":true'"
sums=$(scripts/galera/cluster.sh checksum ledger); echo "$sums"
check "CHECKSUM TABLE equal on all nodes" "[ $(echo "$sums" | cut -d' ' -f1 | sort -u | wc -l) = 1 ]"
for s in $A $B; do
  echo "$s $(curl -s "$s/metrics" | grep -E '^ledger_tx_(retries(_exhausted)?_total|attempts_max|lost_commits_total)' | tr '\n' ' ')"
done

# 5. order placement, 1 kg orders over 20 lots for SUITE_BENCH_SECONDS each (BENCHMARKS.md): all on one
#    node, spread over two nodes (the same lots; then 10 lots each), and the same jar on the embedded
#    database in the same run. wrk with scripts/galera/orders.lua; SUITE_BENCH=0 skips it.
if [ "${SUITE_BENCH:-1}" = 1 ] && command -v wrk > /dev/null; then
  EACH=${SUITE_BENCH_SECONDS:-20}
  lots() { for _ in $(seq 1 "$1"); do lot 1000000 "${@:2}"; done | paste -sd, -; }
  load() { # SERVER TOKEN CONNECTIONS LABEL LOTS
    LOTS=$5 TOKEN=$2 KEY_PREFIX="$4-$RANDOM$RANDOM" wrk -t2 -c"$3" -d"${EACH}s" --latency \
      -s scripts/galera/orders.lua "$1" > "$OUT/wrk.$4" 2>&1
  }
  figures() { # LABEL: requests/s, p50, p99, answers other than 2xx
    printf '%s: %s orders/s, p50 %s, p99 %s, non-2xx %s\n' "$1" "$(awk '/Requests\/sec/ {print $2}' "$OUT/wrk.$1")" \
      "$(awk '$1 == "50%" {print $2}' "$OUT/wrk.$1")" "$(awk '$1 == "99%" {print $2}' "$OUT/wrk.$1")" \
      "$(grep -o 'Non-2xx or 3xx responses: [0-9]*' "$OUT/wrk.$1" | grep -o '[0-9]*$' || echo 0)"
  }
  SHARED=$(lots 20); MINE_A=$(lots 10); MINE_B=$(lots 10)
  load $A "$SCHOOL" 16 one-node "$SHARED"
  # (wait for the one load started beside: a bare wait would wait for the server instances too)
  load $A "$SCHOOL" 8 two-nodes-a "$SHARED" & other=$!; load $B "$WINERY" 8 two-nodes-b "$SHARED"; wait $other
  load $A "$SCHOOL" 8 apart-a "$MINE_A" & other=$!; load $B "$WINERY" 8 apart-b "$MINE_B"; wait $other
  # the same jar on its embedded MariaDB, on this machine, right after
  C=http://127.0.0.1:8093
  env -u LEDGER_DB_URL -u LEDGER_DB_USER -u LEDGER_DB_PASSWORD LEDGER_HTTP_PORT=8093 LEDGER_DATA_DIR="$OUT/c" \
    java -jar "$JAR" --demo > "$OUT/c.log" 2>&1 &
  PID_C=$!
  trap 'kill $PID_A $PID_B $PID_C 2>/dev/null' EXIT
  for _ in $(seq 1 180); do grep -q "Demo users" "$OUT/c.log" && break; sleep 1; done
  COOP_C=$(token $C cenfeng-coop); SCHOOL_C=$(token $C school-canteen)
  COOP_ID_C=$(curl -s "$C/api/v1/cooperatives" -H "Authorization: Bearer $COOP_C" | grep -o '"id":"[0-9]*"' | head -1 | cut -d'"' -f4)
  load $C "$SCHOOL_C" 16 embedded "$(lots 20 $C "$COOP_C" "$COOP_ID_C")"
  kill $PID_C
  {
    echo "order placement, $EACH s each, 16 connections in all, $(nproc) cores, $(date -u +%FT%TZ), $(git rev-parse --short HEAD)"
    figures one-node; figures two-nodes-a; figures two-nodes-b; figures apart-a; figures apart-b; figures embedded
  } | tee "$OUT/bench.txt"
fi
exit $fail
