package cn.bangfu.matching;

import cn.bangfu.matching.MatchScoring.LotFacts;
import cn.bangfu.platform.Database;
import cn.bangfu.supply.LotService;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;

/**
 * The open lots of each product, held in memory for ranking. Loading 100,000 candidate rows costs
 * far more than scoring them, so a snapshot up to {@link #MAX_AGE_MS} old is served while one fresh
 * load runs in the background (stale-while-revalidate). A lot posted on this instance or a new day
 * forces a fresh load at once. Ranking is advice: an order still reserves atomically in the
 * database, so a second-old available quantity can never oversell.
 */
final class OpenLots {
  static final long MAX_AGE_MS = 1_000;

  record Snapshot(List<LotFacts> lots, Map<Long, int[]> memberCounts, LocalDate day, long lotsVersion,
      long loadedAtNanos) {
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
    if (snapshot == null || !snapshot.day().equals(today) || snapshot.lotsVersion() != lotService.postedLots()) {
      snapshot = load(db, product, today);
      snapshots.put(product, snapshot);
      return snapshot;
    }
    long age = System.nanoTime() - snapshot.loadedAtNanos();
    if (age > TimeUnit.MILLISECONDS.toNanos(MAX_AGE_MS) && refreshing.putIfAbsent(product, Boolean.TRUE) == null) {
      database.read(fresh -> load(fresh, product, today))
          .onComplete(done -> {
            if (done.succeeded()) {
              snapshots.put(product, done.result());
            }
            refreshing.remove(product);
          });
    }
    return snapshot;
  }

  private Snapshot load(DSLContext db, String product, LocalDate today) {
    long version = lotService.postedLots();
    long at = System.nanoTime();
    return new Snapshot(List.copyOf(demands.openLots(db, product, today)),
        Map.copyOf(demands.memberCountsForProduct(db, product, today)), today, version, at);
  }
}
