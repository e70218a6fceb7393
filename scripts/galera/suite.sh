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
lot() { curl -s "$A/api/v1/lots" -H "Authorization: Bearer $COOP" -H 'Content-Type: application/json' -d "{\"cooperativeId\":\"$COOP_ID\",
  \"product\":\"葡萄\",\"grade\":\"一级\",\"quantity\":\"$1\",\"unit\":\"KG\",\"unitPriceFen\":1200,\"availableFrom\":\"$TODAY\",
  \"availableTo\":\"$UNTIL\",\"minOrderQuantity\":\"1\",\"certifications\":[\"POVERTY_PRODUCT\"]}" | grep -o '"id":"[0-9]*"' | head -1 | cut -d'"' -f4; }

# places order i of a lot, alternating instances and buyers; prints "status id"
place() {
  local lot=$1 i=$2 server token
  if [ $((i % 2)) = 0 ]; then server=$A; token=$SCHOOL; else server=$B; token=$WINERY; fi
  curl -s -o "$OUT/o.$lot.$i" -w '%{http_code}\n' "$server/api/v1/orders" -H "Authorization: Bearer $token" \
    -H "Idempotency-Key: $lot-$i" -H 'Content-Type: application/json' -d "{\"lotId\":\"$lot\",\"quantity\":\"1\"}"
}
export -f place; export A B SCHOOL WINERY OUT

# 1. the race: 200 one-kilo orders for a 100 kg lot, over both instances at once
RACE=$(lot 100)
seq 1 "$ORDERS" | xargs -P "$PARALLEL" -I{} bash -c "place $RACE {}" > "$OUT/race.codes"
placed=$(grep -c '^201$' "$OUT/race.codes"); fivexx=$(grep -c '^5' "$OUT/race.codes")
left=$(curl -s "$B/api/v1/lots/$RACE" -H "Authorization: Bearer $SCHOOL" | grep -o '"availableQuantity":"[0-9.]*"' | cut -d'"' -f4)
echo "race: $(sort "$OUT/race.codes" | uniq -c | tr '\n' ' ') available=$left"
check "race: no oversell (placed $placed, available $left)" "[ $placed -le 100 ] && [ \"$(echo \"$left\" | cut -d. -f1)\" = $((100 - placed)) ]"
check "race: 0 5xx" "[ $fivexx = 0 ]"

# 2. a node killed under load, restarted, rejoined by IST
LOAD=$(lot 100000)
( seq 1 "$ORDERS" | xargs -P "$PARALLEL" -I{} bash -c "place $LOAD {}" > "$OUT/kill.codes" ) &
LOADER=$!
sleep 3
scripts/galera/cluster.sh kill 2
wait $LOADER
echo "load during kill: $(sort "$OUT/kill.codes" | uniq -c | tr '\n' ' ')"
check "kill: 0 5xx" "! grep -q '^5' $OUT/kill.codes"
before=$(wc -l < "$DIR/n2/error.log")
restart_at=$(date +%s); scripts/galera/cluster.sh restart 2
echo "n2 rejoined in $(( $(date +%s) - restart_at )) s"
tail -n +"$((before + 1))" "$DIR/n2/error.log" > "$OUT/n2-rejoin.log"
check "rejoin by IST, not a full SST" "grep -q 'IST received' $OUT/n2-rejoin.log && ! grep -q 'SST received' $OUT/n2-rejoin.log"

# 3. nothing acknowledged was lost: every 201 order is readable through the other instance
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
  echo "$s $(curl -s "$s/metrics" | grep -E '^ledger_tx_retries(_exhausted)?_total' | tr '\n' ' ')"
done
exit $fail
