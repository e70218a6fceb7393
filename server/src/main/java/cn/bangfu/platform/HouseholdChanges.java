package cn.bangfu.platform;

import io.vertx.core.Future;
import java.time.LocalDate;
import java.util.Collection;

/**
 * Tells the watcher of households (monitoring, DESIGN.md 8.3) that a committed write changed what
 * households earn or how they stand: a distribution posted, paid or reversed, a delivery or labour
 * day recorded, a membership, a status decision. The watcher re-evaluates those households' alerts,
 * so reading the alerts never has to write them.
 *
 * <p>It lives in platform because the capabilities that change income (registry, distribution) cannot
 * know monitoring, which reads them. It is called after the write committed, never inside it: a
 * failing evaluation must not undo a posting, and the alerts it would have changed are put right by
 * the next evaluation of the region ({@code POST /monitoring/evaluations}). The writer waits for the
 * evaluation of up to {@link #AWAITED} households, so its client reads alerts that already reflect its
 * write; a larger change (a province cooperative's run names 150,000 households) is evaluated after the
 * answer, so a posting's latency stays the posting's own.
 */
public final class HouseholdChanges {
  /**
   * Re-evaluates the households; {@code on} is the business day the change is dated (which year it counts
   * in), {@code causedBy} the user whose write it was (the chain names who is behind each alert).
   */
  @FunctionalInterface
  public interface Watcher {
    Future<Void> changed(Collection<Long> householdIds, LocalDate on, long causedBy);
  }

  /** Most households whose re-evaluation a write's client waits for. */
  public static final int AWAITED = 1_000;

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(HouseholdChanges.class);
  private volatile Watcher watcher = (households, on, by) -> Future.succeededFuture();

  /** The one watcher (set once at start, before the routes are served). */
  public void watch(Watcher w) {
    this.watcher = w;
  }

  /**
   * {@code committed}'s result once the watcher has re-evaluated the households it names. A watcher that
   * fails is logged, not passed on: the write it follows is committed and its client must hear so.
   */
  public <T> Future<T> after(Future<T> committed, java.util.function.Function<T, Collection<Long>> households,
      java.util.function.Function<T, LocalDate> on, long causedBy) {
    return committed.compose(result -> {
      Collection<Long> ids = households.apply(result);
      if (ids.isEmpty()) {
        return Future.succeededFuture(result);
      }
      Future<Void> evaluated = watcher.changed(ids, on.apply(result), causedBy)
          .otherwise(e -> {
            LOG.warn("alerts of {} household(s) not re-evaluated after a committed change; the next evaluation of"
                + " their region will", ids.size(), e);
            return null;
          });
      return ids.size() <= AWAITED ? evaluated.map(v -> result) : Future.succeededFuture(result);
    });
  }
}
