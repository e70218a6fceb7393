package cn.bangfu.monitoring;

import cn.bangfu.identity.Principal;
import static cn.bangfu.identity.Role.REGULATOR;

import cn.bangfu.platform.Api;
import cn.bangfu.platform.Reply;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * GET /monitoring/alerts/stream: new alerts as server-sent events (text/event-stream), each an
 * {@code event: alert} with the alert's JSON, for the signed-in regulator's region only — or, when one
 * change opened more than {@link AlertFeed#ONE_BY_ONE}, an {@code event: alerts-opened} per village and year
 * ({@code {"regionCode", "year", "opened"}}) to reload the list by. The stream stays
 * open until the client leaves; a comment line every 25 s keeps proxies from closing it.
 */
final class AlertStream {
  private static final long KEEP_ALIVE_MS = 25_000;

  private AlertStream() {
  }

  static void mount(Api<Principal> api) {
    api.route(HttpMethod.GET, "/monitoring/alerts/stream", Set.of(REGULATOR), (ctx, caller) -> {
      String region = caller.scopeId();
      HttpServerResponse response = ctx.response();
      response.setChunked(true)
          .putHeader("Content-Type", "text/event-stream; charset=utf-8")
          .putHeader("Cache-Control", "no-store")
          .putHeader("X-Accel-Buffering", "no")
          // never gzip an event stream: the compressor would hold events back until its buffer fills
          .putHeader(io.vertx.core.http.HttpHeaders.CONTENT_ENCODING, io.vertx.core.http.HttpHeaders.IDENTITY);
      var vertx = ctx.vertx();
      MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(AlertFeed.ADDRESS, message -> {
        JsonObject alert = message.body();
        String code = alert.getString("regionCode");
        if (code != null && code.startsWith(region) && !response.closed()) {
          if (AlertFeed.isSummary(alert)) {
            // many opened at once (a line set over a province): how many in which village, not each one
            response.write("event: alerts-opened\ndata: " + alert.encode() + "\n\n");
            return;
          }
          JsonObject sent = alert.copy();
          sent.remove("regionCode");
          response.write("id: " + sent.getString("id") + "\nevent: alert\ndata: " + sent.encode() + "\n\n");
        }
      });
      long keepAlive = vertx.setPeriodic(KEEP_ALIVE_MS, t -> {
        if (!response.closed()) {
          response.write(": keep-alive\n\n");
        }
      });
      Promise<Reply> done = Promise.promise();
      // the subscription is registered on every node before the client is told it is subscribed
      consumer.completion().onComplete(registered -> response.write(": subscribed to " + region + "\n\n"));
      response.closeHandler(v -> {
        consumer.unregister();
        vertx.cancelTimer(keepAlive);
        done.tryComplete(new Reply(200, "text/event-stream", io.vertx.core.buffer.Buffer.buffer()));
      });
      return done.future();
    });
  }
}
