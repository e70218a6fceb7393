package cn.bangfu.platform;

import static cn.bangfu.db.Tables.NODE_LEASE;

import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's node part of every id ({@link Ids}), leased from the database (issue 18 point 7):
 * with 10 random bits, a dozen instances had a 6 % chance that two share a node. A lease is a row in
 * {@code node_lease}; its primary key is the guard, so two instances starting at the same moment
 * cannot take the same node. The lowest free node is taken, or one whose holder stopped heartbeating
 * for {@link #TTL} (it crashed); a heartbeat every {@link #HEARTBEAT} keeps it; {@link #close} frees it.
 * Times are the instances' UTC wall clocks: a skew of seconds is far inside the one-minute TTL.
 */
public final class NodeLease implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NodeLease.class);
  /** A lease not renewed for this long is taken over: six missed heartbeats, so a GC pause is not a crash. */
  static final Duration TTL = Duration.ofSeconds(60);
  static final Duration HEARTBEAT = Duration.ofSeconds(10);
  private static final int MAX_TRIES = 50;

  private final DSLContext db;
  private final Clock clock;
  private final int nodeId;
  private final String holder;
  private Vertx vertx;
  private long timer = -1;

  private NodeLease(DSLContext db, Clock clock, int nodeId, String holder) {
    this.db = db;
    this.clock = clock;
    this.nodeId = nodeId;
    this.holder = holder;
  }

  /** Leases a node for this process and keeps it with a heartbeat on {@code vertx}'s timer and worker pool. */
  public static NodeLease acquire(Vertx vertx, Database database) {
    NodeLease lease = acquire(database.dsl(), Clock.systemUTC(), holderName());
    lease.vertx = vertx;
    lease.timer = vertx.setPeriodic(HEARTBEAT.toMillis(), t -> database.read(ignored -> lease.heartbeat())
        .onFailure(e -> LOG.warn("node {} lease heartbeat failed: {}", lease.nodeId, e.getMessage())));
    return lease;
  }

  /** Blocking: the caller is on a worker or start-up thread. */
  static NodeLease acquire(DSLContext db, Clock clock, String holder) {
    for (int tries = 0; tries < MAX_TRIES; tries++) {
      LocalDateTime now = now(clock);
      LocalDateTime expiredBefore = now.minus(TTL);
      // a crashed instance's node first: each conditional UPDATE takes it at most once
      Integer expired = db.select(NODE_LEASE.NODE_ID).from(NODE_LEASE).where(NODE_LEASE.HEARTBEAT_AT.lt(expiredBefore))
          .orderBy(NODE_LEASE.NODE_ID).limit(1).fetchOne(NODE_LEASE.NODE_ID);
      if (expired != null) {
        int taken = db.update(NODE_LEASE).set(NODE_LEASE.HOLDER, holder).set(NODE_LEASE.LEASED_AT, now)
            .set(NODE_LEASE.HEARTBEAT_AT, now)
            .where(NODE_LEASE.NODE_ID.eq(expired)).and(NODE_LEASE.HEARTBEAT_AT.lt(expiredBefore)).execute();
        if (taken == 1) {
          LOG.info("took over node id {} from an expired lease", expired);
          return new NodeLease(db, clock, expired, holder);
        }
        continue;
      }
      Set<Integer> leased = new HashSet<>(db.select(NODE_LEASE.NODE_ID).from(NODE_LEASE).fetch(NODE_LEASE.NODE_ID));
      int free = 0;
      while (free < Ids.NODES && leased.contains(free)) {
        free++;
      }
      if (free == Ids.NODES) {
        throw new IllegalStateException("all " + Ids.NODES + " node ids are leased by running instances");
      }
      // the primary key decides between two instances choosing the same free node
      int inserted = db.insertInto(NODE_LEASE).set(NODE_LEASE.NODE_ID, free).set(NODE_LEASE.HOLDER, holder)
          .set(NODE_LEASE.LEASED_AT, now).set(NODE_LEASE.HEARTBEAT_AT, now).onDuplicateKeyIgnore().execute();
      if (inserted == 1) {
        return new NodeLease(db, clock, free, holder);
      }
    }
    throw new IllegalStateException("could not lease a node id in " + MAX_TRIES + " tries");
  }

  public int nodeId() {
    return nodeId;
  }

  /**
   * Renews the lease; false when it was lost (this instance stalled past the TTL and another took the
   * node over): then two instances share a node, which the log must say loudly.
   */
  boolean heartbeat() {
    int renewed = db.update(NODE_LEASE).set(NODE_LEASE.HEARTBEAT_AT, now(clock))
        .where(NODE_LEASE.NODE_ID.eq(nodeId)).and(NODE_LEASE.HOLDER.eq(holder)).execute();
    if (renewed == 0) {
      LOG.error("node id {} lease was taken over by another instance: ids may collide; restart this instance",
          nodeId);
    }
    return renewed == 1;
  }

  /** Frees the node for the next instance (blocking). */
  @Override
  public void close() {
    if (vertx != null && timer >= 0) {
      vertx.cancelTimer(timer);
    }
    try {
      db.deleteFrom(NODE_LEASE).where(NODE_LEASE.NODE_ID.eq(nodeId)).and(NODE_LEASE.HOLDER.eq(holder)).execute();
    } catch (RuntimeException e) {
      LOG.warn("node id {} lease not released ({}); it expires in {} s", nodeId, e.getMessage(), TTL.toSeconds());
    }
  }

  private static LocalDateTime now(Clock clock) {
    return LocalDateTime.now(clock).truncatedTo(ChronoUnit.MILLIS);
  }

  /** Who holds a lease, for an operator reading the table: host, process, and a random part. */
  static String holderName() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      host = "unknown-host";
    }
    String name = host + "/" + ProcessHandle.current().pid() + "/" + UUID.randomUUID();
    return name.length() <= 100 ? name : name.substring(name.length() - 100);
  }
}
