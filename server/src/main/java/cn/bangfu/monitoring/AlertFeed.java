package cn.bangfu.monitoring;

import cn.bangfu.db.tables.records.MonitoringAlertRecord;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * New alerts on the event bus, published once their transaction committed, for every HTTP event loop's
 * SSE subscribers (and, clustered, every instance's) to filter by their regulator's region.
 *
 * <p>Up to {@link #ONE_BY_ONE} alerts of one transaction are announced one by one. More — a line set or
 * an evaluation over a province opens hundreds of thousands — are announced as one summary per village
 * and year ({@code regionCode, year, opened}): a regulator cannot read 60,000 events, and publishing
 * 1.2 million of them held an event loop for half a second (issue 17, BENCHMARKS.md).
 */
public final class AlertFeed {
  static final String ADDRESS = "monitoring.alerts.opened";
  static final int ONE_BY_ONE = 500;
  private final Vertx vertx;

  public AlertFeed(Vertx vertx) {
    this.vertx = vertx;
  }

  void publish(List<JsonObject> announcements) {
    announcements.forEach(a -> vertx.eventBus().publish(ADDRESS, a));
  }

  /** What to announce for the alerts one transaction opened: each alert, or a count per village and year. */
  static List<JsonObject> announcements(List<MonitoringAlertRecord> opened) {
    if (opened.size() <= ONE_BY_ONE) {
      return opened.stream().map(a -> MonitoringJson.alert(a).put("regionCode", a.getRegionCode())).toList();
    }
    Map<String, int[]> counts = new TreeMap<>();
    for (MonitoringAlertRecord a : opened) {
      counts.computeIfAbsent(a.getRegionCode() + "/" + a.getAlertYear(), k -> new int[1])[0]++;
    }
    return counts.entrySet().stream().map(e -> {
      String[] key = e.getKey().split("/");
      return new JsonObject().put("regionCode", key[0]).put("year", Integer.parseInt(key[1]))
          .put("opened", e.getValue()[0]);
    }).toList();
  }

  /** Whether a message on {@link #ADDRESS} is a summary rather than one alert. */
  static boolean isSummary(JsonObject announcement) {
    return announcement.containsKey("opened");
  }
}
