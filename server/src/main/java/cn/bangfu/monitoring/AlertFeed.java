package cn.bangfu.monitoring;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * New alerts on the event bus, published once their transaction committed, for every HTTP event loop's
 * SSE subscribers (and, clustered, every instance's) to filter by their regulator's region.
 */
public final class AlertFeed {
  static final String ADDRESS = "monitoring.alerts.opened";
  private final Vertx vertx;

  public AlertFeed(Vertx vertx) {
    this.vertx = vertx;
  }

  void publish(List<JsonObject> opened) {
    opened.forEach(alert -> vertx.eventBus().publish(ADDRESS, alert));
  }
}
