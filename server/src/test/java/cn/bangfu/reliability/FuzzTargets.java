package cn.bangfu.reliability;

import static cn.bangfu.reliability.BadValues.Field.decimal;
import static cn.bangfu.reliability.BadValues.Field.integer;
import static cn.bangfu.reliability.BadValues.Field.of;
import static cn.bangfu.reliability.BadValues.Field.text;

import cn.bangfu.identity.Role;
import cn.bangfu.reliability.BadValues.Field;
import cn.bangfu.reliability.BadValues.Kind;
import cn.bangfu.support.Fixtures;
import cn.bangfu.support.Market;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * For every write route: the caller, real path ids in the state the route wants, ids of the wrong
 * state, a valid body and its fields with their kinds. The fuzz test fails when the server has a
 * write route missing here, so a new route cannot go unfuzzed.
 */
final class FuzzTargets {
  enum BodyMode { REQUIRED, OPTIONAL, NONE }

  enum KeyMode { NONE, OPTIONAL, REQUIRED }

  record Target(Role caller, Map<String, String> pathIds, List<String> wrongState, BodyMode body, JsonObject valid,
      List<Field> fields, KeyMode key) {
  }

  private FuzzTargets() {
  }

  /** The user id a token was issued to (its "sub" claim). */
  private static String subjectOf(String token) {
    return new JsonObject(new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]),
        java.nio.charset.StandardCharsets.UTF_8)).getString("sub");
  }

  static Map<String, Target> forWorld(FuzzWorld w) {
    Map<String, Target> t = new LinkedHashMap<>();
    Map<String, String> none = Map.of();
    String today = w.server.today().toString();
    t.put("POST /api/v1/auth/token", new Target(null, none, List.of(), BodyMode.REQUIRED,
        new JsonObject().put("username", "admin").put("password", "not-the-admin-password"),
        List.of(text("username", 64, true), text("password", 200, true)), KeyMode.NONE));
    t.put("POST /api/v1/users", new Target(Role.ADMIN, none, List.of(), BodyMode.REQUIRED,
        new JsonObject().put("username", "county-auditor").put("password", "long-enough-password")
            .put("role", "REGULATOR").put("scopeId", "4501"),
        List.of(of("username", Kind.USERNAME, true), of("password", Kind.PASSWORD, true), of("role", Kind.ENUM, true),
            of("scopeId", Kind.REGION_PREFIX, true)), KeyMode.NONE));
    // a real user (the cooperative's accountant): any bad request that slipped through would disable it
    t.put("PATCH /api/v1/users/:id", new Target(Role.ADMIN, Map.of("id", subjectOf(w.coopToken)), List.of(),
        BodyMode.REQUIRED, new JsonObject().put("disabled", false), List.of(of("disabled", Kind.BOOLEAN, true)),
        KeyMode.NONE));
    t.put("POST /api/v1/cooperatives", new Target(Role.ADMIN, none, List.of(), BodyMode.REQUIRED,
        Fixtures.cooperative("新寨村猕猴桃合作社"),
        List.of(text("name", 200, true), of("uscc", Kind.USCC, true), of("regionCode", Kind.REGION, true)), KeyMode.NONE));
    t.put("POST /api/v1/households", new Target(Role.COOP, none, List.of(), BodyMode.REQUIRED,
        // a cooperative registers ORDINARY and proposes the poverty status (issue 12 finding 6)
        Fixtures.household("杨启航", Fixtures.idNumber()).put("status", "ORDINARY").put("blacklisted", false)
            .put("proposedStatus", "REGISTERED_POOR"),
        List.of(text("name", 50, true), of("idNumber", Kind.ID_NUMBER, true), of("regionCode", Kind.REGION, true),
            integer("members", 1, 30), of("laborCapacity", Kind.ENUM, true), of("status", Kind.ENUM, false),
            of("proposedStatus", Kind.ENUM, false), of("blacklisted", Kind.BOOLEAN, false),
            of("exitDate", Kind.DATE, false)), KeyMode.NONE));
    t.put("PUT /api/v1/households/:id/bank-account", new Target(Role.REGULATOR, Map.of("id", w.member), List.of(),
        BodyMode.REQUIRED, new JsonObject().put("bankName", "农村信用合作联社").put("holderName", "杨明宇")
            .put("accountNumber", "6217000012345678901"),
        List.of(text("bankName", 100, true), text("holderName", 100, true), text("accountNumber", 40, true)),
        KeyMode.NONE));
    t.put("PATCH /api/v1/households/:id", new Target(Role.REGULATOR, Map.of("id", w.member), List.of(),
        BodyMode.REQUIRED, new JsonObject().put("status", "MONITORED").put("blacklisted", false),
        List.of(of("status", Kind.ENUM, false), of("laborCapacity", Kind.ENUM, false),
            of("blacklisted", Kind.BOOLEAN, false), of("exitDate", Kind.DATE, false),
            of("effectiveDate", Kind.DATE, false), text("reason", 500, false), of("lowIncomeKind", Kind.ENUM, false)),
        KeyMode.NONE));
    t.put("POST /api/v1/buyers", new Target(Role.ADMIN, none, List.of(), BodyMode.REQUIRED, Fixtures.buyer("县人民医院食堂"),
        List.of(text("name", 200, true), of("kind", Kind.ENUM, true), of("uscc", Kind.USCC, true),
            of("regionCode", Kind.REGION, true), integer("annualFoodBudgetFen", 0, cn.bangfu.platform.Body.MAX_FEN),
            decimal("reservedSharePercent", 2, "-0.01", "100", true)), KeyMode.NONE));
    t.put("POST /api/v1/pairings", new Target(Role.REGULATOR, none, List.of(), BodyMode.REQUIRED,
        new JsonObject().put("buyerId", w.buyer).put("cooperativeId", w.coop).put("form", "POINT_TO_POINT"),
        List.of(of("buyerId", Kind.ID, true), of("cooperativeId", Kind.ID, true), of("form", Kind.ENUM, true)),
        KeyMode.NONE));
    Map<String, String> coop = Map.of("id", w.coop);
    t.put("POST /api/v1/cooperatives/:id/members", new Target(Role.COOP, coop, List.of(), BodyMode.REQUIRED,
        new JsonObject().put("householdId", w.nonMember).put("shares", new JsonArray().add(new JsonObject()
            .put("shareClass", "LAND").put("units", "4.5").put("since", "2026-01-01"))),
        List.of(of("householdId", Kind.ID, true), of("shares", Kind.SHARES, true)), KeyMode.NONE));
    t.put("POST /api/v1/cooperatives/:id/deliveries", new Target(Role.COOP, coop, List.of(), BodyMode.REQUIRED,
        Fixtures.delivery(w.member),
        List.of(of("householdId", Kind.ID, true), text("product", 100, true),
            decimal("quantity", 3, "0", "1000000000", true), of("unit", Kind.ENUM, true),
            integer("valueFen", 0, cn.bangfu.platform.Body.MAX_FEN), of("date", Kind.DATE, true)), KeyMode.NONE));
    t.put("POST /api/v1/cooperatives/:id/labor", new Target(Role.COOP, coop, List.of(), BodyMode.REQUIRED,
        new JsonObject().put("householdId", w.member).put("days", "3.5").put("date", "2026-09-01").put("post", "保洁员"),
        List.of(of("householdId", Kind.ID, true), decimal("days", 1, "0", "366", true), of("date", Kind.DATE, true),
            text("post", 100, true),
            new Field("wageFen", Kind.INTEGER, false, 0, 0, cn.bangfu.platform.Body.MAX_FEN, 0, null, null),
            new Field("workers", Kind.INTEGER, false, 0, 1, 30, 0, null, null)), KeyMode.NONE));
    t.put("POST /api/v1/cooperatives/:id/welfare-posts", new Target(Role.COOP, coop, List.of(), BodyMode.REQUIRED,
        new JsonObject().put("name", "护林员").put("regionCode", Fixtures.REGION).put("monthlyPayFen", 80_000)
            .put("workDaysPerMonth", 22).put("capacity", 1).put("startsOn", "2026-03-01"),
        List.of(text("name", 100, true), of("regionCode", Kind.REGION, true), integer("monthlyPayFen", 1, 10_000_000),
            integer("workDaysPerMonth", 1, 31), integer("capacity", 1, 1000), of("startsOn", Kind.DATE, true),
            of("endsOn", Kind.DATE, false)), KeyMode.NONE));
    t.put("POST /api/v1/cooperatives/:id/welfare-posts/:postId/days", new Target(Role.COOP,
        Map.of("id", w.coop, "postId", w.welfarePost), List.of(), BodyMode.REQUIRED,
        new JsonObject().put("householdId", w.member).put("days", "0.5").put("date", "2026-09-01"),
        List.of(of("householdId", Kind.ID, true), decimal("days", 1, "0", "31", true), of("date", Kind.DATE, true)),
        KeyMode.NONE));
    t.put("POST /api/v1/cooperatives/:id/plots", new Target(Role.COOP, coop, List.of(), BodyMode.REQUIRED,
        new JsonObject().put("name", "老虎坳油茶基地").put("regionCode", Fixtures.REGION).put("areaMu", "120.5")
            .put("since", "2026-01-01"),
        List.of(text("name", 100, true), of("regionCode", Kind.REGION, true),
            decimal("areaMu", 2, "0", "1000000", true), of("since", Kind.DATE, true), of("until", Kind.DATE, false)),
        KeyMode.NONE));
    t.put("POST /api/v1/cooperatives/:id/costs", new Target(Role.COOP, coop, List.of(), BodyMode.REQUIRED,
        new JsonObject().put("amountFen", 120_000).put("category", "TRANSPORT").put("date", "2026-09-01").put("note", "冷链")
            .put("paidFrom", "BANK"),
        List.of(integer("amountFen", 1, cn.bangfu.platform.Body.MAX_FEN), of("category", Kind.ENUM, true),
            of("date", Kind.DATE, true), text("note", 500, false), of("paidFrom", Kind.ENUM, false)), KeyMode.NONE));
    t.put("POST /api/v1/cooperatives/:id/income", new Target(Role.COOP, coop, List.of(), BodyMode.REQUIRED,
        new JsonObject().put("amountFen", 600_000).put("category", "PV_GRID").put("date", "2026-09-01")
            .put("note", "光伏电站并网收入").put("into", "BANK"),
        List.of(integer("amountFen", 1, cn.bangfu.platform.Body.MAX_FEN), of("category", Kind.ENUM, true),
            of("date", Kind.DATE, true), text("note", 500, false), of("into", Kind.ENUM, true)), KeyMode.NONE));
    t.put("POST /api/v1/cooperatives/:id/contributions", new Target(Role.COOP, coop, List.of(), BodyMode.REQUIRED,
        new JsonObject().put("householdId", w.member).put("amountFen", 300_000).put("date", "2026-09-01")
            .put("kind", "CAPITAL"),
        List.of(of("householdId", Kind.ID, true), integer("amountFen", 1, cn.bangfu.platform.Body.MAX_FEN),
            of("date", Kind.DATE, true), of("kind", Kind.ENUM, true)), KeyMode.NONE));
    t.put("POST /api/v1/cooperatives/:id/produce-purchases", new Target(Role.COOP, coop, List.of(), BodyMode.REQUIRED,
        new JsonObject().put("householdId", w.member).put("product", "葡萄").put("quantity", "500").put("unit", "KG")
            .put("valueFen", 600_000).put("date", "2026-09-01"),
        List.of(of("householdId", Kind.ID, true), text("product", 100, true),
            decimal("quantity", 3, "0", "1000000000", true), of("unit", Kind.ENUM, true),
            integer("valueFen", 1, cn.bangfu.platform.Body.MAX_FEN), of("date", Kind.DATE, true)), KeyMode.NONE));
    t.put("POST /api/v1/cooperatives/:id/payments", new Target(Role.COOP, coop, List.of(), BodyMode.REQUIRED,
        new JsonObject().put("payable", "MEMBER_CURRENT").put("householdId", w.member).put("amountFen", 100)
            .put("date", "2026-09-02").put("from", "BANK").put("note", "葡萄收购款"),
        List.of(of("payable", Kind.ENUM, true), of("householdId", Kind.ID, true),
            integer("amountFen", 1, cn.bangfu.platform.Body.MAX_FEN), of("date", Kind.DATE, true),
            of("from", Kind.ENUM, true), text("note", 500, false)), KeyMode.NONE));
    t.put("POST /api/v1/cooperatives/:id/periods/:year/close", new Target(Role.COOP,
        Map.of("id", w.coop, "year", "2024"), List.of(), BodyMode.NONE, new JsonObject(), List.of(), KeyMode.NONE));
    t.put("POST /api/v1/lots", new Target(Role.COOP, none, List.of(), BodyMode.REQUIRED,
        new JsonObject().put("cooperativeId", w.coop).put("product", "葡萄").put("grade", "一级").put("quantity", "450")
            .put("unit", "KG").put("unitPriceFen", 1200).put("availableFrom", today)
            .put("availableTo", w.server.today().plusDays(30).toString()).put("minOrderQuantity", "5")
            .put("certifications", new JsonArray().add("GREEN")),
        List.of(of("cooperativeId", Kind.ID, true), text("product", 100, true), text("grade", 40, true),
            decimal("quantity", 3, "0", "1000000000", true), of("unit", Kind.ENUM, true),
            integer("unitPriceFen", 1, 10_000_000_000L), of("availableFrom", Kind.DATE, true),
            of("availableTo", Kind.DATE, true), decimal("minOrderQuantity", 3, "0", "1000000000", false),
            of("certifications", Kind.CERTIFICATIONS, false)), KeyMode.NONE));
    t.put("POST /api/v1/lots/:id/close", new Target(Role.COOP, Map.of("id", w.lot), List.of(), BodyMode.NONE,
        new JsonObject(), List.of(), KeyMode.NONE));
    t.put("POST /api/v1/demands", new Target(Role.BUYER, none, List.of(), BodyMode.REQUIRED,
        new JsonObject().put("buyerId", w.buyer).put("product", "葡萄").put("quantity", "200").put("unit", "KG")
            .put("maxUnitPriceFen", 1300).put("deliverBy", w.server.today().plusDays(20).toString())
            .put("deliveryRegionCode", Fixtures.REGION),
        List.of(of("buyerId", Kind.ID, true), text("product", 100, true), decimal("quantity", 3, "0", "1000000000", true),
            of("unit", Kind.ENUM, true), integer("maxUnitPriceFen", 1, 10_000_000_000L),
            of("deliverBy", Kind.DATE, true), of("deliveryRegionCode", Kind.REGION, false)), KeyMode.NONE));
    t.put("POST /api/v1/orders", new Target(Role.BUYER, none, List.of(), BodyMode.REQUIRED,
        new JsonObject().put("lotId", w.lot).put("quantity", "12.5"),
        List.of(of("lotId", Kind.ID, true), decimal("quantity", 3, "0", "1000000000", true),
            of("demandId", Kind.ID, false)), KeyMode.REQUIRED));
    transitions(t, w);
    distributions(t, w);
    t.put("POST /api/v1/rule-sets/validate", new Target(Role.COOP, none, List.of(), BodyMode.REQUIRED,
        new JsonObject().put("yaml", "id: x").put("fileName", "draft.yaml"),
        List.of(of("yaml", Kind.YAML, true), text("fileName", 200, false)), KeyMode.NONE));
    monitoring(t, w);
    return t;
  }

  /** Low-income monitoring (issue 17): the region's regulator on the member household's chain. */
  private static void monitoring(Map<String, Target> t, FuzzWorld w) {
    Map<String, String> household = Map.of("id", w.member);
    long maxFen = cn.bangfu.platform.Body.MAX_FEN;
    t.put("PUT /api/v1/monitoring/lines/:regionPrefix/:year", new Target(Role.REGULATOR,
        Map.of("regionPrefix", "450123", "year", "2026"), List.of(), BodyMode.REQUIRED,
        new JsonObject().put("perCapitaIncomeFen", 700_000), List.of(integer("perCapitaIncomeFen", 1, maxFen)),
        KeyMode.NONE));
    t.put("POST /api/v1/households/:id/events", new Target(Role.REGULATOR, household, List.of(), BodyMode.REQUIRED,
        new JsonObject().put("kind", "MEDICAL_EXPENSE").put("amountFen", 1_200_000).put("date", "2026-10-08")
            .put("note", "住院自付"),
        // amountFen is optional: not every risk event has an amount (a death, a disability)
        List.of(of("kind", Kind.ENUM, true), new Field("amountFen", Kind.INTEGER, false, 0, 0, maxFen, 0, null, null),
            of("date", Kind.DATE, true),
            text("note", 1000, false)), KeyMode.NONE));
    t.put("POST /api/v1/households/:id/assistance", new Target(Role.REGULATOR, household, List.of(),
        BodyMode.REQUIRED, new JsonObject().put("department", "县民政局").put("kind", "TEMPORARY_RELIEF")
            .put("amountFen", 200_000).put("start", "2026-10-01").put("end", "2026-10-31").put("note", "临时救助"),
        List.of(text("department", 100, true), of("kind", Kind.ENUM, true), integer("amountFen", 0, maxFen),
            of("start", Kind.DATE, true), of("end", Kind.DATE, true), text("note", 1000, false)), KeyMode.NONE));
    t.put("POST /api/v1/households/:id/referrals", new Target(Role.REGULATOR, household, List.of(),
        BodyMode.REQUIRED, new JsonObject().put("department", "县医疗保障局").put("dueOn", "2026-12-31")
            .put("note", "转办医疗救助"),
        List.of(text("department", 100, true), of("dueOn", Kind.DATE, true), text("note", 1000, false)),
        KeyMode.NONE));
    t.put("POST /api/v1/households/:id/follow-ups", new Target(Role.REGULATOR, household, List.of(),
        BodyMode.REQUIRED, new JsonObject().put("note", "入户回访"),
        List.of(text("note", 1000, true), of("referralId", Kind.ID, false)), KeyMode.NONE));
    t.put("POST /api/v1/households/:id/closure", new Target(Role.REGULATOR, household, List.of(),
        BodyMode.REQUIRED, new JsonObject().put("note", "风险消除"), List.of(text("note", 1000, true)), KeyMode.NONE));
    t.put("POST /api/v1/monitoring/evaluations", new Target(Role.REGULATOR, Map.of(), List.of(), BodyMode.OPTIONAL,
        new JsonObject().put("regionPrefix", "450123").put("year", 2026),
        List.of(of("regionPrefix", Kind.REGION_PREFIX, false),
            new Field("year", Kind.INTEGER, false, 0, 2000, 2100, 0, null, null)), KeyMode.NONE));
  }

  private static void transitions(Map<String, Target> t, FuzzWorld w) {
    List<Field> reason = List.of(text("reason", 500, false));
    JsonObject note = new JsonObject().put("reason", "质量核查");
    String[][] steps = {{"confirm", "PLACED", "COOP"}, {"ship", "CONFIRMED", "COOP"}, {"deliver", "SHIPPED", "COOP"},
        {"reject", "PLACED", "COOP"}, {"cancel", "PLACED", "BUYER"}, {"accept", "DELIVERED", "BUYER"},
        {"settle", "ACCEPTED", "BUYER"}};
    for (String[] step : steps) {
      String action = step[0];
      // A cooperative may cancel a CONFIRMED order too; the buyer only a PLACED one.
      List<String> wrong = w.orders.entrySet().stream().filter(e -> !e.getKey().equals(step[1]))
          .map(Map.Entry::getValue).toList();
      BodyMode mode = action.equals("accept") || action.equals("settle") ? BodyMode.REQUIRED : BodyMode.OPTIONAL;
      JsonObject valid = switch (action) {
        case "accept" -> new JsonObject().put("acceptedQuantity", "100");
        case "settle" -> new JsonObject().put("amountFen", 120_000).put("paymentRef", "BANK-20260921-001")
            .put("settledOn", w.server.today().toString());
        default -> note;
      };
      List<Field> fields = switch (action) {
        case "accept" -> List.of(decimal("acceptedQuantity", 3, "0", "1000000000", true));
        case "settle" -> List.of(integer("amountFen", 1, cn.bangfu.platform.Body.MAX_FEN), text("paymentRef", 100, true),
            of("settledOn", Kind.DATE, true));
        default -> reason;
      };
      t.put("POST /api/v1/orders/:id/" + action, new Target(Role.valueOf(step[2]), Map.of("id", w.orders.get(step[1])),
          wrong, mode, valid, fields, KeyMode.OPTIONAL));
    }
  }

  private static void distributions(Map<String, Target> t, FuzzWorld w) {
    Map<String, String> runs = w.runs;
    t.put("POST /api/v1/cooperatives/:id/distributions", new Target(Role.COOP, Map.of("id", w.coop), List.of(),
        BodyMode.REQUIRED, new JsonObject().put("ruleSetId", "coop-surplus-60").put("periodStart", "2026-01-01")
            .put("periodEnd", "2026-06-30"),
        List.of(of("ruleSetId", Kind.RULE_SET, true), of("periodStart", Kind.DATE, true),
            of("periodEnd", Kind.DATE, true)), KeyMode.NONE));
    t.put("POST /api/v1/distributions/:id/publicize", new Target(Role.COOP, Map.of("id", runs.get("DRAFT")),
        others(runs, "DRAFT"), BodyMode.REQUIRED, new JsonObject().put("days", 7), List.of(integer("days", 7, 366)),
        KeyMode.NONE));
    // ENDED is PUBLICIZED with its publicity over: objections are refused there (409). An anonymous
    // objection carries no householdId, so any householdId in this body is refused too.
    t.put("POST /api/v1/distributions/:id/objections", new Target(null, Map.of("id", runs.get("PUBLICIZED")),
        others(runs, "PUBLICIZED", "OBJECTED"), BodyMode.REQUIRED,
        new JsonObject().put("text", "分红比例有误"),
        List.of(text("text", 500, true), of("householdId", Kind.ID, false)), KeyMode.NONE));
    t.put("POST /api/v1/distributions/:id/objections/dismiss", new Target(Role.REGULATOR,
        Map.of("id", runs.get("OBJECTED")), others(runs, "OBJECTED"), BodyMode.REQUIRED,
        new JsonObject().put("objectionIds", new JsonArray().add(w.objection)).put("kind", "DUPLICATE")
            .put("reason", "与第一条异议重复"),
        List.of(of("objectionIds", Kind.ID, true), of("kind", Kind.ENUM, true), text("reason", 500, true)),
        KeyMode.NONE));
    t.put("POST /api/v1/distributions/:id/objections/:objectionId/answer", new Target(Role.COOP,
        Map.of("id", runs.get("OBJECTED"), "objectionId", w.objection), others(runs, "OBJECTED"), BodyMode.REQUIRED,
        new JsonObject().put("answer", "已核实，亩数无误"), List.of(text("answer", 2000, true)), KeyMode.NONE));
    t.put("POST /api/v1/distributions/:id/approve", new Target(Role.REGULATOR, Map.of("id", runs.get("ENDED")),
        others(runs, "ENDED"), BodyMode.NONE, new JsonObject(), List.of(), KeyMode.NONE));
    t.put("POST /api/v1/distributions/:id/reject", new Target(Role.REGULATOR, Map.of("id", runs.get("ENDED")),
        others(runs, "PUBLICIZED", "OBJECTED", "ENDED"), BodyMode.REQUIRED,
        new JsonObject().put("reason", "入股土地亩数与台账不符"), List.of(text("reason", 500, true)), KeyMode.NONE));
    // Posting a POSTED run again answers 200 with the same run (idempotent, nothing written): not a wrong state.
    t.put("POST /api/v1/distributions/:id/post", new Target(Role.COOP, Map.of("id", runs.get("APPROVED")),
        others(runs, "APPROVED", "POSTED"), BodyMode.NONE, new JsonObject(), List.of(), KeyMode.NONE));
    t.put("POST /api/v1/distributions/:id/reverse", new Target(Role.REGULATOR, Map.of("id", runs.get("POSTED")),
        others(runs, "POSTED"), BodyMode.REQUIRED, new JsonObject().put("reason", "核查发现重复计算"),
        List.of(text("reason", 500, true)), KeyMode.NONE));
    t.put("POST /api/v1/distributions/:id/paid", new Target(Role.COOP, Map.of("id", runs.get("POSTED")),
        others(runs, "POSTED"), BodyMode.REQUIRED, new JsonObject().put("paidOn", w.server.today().toString()),
        List.of(of("paidOn", Kind.DATE, true)), KeyMode.NONE));
  }

  private static List<String> others(Map<String, String> runs, String... right) {
    List<String> keep = List.of(right);
    return runs.entrySet().stream().filter(e -> !keep.contains(e.getKey())).map(Map.Entry::getValue).toList();
  }
}
