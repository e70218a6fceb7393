package cn.bangfu.orders;

import cn.bangfu.identity.Principal;
import cn.bangfu.platform.Idempotency;
import static cn.bangfu.identity.Role.ADMIN;
import static cn.bangfu.identity.Role.BUYER;
import static cn.bangfu.identity.Role.COOP;
import static cn.bangfu.identity.Role.REGULATOR;

import cn.bangfu.orders.OrderService.NewOrder;
import cn.bangfu.orders.OrderTransitions.Action;
import cn.bangfu.orders.OrderTransitions.Details;
import cn.bangfu.platform.Api;
import cn.bangfu.platform.Body;
import cn.bangfu.platform.BusinessClock;
import cn.bangfu.platform.Paging;
import cn.bangfu.platform.Problem;
import cn.bangfu.platform.Reply;
import cn.bangfu.supply.LotRoutes;
import cn.bangfu.platform.Params;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Set;

/**
 * HTTP for orders. POST /orders needs an Idempotency-Key header; the transitions accept one too
 * (a retried settle then gets its first answer instead of a 409).
 */
public final class OrderRoutes {
  private OrderRoutes() {
  }

  public static void mount(Api<Principal> api, OrderService orders, OrderTransitions transitions) {
    api.route(HttpMethod.POST, "/orders", Set.of(BUYER), (ctx, caller) -> {
      String key = Idempotency.checkedKey(ctx.request().getHeader("Idempotency-Key"), true);
      Body body = Body.of(ctx);
      NewOrder order = new NewOrder(body.id("lotId"),
          body.decimal("quantity", 3, BigDecimal.ZERO, LotRoutes.MAX_QUANTITY),
          body.has("demandId") ? body.id("demandId") : null);
      return orders.place(caller, order, Idempotency.request(caller, key, "POST", "/orders", body.json()));
    });
    api.route(HttpMethod.GET, "/orders", Set.of(BUYER, COOP), (ctx, caller) -> {
      Paging page = Paging.of(ctx);
      OrderStatus status = status(ctx);
      return orders.list(caller, status, page.limit(), page.offset())
          .map(rows -> Reply.ok(page.wrap(rows.stream().map(OrderJson::order).toList())));
    });
    api.route(HttpMethod.GET, "/orders/:id", Set.of(ADMIN, REGULATOR, COOP, BUYER), (ctx, caller) ->
        orders.order(caller, Api.pathId(ctx, "id", "order")).map(row -> Reply.ok(OrderJson.order(row))));
    api.route(HttpMethod.GET, "/orders/:id/history", Set.of(ADMIN, REGULATOR, COOP, BUYER), (ctx, caller) ->
        orders.history(caller, Api.pathId(ctx, "id", "order"))
            .map(rows -> Reply.ok(new JsonObject().put("orderId", ctx.pathParam("id"))
                .put("items", new JsonArray(rows.stream().map(OrderJson::history).toList())))));

    for (Action action : Action.values()) {
      api.route(HttpMethod.POST, "/orders/:id/" + action.path(), action.roles(), (ctx, caller) -> {
        long id = Api.pathId(ctx, "id", "order");
        String key = Idempotency.checkedKey(ctx.request().getHeader("Idempotency-Key"), false);
        JsonObject json = hasBody(ctx) || action == Action.ACCEPT || action == Action.SETTLE
            ? Body.of(ctx).json() : null;
        Details details = details(action, json, BusinessClock.of(ctx));
        return transitions.apply(caller, id, action, details,
            Idempotency.request(caller, key, "POST", "/orders/" + id + "/" + action.path(), json));
      });
    }
  }

  /**
   * Whether the client sent a body. BodyHandler keeps none for a multipart form, so the declared
   * length counts too: a form body then meets Body.of's 415 instead of being silently dropped.
   */
  private static boolean hasBody(RoutingContext ctx) {
    String length = ctx.request().getHeader("Content-Length");
    return ctx.body() != null && ctx.body().length() > 0 || length != null && !length.strip().equals("0")
        || ctx.request().getHeader("Transfer-Encoding") != null;
  }

  private static Details details(Action action, JsonObject json, BusinessClock clock) {
    Body body = json == null ? null : Body.wrap(json, "", clock);
    return switch (action) {
      case ACCEPT -> new Details(body.decimal("acceptedQuantity", 3, BigDecimal.ZERO, LotRoutes.MAX_QUANTITY),
          null, null, null, null);
      case SETTLE -> {
        long amountFen = body.fen("amountFen", 1);
        String paymentRef = body.text("paymentRef", 100);
        LocalDate settledOn = body.pastDate("settledOn");
        if (settledOn.isAfter(clock.today())) {
          throw Problem.badRequest("settledOn", "settledOn is in the future");
        }
        yield new Details(null, amountFen, paymentRef, settledOn, null);
      }
      default -> body == null ? Details.NONE : new Details(null, null, null, null, body.optionalText("reason", 500));
    };
  }

  private static OrderStatus status(RoutingContext ctx) {
    String raw = Params.text(ctx, "status", 16);
    if (raw == null) {
      return null;
    }
    try {
      return OrderStatus.valueOf(raw);
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest("status", "status must be one of " + java.util.Arrays.toString(OrderStatus.values()));
    }
  }
}
