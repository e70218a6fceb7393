package cn.bangfu.matching;

import cn.bangfu.matching.MatchScoring.LotFacts;
import cn.bangfu.platform.Database;
import cn.bangfu.supply.LotService;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;

/**
 * The open lots of each product, held in memory for ranking. Reading 100,000 candidate rows costs
 * far more than scoring them, so a snapshot is served while it is kept fresh in the background
 * (stale-while-revalidate):
 * <ul>
 * <li>at most {@link #MAX_AGE_MS} after the last look, only the lots changed since are re-read
 *     (lot.changed_at, set by the database on every reservation and release) and merged in;</li>
 * <li>every {@link #FULL_RELOAD_MS} the whole product is read again, which bounds anything the
 *     change scan could miss (a database clock stepping back, a transaction open longer than
 *     {@link #COMMIT_MARGIN});</li>
 * <li>a lot posted on this instance, or a new day, brings the snapshot up to date before the next
 *     ranking, so a cooperative's new lot shows up at once where it was posted.</li>
 * </ul>
 * Ranking is advice: an order still reserves atomically in the database, so a second-old available
 * quantity can never oversell.
 */
final class OpenLots {
  static final long MAX_AGE_MS = 1_000;
  static final long FULL_RELOAD_MS = 60_000;
  /**
   * A reservation's changed_at is its statement time, but it becomes visible at commit: each change
   * scan looks back this far before the previous read began (database clock), so a transaction
   * that wrote before a read and committed after it is still read the next time.
   */
  static final Duration COMMIT_MARGIN = Duration.ofSeconds(10);

  /**
   * The order a snapshot keeps its lots in: a cooperative's lots together (ranking looks each
   * cooperative up once per run of its lots, not once per lot), then by id.
   */
  static final Comparator<LotFacts> ORDER = Comparator.comparingLong(LotFacts::cooperativeId)
      .thenComparingLong(LotFacts::lotId);

  /** lots: in {@link #ORDER}, all with something left; readAt: the database clock when the last read began. */
  record Snapshot(List<LotFacts> lots, Map<Long, int[]> memberCounts, LocalDate day, long lotsVersion,
      LocalDateTime readAt, long fullLoadNanos, long refreshNanos) {
  }

  private final Database database;
  private final DemandRepository demands;
  private final LotService lotService;
  private final Map<String, Snapshot> snapshots = new ConcurrentHashMap<>();
  private final Map<String, Boolean> refreshing = new ConcurrentHashMap<>();

  OpenLots(Database database, DemandRepository demands, LotService lotService) {
    this.database = database;
    this.demands = demands;
    this.lotService = lotService;
  }

  /** Called on a worker thread (inside a database read). */
  Snapshot of(DSLContext db, String product, LocalDate today) {
    Snapshot snapshot = snapshots.get(product);
    if (snapshot == null || !snapshot.day().equals(today)) {
      return publish(product, load(db, product, today));
    }
    if (snapshot.lotsVersion() != lotService.postedLots()) {
      return publish(product, refresh(db, snapshot, product));
    }
    long now = System.nanoTime();
    boolean fullDue = now - snapshot.fullLoadNanos() > TimeUnit.MILLISECONDS.toNanos(FULL_RELOAD_MS);
    boolean refreshDue = now - snapshot.refreshNanos() > TimeUnit.MILLISECONDS.toNanos(MAX_AGE_MS);
    if ((fullDue || refreshDue) && refreshing.putIfAbsent(product, Boolean.TRUE) == null) {
      database.read(fresh -> fullDue ? load(fresh, product, today) : refresh(fresh, snapshot, product))
          .onComplete(done -> {
            if (done.succeeded()) {
              publish(product, done.result());
            }
            refreshing.remove(product);
          });
    }
    return snapshot;
  }

  /** Brings the product's snapshot up to date now (a test's way to skip waiting for the background). */
  Snapshot refreshNow(DSLContext db, String product, LocalDate today) {
    Snapshot snapshot = snapshots.get(product);
    return publish(product, snapshot == null || !snapshot.day().equals(today) ? load(db, product, today)
        : refresh(db, snapshot, product));
  }

  /** Keeps whichever snapshot started reading later: a slow background read must not replace a newer one. */
  private Snapshot publish(String product, Snapshot fresh) {
    return snapshots.merge(product, fresh, (old, candidate) -> candidate.refreshNanos() - old.refreshNanos() >= 0
        ? candidate : old);
  }

  private Snapshot load(DSLContext db, String product, LocalDate today) {
    long version = lotService.postedLots();
    long at = System.nanoTime();
    LocalDateTime readAt = demands.now(db);
    List<LotFacts> open = demands.openLots(db, product, today);
    Map<Long, int[]> members = Map.copyOf(demands.memberCountsForProduct(db, product, today));
    return new Snapshot(inOrder(open), members, today, version, readAt, at, at);
  }

  private Snapshot refresh(DSLContext db, Snapshot base, String product) {
    long version = lotService.postedLots();
    long at = System.nanoTime();
    LocalDateTime readAt = demands.now(db);
    List<LotFacts> changed = demands.lotsChangedSince(db, product, base.day(), base.readAt().minus(COMMIT_MARGIN));
    if (changed.isEmpty()) {
      return new Snapshot(base.lots(), base.memberCounts(), base.day(), version, readAt, base.fullLoadNanos(), at);
    }
    List<LotFacts> lots = merge(base.lots(), inOrder(changed));
    Set<Long> newCooperatives = new TreeSet<>();
    for (LotFacts lot : changed) {
      if (!base.memberCounts().containsKey(lot.cooperativeId())) {
        newCooperatives.add(lot.cooperativeId());
      }
    }
    Map<Long, int[]> members = base.memberCounts();
    if (!newCooperatives.isEmpty()) {
      Map<Long, int[]> more = new HashMap<>(members);
      more.putAll(demands.memberCounts(db, newCooperatives));
      members = Map.copyOf(more);
    }
    return new Snapshot(lots, members, base.day(), version, readAt, base.fullLoadNanos(), at);
  }

  private static List<LotFacts> inOrder(List<LotFacts> lots) {
    List<LotFacts> sorted = new ArrayList<>(lots);
    sorted.sort(ORDER);
    return Collections.unmodifiableList(sorted);
  }

  /**
   * The open lots after applying {@code changed}: a changed lot replaces the one with its id, or is
   * added; a lot with nothing left is dropped. Both lists are in {@link #ORDER}, and so is the result.
   */
  static List<LotFacts> merge(List<LotFacts> open, List<LotFacts> changed) {
    List<LotFacts> merged = new ArrayList<>(open.size() + changed.size());
    int i = 0;
    int j = 0;
    while (i < open.size() || j < changed.size()) {
      LotFacts next;
      int order = i == open.size() ? 1 : j == changed.size() ? -1 : ORDER.compare(open.get(i), changed.get(j));
      if (order < 0) {
        next = open.get(i++);
      } else {
        if (order == 0) {
          i++;
        }
        next = changed.get(j++);
      }
      if (next.availableMilli() > 0) {
        merged.add(next);
      }
    }
    return Collections.unmodifiableList(merged);
  }
}
