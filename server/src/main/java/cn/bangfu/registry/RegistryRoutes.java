package cn.bangfu.registry;

import cn.bangfu.identity.Principal;
import static cn.bangfu.identity.Role.ADMIN;
import static cn.bangfu.identity.Role.BUYER;
import static cn.bangfu.identity.Role.COOP;
import static cn.bangfu.identity.Role.HOUSEHOLD;
import static cn.bangfu.identity.Role.REGULATOR;

import cn.bangfu.platform.Api;
import cn.bangfu.platform.Body;
import cn.bangfu.platform.Paging;
import cn.bangfu.platform.Problem;
import cn.bangfu.platform.Reply;
import cn.bangfu.rules.model.HouseholdStatus;
import cn.bangfu.rules.model.LaborCapacity;
import cn.bangfu.rules.model.ShareClass;
import cn.bangfu.registry.RegistryCommands.NewBuyer;
import cn.bangfu.registry.RegistryCommands.NewCooperative;
import cn.bangfu.registry.RegistryCommands.NewDelivery;
import cn.bangfu.registry.RegistryCommands.NewHousehold;
import cn.bangfu.registry.RegistryCommands.NewLabor;
import cn.bangfu.registry.RegistryCommands.NewMembership;
import cn.bangfu.registry.RegistryCommands.NewPairing;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** HTTP for the registry: parse and check every field, then delegate to {@link RegistryService}. */
public final class RegistryRoutes {
  private static final BigDecimal MAX_QUANTITY = new BigDecimal("1000000000");

  private RegistryRoutes() {
  }

  public static void mount(Api<Principal> api, RegistryService registry) {
    api.route(HttpMethod.POST, "/cooperatives", Set.of(ADMIN), (ctx, caller) -> {
      Body body = Body.of(ctx);
      NewCooperative c = new NewCooperative(body.text("name", 200), uscc(body), regionCode(body));
      return registry.registerCooperative(caller, c).map(row -> Reply.created(RegistryJson.cooperative(row)));
    });
    api.route(HttpMethod.GET, "/cooperatives", Set.of(ADMIN, REGULATOR, COOP), (ctx, caller) -> {
      Paging page = Paging.of(ctx);
      return registry.cooperatives(caller, page.limit(), page.offset())
          .map(rows -> Reply.ok(page.wrap(rows.stream().map(RegistryJson::cooperative).toList())));
    });
    api.route(HttpMethod.GET, "/cooperatives/:id", Set.of(ADMIN, REGULATOR, COOP), (ctx, caller) ->
        registry.cooperative(caller, Api.pathId(ctx, "id", "cooperative"))
            .map(row -> Reply.ok(RegistryJson.cooperative(row))));

    api.route(HttpMethod.POST, "/households", Set.of(ADMIN, COOP), (ctx, caller) -> {
      NewHousehold h = newHousehold(Body.of(ctx));
      return registry.registerHousehold(caller, h).map(row -> Reply.created(RegistryJson.household(row)));
    });
    api.route(HttpMethod.GET, "/households/:id", Set.of(ADMIN, REGULATOR, COOP, HOUSEHOLD), (ctx, caller) ->
        registry.household(caller, Api.pathId(ctx, "id", "household"))
            .map(view -> Reply.ok(RegistryJson.household(view.household(), view.memberships()))));

    api.route(HttpMethod.PATCH, "/households/:id", Set.of(ADMIN, REGULATOR), (ctx, caller) -> {
      long householdId = Api.pathId(ctx, "id", "household");
      Body body = Body.of(ctx);
      RegistryCommands.HouseholdChange change = new RegistryCommands.HouseholdChange(
          body.has("status") ? body.enumValue("status", HouseholdStatus.class) : null,
          body.has("laborCapacity") ? body.enumValue("laborCapacity", LaborCapacity.class) : null,
          body.has("blacklisted") ? booleanOf(body, "blacklisted") : null,
          body.optionalDate("exitDate"),
          body.has("lowIncomeKind") ? body.enumValue("lowIncomeKind", LowIncomeKind.class) : null,
          body.optionalDate("effectiveDate"), body.optionalText("reason", 500));
      if (change.status() == null && change.laborCapacity() == null && change.blacklisted() == null
          && change.exitDate() == null) {
        throw Problem.badRequest("status", "send at least one of status, laborCapacity, blacklisted, exitDate");
      }
      if (change.status() == HouseholdStatus.LOW_INCOME && change.lowIncomeKind() == null) {
        throw Problem.badRequest("lowIncomeKind", "lowIncomeKind (MINIMUM_LIVING, EXTREME_POVERTY,"
            + " NEAR_MINIMUM_LIVING or RIGID_EXPENDITURE) is required when status becomes LOW_INCOME");
      }
      if (change.lowIncomeKind() != null && change.status() != HouseholdStatus.LOW_INCOME) {
        throw Problem.badRequest("lowIncomeKind", "lowIncomeKind goes with status LOW_INCOME");
      }
      if (change.status() == HouseholdStatus.EXITED && change.exitDate() == null) {
        throw Problem.badRequest("exitDate", "exitDate is required when status becomes EXITED");
      }
      return registry.changeHousehold(caller, householdId, change).map(row -> Reply.ok(RegistryJson.household(row)));
    });

    api.route(HttpMethod.POST, "/buyers", Set.of(ADMIN), (ctx, caller) -> {
      Body body = Body.of(ctx);
      NewBuyer b = new NewBuyer(body.text("name", 200), body.enumValue("kind", BuyerKind.class), uscc(body),
          regionCode(body), body.fen("annualFoodBudgetFen", 0),
          body.decimal("reservedSharePercent", 2, new BigDecimal("-0.01"), new BigDecimal("100")));
      return registry.registerBuyer(caller, b).map(row -> Reply.created(RegistryJson.buyer(row)));
    });
    api.route(HttpMethod.GET, "/buyers/:id", Set.of(ADMIN, REGULATOR, BUYER), (ctx, caller) ->
        registry.buyer(caller, Api.pathId(ctx, "id", "buyer")).map(row -> Reply.ok(RegistryJson.buyer(row))));

    api.route(HttpMethod.POST, "/pairings", Set.of(ADMIN, REGULATOR), (ctx, caller) -> {
      Body body = Body.of(ctx);
      NewPairing p = new NewPairing(body.id("buyerId"), body.id("cooperativeId"),
          body.enumValue("form", PairingForm.class));
      return registry.pair(caller, p).map(row -> Reply.created(RegistryJson.pairing(row)));
    });

    mountCooperativeBooks(api, registry);
  }

  /** A household as the API reads it; the console's membership form goes through the same checks. */
  public static NewHousehold newHousehold(Body body) {
    String name = body.text("name", 50);
    String idNumber = IdentityNumber.normalize(body.text("idNumber", 18));
    String why = IdentityNumber.problemWith(idNumber);
    if (why != null) {
      throw Problem.badRequest("idNumber", "idNumber " + why);
    }
    // status may be left out by a cooperative (it registers ORDINARY households); the service decides
    // who may set what, so every caller of registerHousehold meets the same rule
    return new NewHousehold(name, idNumber, regionCode(body),
        (int) body.integer("members", 1, 30), body.enumValue("laborCapacity", LaborCapacity.class),
        body.has("status") ? body.enumValue("status", HouseholdStatus.class) : null,
        body.has("blacklisted") && booleanOf(body, "blacklisted"), body.optionalDate("exitDate"),
        body.has("proposedStatus") ? body.enumValue("proposedStatus", HouseholdStatus.class) : null);
  }

  /** One share holding of a membership as the API reads it ({@code shares[i]}). */
  public static NewMembership.Share share(Body share, int i) {
    LocalDate since = share.date("since");
    LocalDate until = share.optionalDate("until");
    if (until != null && until.isBefore(since)) {
      throw Problem.badRequest("shares[" + i + "].until", "shares[" + i + "].until is before since");
    }
    return new NewMembership.Share(share.enumValue("shareClass", ShareClass.class),
        share.decimal("units", 3, BigDecimal.ZERO, MAX_QUANTITY), since, until);
  }

  /** A day's labour as the API reads it; the console's form goes through the same checks. */
  public static NewLabor newLabor(Body body) {
    // wageFen and workers say who was employed (100+1+1 counts persons paid a wage); both optional
    return new NewLabor(body.id("householdId"),
        body.decimal("days", 1, BigDecimal.ZERO, new BigDecimal("366")), body.pastDate("date"), body.text("post", 100),
        body.has("wageFen") ? Long.valueOf(body.fen("wageFen", 0)) : null,
        body.has("workers") ? (int) body.integer("workers", 1, 30) : 1);
  }

  private static void mountCooperativeBooks(Api<Principal> api, RegistryService registry) {
    api.route(HttpMethod.POST, "/cooperatives/:id/members", Set.of(ADMIN, COOP), (ctx, caller) -> {
      long cooperativeId = Api.pathId(ctx, "id", "cooperative");
      Body body = Body.of(ctx);
      long householdId = body.id("householdId");
      JsonArray array = body.array("shares", 0, 50);
      List<NewMembership.Share> shares = new ArrayList<>();
      for (int i = 0; i < array.size(); i++) {
        shares.add(share(body.element("shares", array, i), i));
      }
      return registry.addMember(caller, cooperativeId, new NewMembership(householdId, shares))
          .map(m -> Reply.created(RegistryJson.membership(m.membership(), m.shares())));
    });
    api.route(HttpMethod.GET, "/cooperatives/:id/members", Set.of(ADMIN, REGULATOR, COOP), (ctx, caller) -> {
      Paging page = Paging.of(ctx);
      return registry.members(caller, Api.pathId(ctx, "id", "cooperative"), page.limit(), page.offset())
          .map(rows -> Reply.ok(page.wrap(rows.stream().map(m -> RegistryJson.membership(m.membership(), m.shares()))
              .toList())));
    });
    api.route(HttpMethod.POST, "/cooperatives/:id/deliveries", Set.of(COOP), (ctx, caller) -> {
      long cooperativeId = Api.pathId(ctx, "id", "cooperative");
      Body body = Body.of(ctx);
      NewDelivery d = new NewDelivery(body.id("householdId"), body.text("product", 100),
          body.decimal("quantity", 3, BigDecimal.ZERO, MAX_QUANTITY), body.enumValue("unit", Unit.class),
          body.fen("valueFen", 0), body.pastDate("date"));
      return registry.recordDelivery(caller, cooperativeId, d).map(row -> Reply.created(RegistryJson.delivery(row)));
    });
    api.route(HttpMethod.POST, "/cooperatives/:id/labor", Set.of(COOP), (ctx, caller) -> {
      long cooperativeId = Api.pathId(ctx, "id", "cooperative");
      NewLabor l = newLabor(Body.of(ctx));
      return registry.recordLabor(caller, cooperativeId, l).map(row -> Reply.created(RegistryJson.labor(row)));
    });
    // POST /cooperatives/:id/costs is the book's (cn.bangfu.book): a cost is an entry on the chart
  }

  private static String uscc(Body body) {
    String uscc = body.text("uscc", 18).toUpperCase(java.util.Locale.ROOT);
    String why = Uscc.problemWith(uscc);
    if (why != null) {
      throw Problem.badRequest("uscc", "uscc " + why);
    }
    return uscc;
  }

  private static String regionCode(Body body) {
    String code = body.text("regionCode", 12);
    String why = RegionCode.problemWith(code);
    if (why != null) {
      throw Problem.badRequest("regionCode", "regionCode " + why);
    }
    return code;
  }

  private static boolean booleanOf(Body body, String field) {
    Object value = body.json().getValue(field);
    if (!(value instanceof Boolean b)) {
      throw Problem.badRequest(field, field + " must be true or false");
    }
    return b;
  }

}
