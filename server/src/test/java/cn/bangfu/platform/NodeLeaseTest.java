package cn.bangfu.platform;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.support.TestDatabase;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 18 point 7: instances on one database lease distinct id nodes, even when they start at the
 * same moment; a stopped instance's node is reused; a crashed one's is taken over after the TTL.
 */
class NodeLeaseTest {
  private static final int INSTANCES = 12;
  private static Vertx vertx;
  private static Database database;
  private static DSLContext db;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    database = Database.connect(vertx, TestDatabase.freshDatabase(), TestDatabase.user(), TestDatabase.password(),
        INSTANCES + 2, null);
    database.migrate();
    db = database.dsl();
  }

  @AfterAll
  static void stop() throws Exception {
    database.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void twelve_instances_starting_at_once_lease_twelve_distinct_nodes_and_their_ids_never_collide() throws Exception {
    List<NodeLease> leases = acquireAtOnce(INSTANCES);
    try {
      Set<Integer> nodes = new HashSet<>();
      leases.forEach(l -> nodes.add(l.nodeId()));
      assertThat(nodes).hasSize(INSTANCES);
      assertThat(db.fetchCount(cn.bangfu.db.Tables.NODE_LEASE)).isEqualTo(INSTANCES);

      Set<Long> ids = new HashSet<>();
      for (NodeLease lease : leases) {
        Ids generator = new Ids(lease.nodeId());
        for (int i = 0; i < 1_000; i++) {
          ids.add(generator.next());
        }
      }
      assertThat(ids).hasSize(INSTANCES * 1_000);
    } finally {
      leases.forEach(NodeLease::close);
    }
    assertThat(db.fetchCount(cn.bangfu.db.Tables.NODE_LEASE)).as("every stopped instance freed its node").isZero();
  }

  @Test
  void a_released_node_is_leased_again_by_the_next_instance() {
    NodeLease first = NodeLease.acquire(db, Clock.systemUTC(), "first");
    NodeLease second = NodeLease.acquire(db, Clock.systemUTC(), "second");
    int freed = first.nodeId();
    first.close();
    NodeLease third = NodeLease.acquire(db, Clock.systemUTC(), "third");
    try {
      assertThat(third.nodeId()).isEqualTo(freed).isNotEqualTo(second.nodeId());
    } finally {
      second.close();
      third.close();
    }
  }

  @Test
  void a_lease_whose_holder_stopped_heartbeating_is_taken_over_and_the_old_holder_learns_it_lost_it() {
    NodeLease crashed = NodeLease.acquire(db, Clock.systemUTC(), "crashed");
    assertThat(crashed.heartbeat()).isTrue();
    // a minute and a second later by the newcomer's clock, "crashed" has not renewed since
    Clock later = Clock.offset(Clock.systemUTC(), NodeLease.TTL.plus(Duration.ofSeconds(1)));
    NodeLease successor = NodeLease.acquire(db, later, "successor");
    try {
      assertThat(successor.nodeId()).isEqualTo(crashed.nodeId());
      assertThat(db.fetchCount(cn.bangfu.db.Tables.NODE_LEASE)).isEqualTo(1);
      assertThat(crashed.heartbeat()).isFalse();
      crashed.close(); // must not free the successor's node
      assertThat(successor.heartbeat()).isTrue();
    } finally {
      successor.close();
    }
  }

  private static List<NodeLease> acquireAtOnce(int count) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(count);
    try {
      CyclicBarrier start = new CyclicBarrier(count);
      List<Future<NodeLease>> started = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String holder = "instance-" + i;
        started.add(pool.submit(() -> {
          start.await(30, TimeUnit.SECONDS);
          return NodeLease.acquire(db, Clock.systemUTC(), holder);
        }));
      }
      List<NodeLease> leases = new ArrayList<>();
      for (Future<NodeLease> f : started) {
        leases.add(f.get(60, TimeUnit.SECONDS));
      }
      return leases;
    } finally {
      pool.shutdownNow();
    }
  }
}
