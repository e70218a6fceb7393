package cn.bangfu.reliability;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the crash suite's clients were told. Every 2xx write is recorded as acknowledged; a request
 * whose connection died with the server is "in doubt" until, after the restart, it is retried (orders
 * under the same Idempotency-Key) or its resource is read back. The final check compares the
 * database with this journal.
 */
final class CrashJournal {
  /** Order statuses along the happy path; CANCELLED leaves it from PLACED or CONFIRMED. */
  static final List<String> PATH = List.of("PLACED", "CONFIRMED", "SHIPPED", "DELIVERED", "ACCEPTED", "SETTLED");
  static final List<String> RUN_PATH = List.of("DRAFT", "PUBLICIZED", "APPROVED", "POSTED");

  /** One POST /orders under its own Idempotency-Key. */
  static final class Placement {
    final String key;
    final int coop;
    final String lotId;
    final String quantity;
    volatile boolean inDoubt = true;
    volatile String orderId;

    Placement(String key, int coop, String lotId, String quantity) {
      this.key = key;
      this.coop = coop;
      this.lotId = lotId;
      this.quantity = quantity;
    }
  }

  /** An order the server acknowledged, with the furthest status it acknowledged and what we last saw. */
  static final class Order {
    final String id;
    final int coop;
    final String lotId;
    final BigDecimal quantity;
    final long amountFen;
    volatile String acked = "PLACED";
    volatile String known = "PLACED";
    volatile boolean inDoubt;
    final AtomicBoolean busy = new AtomicBoolean();

    Order(String id, int coop, String lotId, BigDecimal quantity, long amountFen) {
      this.id = id;
      this.coop = coop;
      this.lotId = lotId;
      this.quantity = quantity;
      this.amountFen = amountFen;
    }

    boolean finished() {
      return known.equals("SETTLED") || known.equals("CANCELLED") || known.equals("REJECTED")
          || known.equals("ABANDONED");
    }
  }

  /** A distribution run driven draft → publicize → (publicity ends) → approve → post. */
  static final class Run {
    final int coop;
    final String periodStart;
    volatile String id;
    volatile String acked;
    volatile String known;
    volatile boolean inDoubt;
    /** Paid out as far as the client knows, and as the server acknowledged. */
    volatile boolean paid;
    volatile boolean paidAcked;
    int conflicts;

    Run(int coop, String periodStart) {
      this.coop = coop;
      this.periodStart = periodStart;
    }
  }

  final Map<String, Placement> placements = new ConcurrentHashMap<>();
  final Map<String, Order> orders = new ConcurrentHashMap<>();
  final List<Run> runs = new CopyOnWriteArrayList<>();
  final Set<String> ackedLots = ConcurrentHashMap.newKeySet();
  final AtomicInteger ackedWrites = new AtomicInteger();
  final AtomicInteger doubts = new AtomicInteger();
  final AtomicInteger refused = new AtomicInteger();
  final AtomicInteger serverErrors = new AtomicInteger();
  final List<String> serverErrorSamples = new CopyOnWriteArrayList<>();

  void serverError(String what) {
    serverErrors.incrementAndGet();
    if (serverErrorSamples.size() < 20) {
      serverErrorSamples.add(what);
    }
  }

  /** Statuses an order acknowledged at {@code acked} may legitimately have reached since. */
  static boolean reachable(String acked, String actual) {
    if (acked.equals(actual)) {
      return true;
    }
    int from = PATH.indexOf(acked);
    if (actual.equals("CANCELLED")) {
      return from >= 0 && from <= 1;
    }
    if (actual.equals("REJECTED")) {
      return from == 0;
    }
    int to = PATH.indexOf(actual);
    return from >= 0 && to > from;
  }

  static boolean runReachable(String acked, String actual) {
    return acked == null || RUN_PATH.indexOf(actual) >= RUN_PATH.indexOf(acked) && RUN_PATH.contains(actual);
  }
}
