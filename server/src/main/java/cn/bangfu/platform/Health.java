package cn.bangfu.platform;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;

/** GET /health (database reachable) and GET /metrics (Prometheus text). No token: load balancers call them. */
public final class Health {
  private Health() {
  }

  public static void mount(Api<?> api, Database database, PrometheusMeterRegistry registry) {
    api.publicRoute(HttpMethod.GET, "/health", ctx -> database.read(db -> db.selectOne().fetchOne(0, Integer.class))
        .map(one -> Reply.ok(new JsonObject().put("status", "UP").put("database", "UP")))
        .recover(e -> Future.succeededFuture(new Reply(503, "application/json",
            new JsonObject().put("status", "DOWN").put("database", "DOWN").toBuffer()))));
    api.publicRoute(HttpMethod.GET, "/metrics", ctx -> Future.succeededFuture(
        Reply.file("text/plain; version=0.0.4; charset=utf-8", Buffer.buffer(registry.scrape()))));
  }
}
