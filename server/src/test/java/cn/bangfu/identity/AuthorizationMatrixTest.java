package cn.bangfu.identity;

import cn.bangfu.ledger.ChartAccount;
import cn.bangfu.ledger.EntryKind;
import cn.bangfu.ledger.ReferenceType;
import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.platform.Api;
import cn.bangfu.support.ClassServer;
import cn.bangfu.support.Fixtures;
import cn.bangfu.support.Http;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Invariant 10, as a table: every signed-in route × every role × own and other scope. The table is
 * checked in here; the test walks the server's own route list, so a route added without a row here
 * fails the build instead of going unchecked.
 *
 * World: cooperative A (region 450123…, Guangxi) and B (440106…, Guangzhou); household HA member
 * of A, HB member of B; buyer BA in 450123, BB in 440106. The regulator's scope is prefix 450123.
 */
class AuthorizationMatrixTest {
  @ClassServer static TestServer server;
  static final Map<Role, String> TOKENS = new EnumMap<>(Role.class);
  static String coopA;
  static String coopB;
  static String householdA;
  static String householdB;
  static String buyerA;
  static String buyerB;
  static Runs runs;
  static String accountA;
  static String accountB;
  static cn.bangfu.support.MatrixMarket market;
  static String spareUser;
  static String postA;
  static String postB;
  /** The objection of the run the last resolved path made, for bodies that name it. */
  static String lastObjection;

  @BeforeAll
  static void world() {
    coopA = create("/api/v1/cooperatives", Fixtures.cooperative("岑峰村葡萄合作社"));
    coopB = create("/api/v1/cooperatives", Fixtures.cooperative("番禺蔬菜合作社").put("regionCode", "440106000000"));
    householdA = create("/api/v1/households", Fixtures.household("杨明宇", Fixtures.idNumber()));
    householdB = create("/api/v1/households", Fixtures.household("陈志强", Fixtures.idNumber()).put("regionCode", "440106000000"));
    create("/api/v1/cooperatives/" + coopA + "/members", Fixtures.membership(householdA));
    create("/api/v1/cooperatives/" + coopB + "/members", Fixtures.membership(householdB));
    buyerA = create("/api/v1/buyers", Fixtures.buyer("县第一中学食堂"));
    buyerB = create("/api/v1/buyers", Fixtures.buyer("广州某医院").put("regionCode", "440106000000"));
    accountA = settledRevenueAccount(buyerA, coopA);
    accountB = settledRevenueAccount(buyerB, coopB);
    spareUser = create("/api/v1/users", new JsonObject().put("username", "spare-user")
        .put("password", "long-enough-password").put("role", "REGULATOR").put("scopeId", "4501"));
    TOKENS.put(Role.ADMIN, server.adminToken);
    TOKENS.put(Role.REGULATOR, server.userToken("county-regulator", "REGULATOR", "450123"));
    TOKENS.put(Role.COOP, server.userToken("coop-a", "COOP", coopA));
    TOKENS.put(Role.BUYER, server.userToken("buyer-a", "BUYER", buyerA));
    TOKENS.put(Role.HOUSEHOLD, server.userToken("household-a", "HOUSEHOLD", householdA));
    // land rent A owes, so the payments row has something to pay each time it is sent; dated after the
    // one-day runs the matrix drafts (Runs), whose pools would otherwise all claim it
    assertThat(server.http.post("/api/v1/cooperatives/" + coopA + "/costs", TOKENS.get(Role.COOP), new JsonObject()
        .put("amountFen", 10_000).put("category", "LAND_RENT").put("date", "2026-09-01").put("paidFrom", "PAYABLE"))
        .status()).isEqualTo(201);
    runs = new Runs(server, TOKENS.get(Role.COOP), TOKENS.get(Role.REGULATOR),
        server.userToken("regulator-b", "REGULATOR", "4401"));
    // a welfare post of each cooperative and a payout account of each household (issue 14 points 7 and 9)
    postA = welfarePost(coopA, TOKENS.get(Role.COOP), Fixtures.REGION);
    postB = welfarePost(coopB, server.userToken("coop-b", "COOP", coopB), "440106000000");
    for (String h : List.of(householdA, householdB)) {
      assertThat(server.http.send("PUT", "/api/v1/households/" + h + "/bank-account", server.adminToken,
          "application/json", bankAccount().encode()).status()).isEqualTo(200);
    }
    market = new cn.bangfu.support.MatrixMarket(server, coopA, TOKENS.get(Role.COOP), buyerA, TOKENS.get(Role.BUYER),
        coopB, buyerB);
  }

  /** Posts a settlement buyer → cooperative through the ledger; returns the cooperative's revenue account id. */
  private static String settledRevenueAccount(String buyer, String coop) {
    long coopId = Long.parseLong(coop);
    cn.bangfu.ledger.EntryDraft draft = new cn.bangfu.ledger.EntryDraft(EntryKind.ORDER_SETTLEMENT, ReferenceType.ORDER, coopId,
        "matrix-settlement:" + coop, coopId, java.time.LocalDate.of(2026, 9, 15), 1, null, List.of(
            new cn.bangfu.ledger.Posting(cn.bangfu.ledger.AccountRef.of(coopId, ChartAccount.BANK_DEPOSIT), 600_000),
            new cn.bangfu.ledger.Posting(cn.bangfu.ledger.AccountRef.of(coopId, ChartAccount.OPERATING_REVENUE),
                -600_000)));
    server.server().database().dsl().transactionResult(c -> server.server().ledger().post(c.dsl(), draft));
    Http.Response accounts = server.http.get("/api/v1/accounts?ownerType=COOPERATIVE&ownerId=" + coop,
        server.adminToken);
    assertThat(accounts.status()).as(accounts.text()).isEqualTo(200);
    return accounts.body().getJsonArray("items").getJsonObject(0).getString("id");
  }

  private static String welfarePost(String coop, String coopToken, String region) {
    Http.Response r = server.http.post("/api/v1/cooperatives/" + coop + "/welfare-posts", coopToken, new JsonObject()
        .put("name", "村道保洁员").put("regionCode", region).put("monthlyPayFen", 60_000).put("workDaysPerMonth", 20)
        .put("capacity", 1000).put("startsOn", "2026-01-01"));
    assertThat(r.status()).as(r.text()).isEqualTo(201);
    return r.body().getString("id");
  }

  static JsonObject bankAccount() {
    return new JsonObject().put("bankName", "农村信用合作联社").put("holderName", "杨明宇")
        .put("accountNumber", "6217000012345678901");
  }

  private static String create(String path, JsonObject body) {
    Http.Response response = server.http.post(path, server.adminToken, body);
    assertThat(response.status()).as(path + " " + response.text()).isEqualTo(201);
    return response.body().getString("id");
  }

  /** One row of the table: a request against own scope and (optionally) other scope, and who may make it. */
  record Row(String method, String own, String other, Supplier<JsonObject> body, Set<Role> allowedOwn,
      Set<Role> allowedOther) {
  }

  static Map<String, Row> table() {
    Map<String, Row> t = new LinkedHashMap<>();
    Set<Role> all = Set.of(Role.values());
    Set<Role> none = Set.of();
    t.put("POST /api/v1/users", new Row("POST", "/api/v1/users", null,
        () -> new JsonObject().put("username", "u" + System.nanoTime()).put("password", "long-enough-password")
            .put("role", "REGULATOR").put("scopeId", "4501"), Set.of(Role.ADMIN), none));
    t.put("PATCH /api/v1/users/:id", new Row("PATCH", "/api/v1/users/{spareUser}", null,
        () -> new JsonObject().put("disabled", false), Set.of(Role.ADMIN), none));
    t.put("POST /api/v1/cooperatives", new Row("POST", "/api/v1/cooperatives", null,
        () -> Fixtures.cooperative("新合作社"), Set.of(Role.ADMIN), none));
    t.put("GET /api/v1/cooperatives", new Row("GET", "/api/v1/cooperatives", null, null,
        Set.of(Role.ADMIN, Role.REGULATOR, Role.COOP), none));
    t.put("GET /api/v1/cooperatives/:id", new Row("GET", "/api/v1/cooperatives/{coopA}", "/api/v1/cooperatives/{coopB}",
        null, Set.of(Role.ADMIN, Role.REGULATOR, Role.COOP), Set.of(Role.ADMIN)));
    t.put("POST /api/v1/households", new Row("POST", "/api/v1/households", null,
        () -> Fixtures.household("新农户", Fixtures.idNumber()).put("status", "ORDINARY")
            .put("proposedStatus", "REGISTERED_POOR"), Set.of(Role.ADMIN, Role.COOP), none));
    t.put("GET /api/v1/households/:id", new Row("GET", "/api/v1/households/{householdA}",
        "/api/v1/households/{householdB}", null, Set.of(Role.ADMIN, Role.REGULATOR, Role.COOP, Role.HOUSEHOLD),
        Set.of(Role.ADMIN)));
    t.put("PATCH /api/v1/households/:id", new Row("PATCH", "/api/v1/households/{householdA}",
        "/api/v1/households/{householdB}", () -> new JsonObject().put("blacklisted", false), Set.of(Role.ADMIN,
        Role.REGULATOR), Set.of(Role.ADMIN)));
    t.put("POST /api/v1/buyers", new Row("POST", "/api/v1/buyers", null, () -> Fixtures.buyer("新采购单位"),
        Set.of(Role.ADMIN), none));
    t.put("GET /api/v1/buyers/:id", new Row("GET", "/api/v1/buyers/{buyerA}", "/api/v1/buyers/{buyerB}", null,
        Set.of(Role.ADMIN, Role.REGULATOR, Role.BUYER), Set.of(Role.ADMIN)));
    t.put("POST /api/v1/pairings", new Row("POST", "/api/v1/pairings", null,
        () -> new JsonObject().put("buyerId", create("/api/v1/buyers", Fixtures.buyer("结对单位")))
            .put("cooperativeId", coopA).put("form", "POINT_TO_POINT"), Set.of(Role.ADMIN, Role.REGULATOR), none));
    t.put("POST /api/v1/cooperatives/:id/members", new Row("POST", "/api/v1/cooperatives/{coopA}/members",
        "/api/v1/cooperatives/{coopB}/members",
        () -> Fixtures.membership("{household}"), // a household of the cooperative's own county
        Set.of(Role.ADMIN, Role.COOP), Set.of(Role.ADMIN)));
    t.put("GET /api/v1/cooperatives/:id/members", new Row("GET", "/api/v1/cooperatives/{coopA}/members",
        "/api/v1/cooperatives/{coopB}/members", null, Set.of(Role.ADMIN, Role.REGULATOR, Role.COOP), Set.of(Role.ADMIN)));
    t.put("POST /api/v1/cooperatives/:id/deliveries", new Row("POST", "/api/v1/cooperatives/{coopA}/deliveries",
        "/api/v1/cooperatives/{coopB}/deliveries", () -> Fixtures.delivery("{household}"), Set.of(Role.COOP), none));
    t.put("POST /api/v1/cooperatives/:id/labor", new Row("POST", "/api/v1/cooperatives/{coopA}/labor",
        "/api/v1/cooperatives/{coopB}/labor", () -> new JsonObject().put("householdId", "{household}").put("days", 3)
            .put("date", "2026-09-01").put("post", "保洁员"), Set.of(Role.COOP), none));
    t.put("POST /api/v1/cooperatives/:id/costs", new Row("POST", "/api/v1/cooperatives/{coopA}/costs",
        "/api/v1/cooperatives/{coopB}/costs", () -> new JsonObject().put("amountFen", 120_000).put("category", "TRANSPORT")
            .put("date", "2026-09-01").put("paidFrom", "BANK"), Set.of(Role.COOP), none));
    t.put("POST /api/v1/cooperatives/:id/income", new Row("POST", "/api/v1/cooperatives/{coopA}/income",
        "/api/v1/cooperatives/{coopB}/income", () -> new JsonObject().put("amountFen", 600_000)
            .put("category", "PV_GRID").put("date", "2026-09-01").put("into", "BANK"), Set.of(Role.COOP), none));
    t.put("POST /api/v1/cooperatives/:id/contributions", new Row("POST", "/api/v1/cooperatives/{coopA}/contributions",
        "/api/v1/cooperatives/{coopB}/contributions", () -> new JsonObject().put("householdId", "{household}")
            .put("amountFen", 300_000).put("date", "2026-09-01").put("kind", "FISCAL_QUANTIFIED"), Set.of(Role.COOP),
        none));
    t.put("GET /api/v1/cooperatives/:id/members/:householdId/account", new Row("GET",
        "/api/v1/cooperatives/{coopA}/members/{householdA}/account?year=2026",
        "/api/v1/cooperatives/{coopB}/members/{householdB}/account?year=2026", null,
        Set.of(Role.COOP, Role.HOUSEHOLD, Role.REGULATOR), none));
    t.put("POST /api/v1/cooperatives/:id/welfare-posts", new Row("POST", "/api/v1/cooperatives/{coopA}/welfare-posts",
        "/api/v1/cooperatives/{coopB}/welfare-posts", () -> new JsonObject().put("name", "护林员")
            .put("regionCode", Fixtures.REGION).put("monthlyPayFen", 80_000).put("workDaysPerMonth", 22)
            .put("capacity", 1).put("startsOn", "2026-03-01"), Set.of(Role.COOP), none));
    t.put("GET /api/v1/cooperatives/:id/welfare-posts", new Row("GET", "/api/v1/cooperatives/{coopA}/welfare-posts",
        "/api/v1/cooperatives/{coopB}/welfare-posts", null, Set.of(Role.ADMIN, Role.REGULATOR, Role.COOP),
        Set.of(Role.ADMIN)));
    t.put("POST /api/v1/cooperatives/:id/welfare-posts/:postId/days", new Row("POST",
        "/api/v1/cooperatives/{coopA}/welfare-posts/{postA}/days", "/api/v1/cooperatives/{coopB}/welfare-posts/{postB}/days",
        () -> new JsonObject().put("householdId", "{household}").put("days", 1).put("date", "2026-09-01"),
        Set.of(Role.COOP), none));
    t.put("PUT /api/v1/households/:id/bank-account", new Row("PUT", "/api/v1/households/{householdA}/bank-account",
        "/api/v1/households/{householdB}/bank-account", AuthorizationMatrixTest::bankAccount,
        Set.of(Role.ADMIN, Role.REGULATOR, Role.COOP), Set.of(Role.ADMIN)));
    t.put("GET /api/v1/households/:id/bank-account", new Row("GET", "/api/v1/households/{householdA}/bank-account",
        "/api/v1/households/{householdB}/bank-account", null,
        Set.of(Role.ADMIN, Role.REGULATOR, Role.COOP, Role.HOUSEHOLD), Set.of(Role.ADMIN)));

    t.put("POST /api/v1/cooperatives/:id/produce-purchases", new Row("POST",
        "/api/v1/cooperatives/{coopA}/produce-purchases", "/api/v1/cooperatives/{coopB}/produce-purchases",
        () -> new JsonObject().put("householdId", "{household}").put("product", "葡萄").put("quantity", 500)
            .put("unit", "KG").put("valueFen", 1_200).put("date", "2026-09-01"), Set.of(Role.COOP), none));
    t.put("POST /api/v1/cooperatives/:id/payments", new Row("POST", "/api/v1/cooperatives/{coopA}/payments",
        "/api/v1/cooperatives/{coopB}/payments", () -> new JsonObject().put("payable", "PAYABLE").put("amountFen", 100)
            .put("date", "2026-09-02").put("from", "BANK"), Set.of(Role.COOP), none));
    for (String report : List.of("balance-sheet?date=2026-12-31", "surplus?year=2026", "member-equity?year=2026")) {
      String route = report.substring(0, report.indexOf('?'));
      t.put("GET /api/v1/cooperatives/:id/reports/" + route, new Row("GET",
          "/api/v1/cooperatives/{coopA}/reports/" + report, "/api/v1/cooperatives/{coopB}/reports/" + report, null,
          Set.of(Role.COOP, Role.REGULATOR), none));
    }
    // only the own COOP call succeeds, once: 2025 has ended by the tests' business clock
    t.put("POST /api/v1/cooperatives/:id/periods/:year/close", new Row("POST",
        "/api/v1/cooperatives/{coopA}/periods/2025/close", "/api/v1/cooperatives/{coopB}/periods/2025/close",
        JsonObject::new, Set.of(Role.COOP), none));
    t.put("GET /api/v1/rule-sets", new Row("GET", "/api/v1/rule-sets", null, null, all, none));
    t.put("GET /api/v1/rule-sets/:id", new Row("GET", "/api/v1/rule-sets/coop-surplus-60", null, null, all, none));
    t.put("POST /api/v1/rule-sets/validate", new Row("POST", "/api/v1/rule-sets/validate", null,
        () -> new JsonObject().put("yaml", "id: x"), Set.of(Role.ADMIN, Role.REGULATOR, Role.COOP), none));
    t.put("GET /api/v1/ledger/trial-balance", new Row("GET", "/api/v1/ledger/trial-balance", null, null,
        Set.of(Role.ADMIN, Role.REGULATOR), none));
    t.put("GET /api/v1/ledger/verify", new Row("GET", "/api/v1/ledger/verify", null, null,
        Set.of(Role.ADMIN, Role.REGULATOR), none));
    t.put("GET /api/v1/accounts", new Row("GET", "/api/v1/accounts?ownerType=COOPERATIVE&ownerId={coopA}",
        "/api/v1/accounts?ownerType=COOPERATIVE&ownerId={coopB}", null, Set.of(Role.ADMIN, Role.REGULATOR, Role.COOP),
        Set.of(Role.ADMIN)));
    t.put("GET /api/v1/accounts/:id", new Row("GET", "/api/v1/accounts/{accountA}", "/api/v1/accounts/{accountB}",
        null, Set.of(Role.ADMIN, Role.REGULATOR, Role.COOP), Set.of(Role.ADMIN)));
    distributionRows(t, all);
    marketRows(t, all, none);
    monitoringRows(t, none);
    return t;
  }

  private static void distributionRows(Map<String, Row> t, Set<Role> all) {
    Set<Role> none = Set.of();
    Set<Role> adminOnly = Set.of(Role.ADMIN);
    Set<Role> readers = Set.of(Role.ADMIN, Role.REGULATOR, Role.COOP);
    Set<Role> cooperative = Set.of(Role.ADMIN, Role.COOP);
    t.put("POST /api/v1/cooperatives/:id/distributions", new Row("POST", "/api/v1/cooperatives/{coopA}/distributions",
        "/api/v1/cooperatives/{coopB}/distributions", () -> new JsonObject().put("ruleSetId", "coop-surplus-60")
            .put("periodStart", "2026-01-01").put("periodEnd", "2026-12-31"), cooperative, adminOnly));
    t.put("GET /api/v1/distributions/:id", new Row("GET", "/api/v1/distributions/{runA:DRAFT}",
        "/api/v1/distributions/{runB:DRAFT}", null, readers, adminOnly));
    t.put("POST /api/v1/distributions/:id/publicize", new Row("POST", "/api/v1/distributions/{runA:DRAFT}/publicize",
        "/api/v1/distributions/{runB:DRAFT}/publicize", () -> new JsonObject().put("days", 7), cooperative, adminOnly));
    t.put("GET /api/v1/distributions/:id/objections", new Row("GET", "/api/v1/distributions/{runA:OBJECTED}/objections",
        "/api/v1/distributions/{runB:OBJECTED}/objections", null, readers, adminOnly));
    t.put("POST /api/v1/distributions/:id/objections/:objectionId/answer", new Row("POST",
        "/api/v1/distributions/{runA:OBJECTED}/objections/{objection}/answer",
        "/api/v1/distributions/{runB:OBJECTED}/objections/{objection}/answer",
        () -> new JsonObject().put("answer", "已核实"), cooperative, adminOnly));
    t.put("POST /api/v1/distributions/:id/objections/dismiss", new Row("POST",
        "/api/v1/distributions/{runA:OBJECTED}/objections/dismiss",
        "/api/v1/distributions/{runB:OBJECTED}/objections/dismiss",
        () -> new JsonObject().put("objectionIds", new io.vertx.core.json.JsonArray().add("{objection}"))
            .put("kind", "UNFOUNDED").put("reason", "与公示数据一致"), Set.of(Role.REGULATOR), none));
    t.put("POST /api/v1/distributions/:id/approve", new Row("POST", "/api/v1/distributions/{runA:ENDED}/approve",
        "/api/v1/distributions/{runB:ENDED}/approve", JsonObject::new, Set.of(Role.REGULATOR), none));
    t.put("POST /api/v1/distributions/:id/reject", new Row("POST", "/api/v1/distributions/{runA:ENDED}/reject",
        "/api/v1/distributions/{runB:ENDED}/reject", () -> new JsonObject().put("reason", "土地亩数不符"),
        Set.of(Role.REGULATOR), none));
    t.put("POST /api/v1/distributions/:id/post", new Row("POST", "/api/v1/distributions/{runA:APPROVED}/post",
        "/api/v1/distributions/{runB:APPROVED}/post", JsonObject::new, readers, adminOnly));
    t.put("POST /api/v1/distributions/:id/reverse", new Row("POST", "/api/v1/distributions/{runA:POSTED}/reverse",
        "/api/v1/distributions/{runB:POSTED}/reverse", () -> new JsonObject().put("reason", "核查"),
        Set.of(Role.REGULATOR), none));
    t.put("GET /api/v1/distributions/:id/payout", new Row("GET", "/api/v1/distributions/{runA:POSTED}/payout",
        "/api/v1/distributions/{runB:POSTED}/payout", null, Set.of(Role.COOP), none)); // full account numbers
    t.put("GET /api/v1/distributions/:id/payout-exceptions", new Row("GET",
        "/api/v1/distributions/{runA:POSTED}/payout-exceptions", "/api/v1/distributions/{runB:POSTED}/payout-exceptions",
        null, readers, adminOnly));
    t.put("POST /api/v1/distributions/:id/paid", new Row("POST", "/api/v1/distributions/{runA:POSTED}/paid",
        "/api/v1/distributions/{runB:POSTED}/paid", () -> new JsonObject().put("paidOn", "2026-11-20"),
        cooperative, adminOnly));
    t.put("GET /api/v1/households/:id/statement", new Row("GET", "/api/v1/households/{householdA}/statement",
        "/api/v1/households/{householdB}/statement", null,
        Set.of(Role.ADMIN, Role.REGULATOR, Role.COOP, Role.HOUSEHOLD), adminOnly));
  }

  /** Low-income monitoring (issue 17): the regulator of the region writes the chain, the household reads it. */
  static void monitoringRows(Map<String, Row> t, Set<Role> none) {
    Set<Role> adminOnly = Set.of(Role.ADMIN);
    Set<Role> regulator = Set.of(Role.REGULATOR);
    t.put("PUT /api/v1/monitoring/lines/:regionPrefix/:year", new Row("PUT", "/api/v1/monitoring/lines/450123/2026",
        "/api/v1/monitoring/lines/4401/2026", () -> new JsonObject().put("perCapitaIncomeFen", 700_000), regulator,
        none));
    t.put("GET /api/v1/households/:id/income", new Row("GET", "/api/v1/households/{householdA}/income?year=2026",
        "/api/v1/households/{householdB}/income?year=2026", null,
        Set.of(Role.ADMIN, Role.REGULATOR, Role.COOP, Role.HOUSEHOLD), adminOnly));
    t.put("POST /api/v1/households/:id/events", new Row("POST", "/api/v1/households/{householdA}/events",
        "/api/v1/households/{householdB}/events", () -> new JsonObject().put("kind", "MEDICAL_EXPENSE")
        .put("amountFen", 1_200_000).put("date", "2026-10-08").put("note", "住院"), regulator, none));
    t.put("POST /api/v1/households/:id/assistance", new Row("POST", "/api/v1/households/{householdA}/assistance",
        "/api/v1/households/{householdB}/assistance", () -> new JsonObject().put("department", "县民政局")
        .put("kind", "TEMPORARY_RELIEF").put("amountFen", 200_000).put("start", "2026-10-01").put("end", "2026-10-31"),
        regulator, none));
    t.put("POST /api/v1/households/:id/referrals", new Row("POST", "/api/v1/households/{householdA}/referrals",
        "/api/v1/households/{householdB}/referrals", () -> new JsonObject().put("department", "县医疗保障局")
        .put("dueOn", "2026-12-31"), regulator, none));
    t.put("POST /api/v1/households/:id/follow-ups", new Row("POST", "/api/v1/households/{householdA}/follow-ups",
        "/api/v1/households/{householdB}/follow-ups", () -> new JsonObject().put("note", "入户回访"), regulator, none));
    t.put("POST /api/v1/households/:id/closure", new Row("POST", "/api/v1/households/{householdA}/closure",
        "/api/v1/households/{householdB}/closure", () -> new JsonObject().put("note", "风险消除"), regulator, none));
    t.put("GET /api/v1/households/:id/chain", new Row("GET", "/api/v1/households/{householdA}/chain",
        "/api/v1/households/{householdB}/chain", null, Set.of(Role.ADMIN, Role.REGULATOR, Role.HOUSEHOLD), adminOnly));
    t.put("GET /api/v1/monitoring/alerts", new Row("GET", "/api/v1/monitoring/alerts",
        "/api/v1/monitoring/alerts?regionPrefix=4401", null, regulator, none));
    t.put("POST /api/v1/monitoring/evaluations", new Row("POST", "/api/v1/monitoring/evaluations", null,
        () -> new JsonObject().put("regionPrefix", "450123").put("year", 2026), regulator, none));
    t.put("GET /api/v1/monitoring/export", new Row("GET", "/api/v1/monitoring/export?year=2026",
        "/api/v1/monitoring/export?regionPrefix=4401&year=2026", null, regulator, none));
    t.put("GET /api/v1/monitoring/alerts/stream", new Row("GET", "/api/v1/monitoring/alerts/stream", null, null,
        regulator, none));
  }

  /** Lots, demands, matching, orders and procurement (issue 4). {order:STATUS:A} is a fresh order per request. */
  static void marketRows(Map<String, Row> t, Set<Role> all, Set<Role> none) {
    Set<Role> adminOnly = Set.of(Role.ADMIN);
    t.put("POST /api/v1/lots", new Row("POST", "/api/v1/lots", null, () -> market.lotBody(), Set.of(Role.COOP), none));
    t.put("GET /api/v1/lots", new Row("GET", "/api/v1/lots?product=葡萄&regionCode=450123", null, null, all, none));
    t.put("POST /api/v1/lots/:id/close", new Row("POST", "/api/v1/lots/{newLot:A}/close",
        "/api/v1/lots/{newLot:B}/close", JsonObject::new, Set.of(Role.COOP), none));
    t.put("GET /api/v1/lots/:id", new Row("GET", "/api/v1/lots/{lotA}", "/api/v1/lots/{lotB}", null, all, all));
    t.put("GET /api/v1/lots/:id/demands", new Row("GET", "/api/v1/lots/{lotA}/demands", "/api/v1/lots/{lotB}/demands",
        null, Set.of(Role.ADMIN, Role.COOP), adminOnly));
    t.put("POST /api/v1/demands", new Row("POST", "/api/v1/demands", null,
        () -> cn.bangfu.support.MatrixMarket.demandBody(server, buyerA), Set.of(Role.BUYER), none));
    t.put("GET /api/v1/demands/:id", new Row("GET", "/api/v1/demands/{demandA}", "/api/v1/demands/{demandB}", null,
        Set.of(Role.ADMIN, Role.REGULATOR, Role.BUYER, Role.COOP), Set.of(Role.ADMIN, Role.COOP)));
    t.put("GET /api/v1/demands/:id/matches", new Row("GET", "/api/v1/demands/{demandA}/matches",
        "/api/v1/demands/{demandB}/matches", null, Set.of(Role.ADMIN, Role.BUYER), adminOnly));
    t.put("POST /api/v1/orders", new Row("POST", "/api/v1/orders", null, () -> market.orderBody(), Set.of(Role.BUYER),
        none));
    t.put("GET /api/v1/orders", new Row("GET", "/api/v1/orders", null, null, Set.of(Role.BUYER, Role.COOP), none));
    t.put("GET /api/v1/orders/:id", new Row("GET", "/api/v1/orders/{orderA}", "/api/v1/orders/{orderB}", null,
        Set.of(Role.ADMIN, Role.REGULATOR, Role.COOP, Role.BUYER), adminOnly));
    t.put("GET /api/v1/orders/:id/history", new Row("GET", "/api/v1/orders/{orderA}/history",
        "/api/v1/orders/{orderB}/history", null, Set.of(Role.ADMIN, Role.REGULATOR, Role.COOP, Role.BUYER), adminOnly));
    String[][] steps = {{"confirm", "PLACED"}, {"ship", "CONFIRMED"}, {"deliver", "SHIPPED"}, {"reject", "PLACED"},
        {"accept", "DELIVERED"}, {"settle", "ACCEPTED"}, {"cancel", "PLACED"}};
    for (String[] step : steps) {
      Set<Role> parties = switch (step[0]) {
        case "accept", "settle" -> Set.of(Role.BUYER);
        case "cancel" -> Set.of(Role.BUYER, Role.COOP);
        default -> Set.of(Role.COOP);
      };
      Supplier<JsonObject> body = switch (step[0]) {
        case "accept" -> cn.bangfu.support.MatrixMarket::acceptBody;
        case "settle" -> () -> cn.bangfu.support.MatrixMarket.settleBody(server);
        default -> JsonObject::new;
      };
      t.put("POST /api/v1/orders/:id/" + step[0], new Row("POST", "/api/v1/orders/{order:" + step[1] + ":A}/" + step[0],
          "/api/v1/orders/{order:" + step[1] + ":B}/" + step[0], body, parties, none));
    }
    int year = java.time.LocalDate.now().getYear();
    t.put("GET /api/v1/buyers/:id/procurement-summary", new Row("GET",
        "/api/v1/buyers/{buyerA}/procurement-summary?year=" + year, "/api/v1/buyers/{buyerB}/procurement-summary?year="
        + year, null, Set.of(Role.ADMIN, Role.REGULATOR, Role.BUYER), adminOnly));
    t.put("GET /api/v1/regions/:prefix/procurement-summary", new Row("GET",
        "/api/v1/regions/450123/procurement-summary?year=" + year, "/api/v1/regions/4401/procurement-summary?year="
        + year, null, Set.of(Role.ADMIN, Role.REGULATOR), adminOnly));
    t.put("POST /api/v1/cooperatives/:id/plots", new Row("POST", "/api/v1/cooperatives/{coopA}/plots",
        "/api/v1/cooperatives/{coopB}/plots", () -> new JsonObject().put("name", "油茶基地").put("regionCode", "{county}")
            .put("areaMu", "120.5").put("since", "2026-01-01"), Set.of(Role.ADMIN, Role.COOP), adminOnly));
    t.put("GET /api/v1/cooperatives/:id/plots", new Row("GET", "/api/v1/cooperatives/{coopA}/plots",
        "/api/v1/cooperatives/{coopB}/plots", null, Set.of(Role.ADMIN, Role.REGULATOR, Role.COOP), adminOnly));
    t.put("GET /api/v1/regions/:prefix/linkage-checks", new Row("GET",
        "/api/v1/regions/450123/linkage-checks?year=" + year, "/api/v1/regions/4401/linkage-checks?year=" + year, null,
        Set.of(Role.ADMIN, Role.REGULATOR), adminOnly));
    t.put("GET /api/v1/cooperatives/:id/sales-summary", new Row("GET",
        "/api/v1/cooperatives/{coopA}/sales-summary?year=" + year, "/api/v1/cooperatives/{coopB}/sales-summary?year="
        + year, null, Set.of(Role.ADMIN, Role.REGULATOR, Role.COOP), adminOnly));
  }

  /**
   * Routes whose ids must not leak (households, orders, distribution runs; issue 12 finding 10): a
   * role the route admits gets 404 for another scope's id, as for an unknown one. A role the route
   * never admits still gets 403.
   */
  static boolean hidesExistence(String route) {
    String path = route.substring(route.indexOf(' ') + 1);
    return path.startsWith("/api/v1/households/:id") || path.startsWith("/api/v1/orders/:id")
        || path.startsWith("/api/v1/distributions/:id");
  }

  static Set<Role> admitted(String route) {
    for (Api.RouteSpec spec : server.server().routes()) {
      if ((spec.method().name() + " " + spec.path()).equals(route)) {
        return Role.of(spec.roles());
      }
    }
    throw new AssertionError("no route " + route);
  }

  @Test
  void every_route_of_the_server_has_a_row_in_the_table() {
    Set<String> served = new TreeSet<>();
    for (Api.RouteSpec spec : server.server().routes()) {
      if (!spec.isPublic()) {
        served.add(spec.method().name() + " " + spec.path());
      }
    }
    assertThat(table().keySet()).containsExactlyInAnyOrderElementsOf(served);
  }

  @Test
  void every_route_role_and_scope_gets_exactly_the_outcome_in_the_table() {
    List<String> mismatches = new ArrayList<>();
    for (Map.Entry<String, Row> entry : table().entrySet()) {
      Row row = entry.getValue();
      check(mismatches, entry.getKey() + " (own)", row, row.own(), row.allowedOwn(), Set.of());
      if (row.other() != null) {
        check(mismatches, entry.getKey() + " (other)", row, row.other(), row.allowedOther(),
            hidesExistence(entry.getKey()) ? admitted(entry.getKey()) : Set.of());
      }
    }
    assertThat(mismatches).isEmpty();
  }

  /** {@code notFound}: roles refused with 404 rather than 403 (the route admits them; the id is not theirs). */
  private void check(List<String> mismatches, String name, Row row, String pathTemplate, Set<Role> allowed,
      Set<Role> notFound) {
    String path = pathTemplate; // resolved per request in send(): placeholders make fresh orders and runs
    boolean b = pathTemplate.contains("coopB") || pathTemplate.contains("householdB") || pathTemplate.contains("runB");
    String household = b ? householdB : householdA;
    Http.Response anonymous = send(row, path, null, household);
    if (anonymous.status() != 401) {
      mismatches.add(name + " anonymous: " + anonymous.status());
    }
    Http.Response forged = send(row, path, "not.a.token", household);
    if (forged.status() != 401) {
      mismatches.add(name + " forged token: " + forged.status());
    }
    for (Role role : Role.values()) {
      Http.Response response = send(row, path, TOKENS.get(role), household);
      boolean ok = allowed.contains(role)
          ? response.status() >= 200 && response.status() < 300
          : response.status() == (notFound.contains(role) ? 404 : 403);
      if (!ok) {
        mismatches.add(name + " as " + role + ": " + response.status() + " " + response.text());
      }
    }
  }

  private Http.Response send(Row row, String template, String token, String household) {
    lastObjection = null;
    String path = resolve(template);
    if (path.endsWith("/alerts/stream")) {
      return streamStatus(path, token);
    }
    if (row.method().equals("GET")) {
      return server.http.get(path, token);
    }
    JsonObject body = new JsonObject(row.body().get().encode().replace("{household}", household)
        .replace("{county}", household.equals(householdB) ? "440106000000" : Fixtures.REGION)
        .replace("{objection}", String.valueOf(lastObjection)));
    return server.http.send(row.method(), path, token, "application/json", body.encode(),
        Map.of("Idempotency-Key", java.util.UUID.randomUUID().toString()));
  }

  /** A server-sent event stream never ends: only its status is read, then the connection is dropped. */
  private static Http.Response streamStatus(String path, String token) {
    java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(
        java.net.URI.create("http://localhost:" + server.server().port() + path)).timeout(java.time.Duration.ofSeconds(10));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      java.net.http.HttpResponse<java.io.InputStream> response = java.net.http.HttpClient.newHttpClient()
          .send(request.GET().build(), java.net.http.HttpResponse.BodyHandlers.ofInputStream());
      response.body().close();
      return new Http.Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), "");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String resolve(String template) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{run([AB]):([A-Z]+)}").matcher(template);
    if (m.find()) {
      Runs.Made made = runs.make(m.group(1).equals("A") ? coopA : coopB, m.group(2));
      template = template.substring(0, m.start()) + made.runId() + template.substring(m.end());
      template = template.replace("{objection}", String.valueOf(made.objectionId()));
      lastObjection = made.objectionId(); // a body may name it too (bulk dismissal)
    }
    return template.replace("{coopA}", coopA).replace("{coopB}", coopB).replace("{householdA}", householdA)
        .replace("{householdB}", householdB).replace("{buyerA}", buyerA).replace("{buyerB}", buyerB)
        .replace("{accountA}", accountA).replace("{accountB}", accountB).replace("{spareUser}", spareUser)
        .replace("{postA}", postA).replace("{postB}", postB)
        .transform(market::resolve);
  }
}
