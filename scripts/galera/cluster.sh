#!/usr/bin/env bash
# A three-node MariaDB Galera cluster on loopback from Debian's packages (issue 19 point 5).
#
#   apt-get install -y mariadb-server galera-4 rsync     # once (stop/disable the service it starts)
#   scripts/galera/cluster.sh start        # bootstrap n1, join n2 and n3 (SST by rsync)
#   scripts/galera/cluster.sh status       # cluster size and state of each node
#   scripts/galera/cluster.sh kill 2       # SIGKILL node 2 (mariadbd only)
#   scripts/galera/cluster.sh restart 2    # start node 2 again: it rejoins by IST from the gcache
#   scripts/galera/cluster.sh checksum     # CHECKSUM TABLE of every ledger table on every node
#   scripts/galera/cluster.sh stop         # stop all nodes (data kept); 'destroy' also deletes it
#
# Node N (1..3) listens for SQL on 127.0.0.1:331N, for replication on 457N, IST 459N, SST 458N.
# Data under $GALERA_DIR (default /root/ledger-galera). The application account is
# ledger / $GALERA_PASSWORD (default ledger-galera) on 127.0.0.1, allowed on databases ledger%.
# URL for the server: jdbc:mysql://127.0.0.1:3311,127.0.0.1:3312,127.0.0.1:3313/ledger?useSSL=false
set -euo pipefail

DIR=${GALERA_DIR:-/root/ledger-galera}
PASSWORD=${GALERA_PASSWORD:-ledger-galera}
MARIADBD=${MARIADBD:-/usr/sbin/mariadbd}
PROVIDER=${GALERA_PROVIDER:-/usr/lib/galera/libgalera_smm.so}
NODES="1 2 3"
# How long the others wait for a silent node before declaring it gone (Galera's evs.suspect_timeout,
# default PT5S). Until they do, no writeset commits anywhere: the stall a client sees at a node's
# death is about this long (RELIABILITY.md). Shorter stalls less and risks evicting a busy node.
# (A shorter one needs a keepalive under a third of it: PT0.5S then.)
SUSPECT_TIMEOUT=${GALERA_SUSPECT_TIMEOUT:-PT5S}
EVS_OPTIONS="evs.suspect_timeout=$SUSPECT_TIMEOUT"
[ "$SUSPECT_TIMEOUT" = PT5S ] || EVS_OPTIONS="$EVS_OPTIONS;evs.keepalive_period=PT0.5S"

sql_port() { echo $((3310 + $1)); }
node_dir() { echo "$DIR/n$1"; }

client() { # node, then mariadb client arguments
  local n=$1; shift
  mariadb --socket="$(node_dir "$n")/mysqld.sock" -uroot "$@"
}

# wsrep_sst_rsync runs its rsync daemon as nobody when started by root, which cannot write data
# directories under /root: a copy of the script whose daemon keeps root as its user, run as the SST
# method rsync_root (mariadbd looks in its own bin directory first, so the copy needs its own name).
sst_scripts() {
  mkdir -p "$DIR/bin"
  cp /usr/bin/wsrep_sst_common "$DIR/bin/"
  sed 's/^use chroot = no$/use chroot = no\nuid = root\ngid = root/' /usr/bin/wsrep_sst_rsync > "$DIR/bin/wsrep_sst_rsync_root"
  chmod +x "$DIR/bin/wsrep_sst_rsync_root"
}

write_config() {
  local n=$1 d; d=$(node_dir "$n")
  mkdir -p "$d/data"
  cat > "$d/my.cnf" <<CNF
[mysqld]
user=root
datadir=$d/data
socket=$d/mysqld.sock
pid-file=$d/mysqld.pid
log-error=$d/error.log
port=$(sql_port "$n")
bind-address=127.0.0.1
skip-name-resolve
binlog_format=ROW
default_storage_engine=InnoDB
innodb_autoinc_lock_mode=2
innodb_buffer_pool_size=128M
innodb_log_file_size=64M
character-set-server=utf8mb4
collation-server=utf8mb4_bin
max_connections=300
wsrep_on=ON
wsrep_provider=$PROVIDER
wsrep_cluster_name=ledger-galera
wsrep_cluster_address=gcomm://127.0.0.1:4571,127.0.0.1:4572,127.0.0.1:4573
wsrep_node_name=n$n
wsrep_node_address=127.0.0.1:$((4570 + n))
wsrep_node_incoming_address=127.0.0.1:$(sql_port "$n")
wsrep_sst_method=rsync_root
wsrep_sst_receive_address=127.0.0.1:$((4580 + n))
wsrep_provider_options=base_port=$((4570 + n));ist.recv_addr=127.0.0.1:$((4590 + n));gcache.size=512M;$EVS_OPTIONS
wsrep_slave_threads=2
CNF
}

start_node() { # node, extra mariadbd arguments
  local n=$1; shift
  local d; d=$(node_dir "$n")
  PATH="$DIR/bin:$PATH" nohup "$MARIADBD" --defaults-file="$d/my.cnf" "$@" >> "$d/stdout.log" 2>&1 &
  echo $! > "$d/launcher.pid"
  wait_synced "$n"
}

wait_synced() {
  local n=$1
  for _ in $(seq 1 180); do
    if [ "$(client "$n" -N -e "SHOW STATUS LIKE 'wsrep_local_state_comment'" 2>/dev/null | cut -f2)" = "Synced" ]; then
      echo "n$n synced (cluster size $(client "$n" -N -e "SHOW STATUS LIKE 'wsrep_cluster_size'" | cut -f2))"
      return 0
    fi
    sleep 1
  done
  echo "n$n did not sync; see $(node_dir "$n")/error.log" >&2
  return 1
}

pid_of() { cat "$(node_dir "$1")/mysqld.pid" 2>/dev/null || true; }

case "${1:-}" in
  start)
    sst_scripts
    for n in $NODES; do write_config "$n"; done
    if [ ! -d "$(node_dir 1)/data/mysql" ]; then
      mariadb-install-db --defaults-file="$(node_dir 1)/my.cnf" --user=root --skip-test-db > "$(node_dir 1)/install.log" 2>&1
      start_node 1 --wsrep-new-cluster
      client 1 -e "CREATE USER IF NOT EXISTS 'ledger'@'127.0.0.1' IDENTIFIED BY '$PASSWORD';
        GRANT ALL PRIVILEGES ON \`ledger%\`.* TO 'ledger'@'127.0.0.1';"
    else
      # a cluster stopped cleanly: the node with the highest seqno bootstraps (all equal after 'stop')
      sed -i 's/^safe_to_bootstrap: 0/safe_to_bootstrap: 1/' "$(node_dir 1)/data/grastate.dat" 2>/dev/null || true
      start_node 1 --wsrep-new-cluster
    fi
    for n in 2 3; do start_node "$n"; done
    ;;
  status)
    for n in $NODES; do
      printf 'n%s pid=%s ' "$n" "$(pid_of "$n")"
      client "$n" -N -e "SHOW STATUS WHERE Variable_name IN ('wsrep_cluster_size','wsrep_local_state_comment','wsrep_last_committed')" 2>/dev/null | tr '\n\t' ' =' || printf 'down'
      echo
    done
    ;;
  kill)
    kill -9 "$(pid_of "$2")"
    echo "n$2 killed (SIGKILL)"
    ;;
  restart)
    # after a SIGKILL grastate.dat says seqno -1: recover the last committed position from InnoDB
    # first (what Debian's galera_recovery does under systemd), so the node asks for IST, not a full SST
    d=$(node_dir "$2")
    PATH="$DIR/bin:$PATH" "$MARIADBD" --defaults-file="$d/my.cnf" --wsrep-recover --log-error="$d/recover.log" > /dev/null 2>&1 || true
    position=$(grep -o 'Recovered position: .*' "$d/recover.log" | tail -1 | cut -d' ' -f3)
    echo "n$2 recovered position ${position:-none}"
    start_node "$2" ${position:+--wsrep_start_position=$position}
    grep -E "IST received|State transfer required|SST" "$(node_dir "$2")/error.log" | tail -3 || true
    ;;
  checksum)
    db=${2:-ledger}
    tables=$(client 1 -N -e "SELECT GROUP_CONCAT(table_name ORDER BY table_name) FROM information_schema.tables WHERE table_schema='$db' AND table_type='BASE TABLE'")
    for n in $NODES; do
      client "$n" -N -e "CHECKSUM TABLE $(echo "$tables" | sed "s/\([^,]*\)/$db.\1/g")" | md5sum | sed "s/ .*/  n$n/"
    done
    ;;
  stop)
    for n in 3 2 1; do
      p=$(pid_of "$n"); [ -n "$p" ] && kill "$p" 2>/dev/null || true
      while [ -n "$p" ] && kill -0 "$p" 2>/dev/null; do sleep 1; done
    done
    echo stopped
    ;;
  destroy)
    "$0" stop || true
    rm -rf "$DIR"
    ;;
  *)
    sed -n '2,16p' "$0"; exit 2 ;;
esac
