package cn.bangfu.platform;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** ?limit=&offset= for list reads: limit 1-500 (default 50). */
public record Paging(int limit, int offset) {

  public static Paging of(RoutingContext ctx) {
    return new Paging(param(ctx, "limit", 50, 1, 500), param(ctx, "offset", 0, 0, 10_000_000));
  }

  private static int param(RoutingContext ctx, String name, int fallback, int min, int max) {
    String raw = ctx.queryParams().get(name);
    if (raw == null || raw.isEmpty()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(raw);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException ignored) {
      // falls through to the problem below
    }
    throw Problem.badRequest(name, name + " must be a whole number between " + min + " and " + max);
  }

  public JsonObject wrap(List<JsonObject> items) {
    return new JsonObject().put("items", new JsonArray(items)).put("limit", limit).put("offset", offset);
  }
}
