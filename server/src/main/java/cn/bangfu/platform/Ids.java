package cn.bangfu.platform;

import java.security.SecureRandom;

/**
 * Application-generated 64-bit, time-ordered ids (DESIGN.md 3): 41 bits of milliseconds since
 * 2024-01-01, 10 bits of node, 12 bits of sequence. Time order keeps InnoDB inserts at the right
 * edge of the primary key; no AUTO_INCREMENT hot spot, so tables can move to TiDB/Vitess.
 * The server leases its node from the database ({@link NodeLease}), so instances on one database
 * never share one; LEDGER_NODE_ID pins it instead (no lease), and {@link #forThisProcess} falls back
 * to a random node for tools that run without the server.
 */
public final class Ids {
  private static final long EPOCH_MS = 1_704_067_200_000L;
  private static final int NODE_BITS = 10;
  /** How many node ids there are (0 to NODES - 1). */
  static final int NODES = 1 << NODE_BITS;
  private static final int SEQUENCE_BITS = 12;
  private static final long MAX_SEQUENCE = (1L << SEQUENCE_BITS) - 1;

  private final long node;
  private long lastMillis = -1;
  private long sequence;

  public Ids(long node) {
    this.node = node & ((1L << NODE_BITS) - 1);
  }

  public static Ids forThisProcess() {
    return new Ids(pinnedNode().orElseGet(() -> (long) new SecureRandom().nextInt(NODES)));
  }

  /** The node LEDGER_NODE_ID pins, if it does: such a process leases nothing. */
  public static java.util.Optional<Long> pinnedNode() {
    String pinned = System.getenv("LEDGER_NODE_ID");
    return pinned != null && !pinned.isBlank() ? java.util.Optional.of(Long.parseLong(pinned.trim()))
        : java.util.Optional.empty();
  }

  public synchronized long next() {
    long now = System.currentTimeMillis();
    if (now < lastMillis) {
      now = lastMillis; // clock stepped back: keep order rather than reuse ids
    }
    if (now == lastMillis) {
      sequence = (sequence + 1) & MAX_SEQUENCE;
      if (sequence == 0) {
        now = waitForNextMillis(lastMillis);
      }
    } else {
      sequence = 0;
    }
    lastMillis = now;
    return ((now - EPOCH_MS) << (NODE_BITS + SEQUENCE_BITS)) | (node << SEQUENCE_BITS) | sequence;
  }

  private static long waitForNextMillis(long last) {
    long now = System.currentTimeMillis();
    while (now <= last) {
      Thread.onSpinWait();
      now = System.currentTimeMillis();
    }
    return now;
  }
}
