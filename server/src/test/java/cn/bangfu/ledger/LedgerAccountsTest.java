package cn.bangfu.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.support.ClassServer;
import cn.bangfu.support.Fixtures;
import cn.bangfu.support.Http;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GET /accounts and /accounts/{id}: balances, as-of balances and entry pages, and who may read
 * which account. World: cooperative A and household HA and buyer BA in 450123 (the regulator's
 * county), cooperative B, household HB, buyer BB in Guangzhou 440106. Each buyer bought 500 公斤 of
 * grapes at 12 元/公斤 (600,000 fen) on 2026-09-15; each cooperative then distributed 60% of it
 * (360,000 fen) to its household on 2026-12-31.
 */
class LedgerAccountsTest {
  @ClassServer static TestServer server;
  static String coopA;
  static String coopB;
  static String householdA;
  static String householdB;
  static String buyerA;
  static String buyerB;
  static String adminToken;
  static String regulator;
  static String coopToken;
  static String buyerToken;
  static String householdToken;

  @BeforeAll
  static void world() {
    adminToken = server.adminToken;
    coopA = create("/api/v1/cooperatives", Fixtures.cooperative("岑峰村葡萄合作社"));
    coopB = create("/api/v1/cooperatives", Fixtures.cooperative("番禺蔬菜合作社").put("regionCode", "440106000000"));
    householdA = create("/api/v1/households", Fixtures.household("杨明宇", Fixtures.idNumber()));
    householdB = create("/api/v1/households",
        Fixtures.household("陈志强", Fixtures.idNumber()).put("regionCode", "440106000000"));
    buyerA = create("/api/v1/buyers", Fixtures.buyer("县第一中学食堂"));
    buyerB = create("/api/v1/buyers", Fixtures.buyer("广州某医院").put("regionCode", "440106000000"));
    for (String[] world : List.of(new String[] {coopA, buyerA, householdA}, new String[] {coopB, buyerB, householdB})) {
      long coop = Long.parseLong(world[0]);
      post(new EntryDraft(EntryKind.ORDER_SETTLEMENT, ReferenceType.ORDER, coop, "settle:" + coop, coop, LocalDate.of(2026, 9, 15), 1,
          null, List.of(new Posting(AccountRef.of(coop, ChartAccount.BANK_DEPOSIT), 600_000), new Posting(AccountRef.of(coop, ChartAccount.OPERATING_REVENUE), -600_000))));
      post(new EntryDraft(EntryKind.DISTRIBUTION, ReferenceType.DISTRIBUTION_RUN, coop, "distribute:" + coop, coop,
          LocalDate.of(2026, 12, 31), 1, null, List.of(
              new Posting(AccountRef.of(coop, ChartAccount.OPERATING_REVENUE), 360_000),
              new Posting(AccountRef.member(coop, ChartAccount.RESIDUAL_SURPLUS_PAYABLE, Long.parseLong(world[2])),
                  -360_000))));
    }
    regulator = server.userToken("county-regulator", "REGULATOR", "450123");
    coopToken = server.userToken("coop-a", "COOP", coopA);
    buyerToken = server.userToken("buyer-a", "BUYER", buyerA);
    householdToken = server.userToken("household-a", "HOUSEHOLD", householdA);
  }

  static void post(EntryDraft draft) {
    server.server().database().dsl().transactionResult(c -> server.server().ledger().post(c.dsl(), draft));
  }

  static String create(String path, JsonObject body) {
    Http.Response response = server.http.post(path, server.adminToken, body);
    assertThat(response.status()).as(response.text()).isEqualTo(201);
    return response.body().getString("id");
  }

  static Http.Response list(String ownerType, String ownerId, String token) {
    return server.http.get("/api/v1/accounts?ownerType=" + ownerType + "&ownerId=" + ownerId, token);
  }

  static JsonObject only(String ownerType, String ownerId) {
    JsonArray items = list(ownerType, ownerId, adminToken).body().getJsonArray("items");
    assertThat(items).hasSize(1);
    return items.getJsonObject(0);
  }

  /** The cooperative's account with chart code {@code code}. */
  static JsonObject account(String coop, String code) {
    JsonArray items = list("COOPERATIVE", coop, adminToken).body().getJsonArray("items");
    return items.stream().map(JsonObject.class::cast).filter(a -> a.getString("code").equals(code)).findFirst()
        .orElseThrow(() -> new AssertionError("no account " + code + " in " + items.encode()));
  }

  @Test
  void given_a_cooperative_when_its_accounts_are_listed_then_they_are_its_chart_accounts_in_chart_order() {
    Http.Response response = list("COOPERATIVE", coopA, coopToken);

    assertThat(response.status()).isEqualTo(200);
    JsonArray items = response.body().getJsonArray("items");
    assertThat(items.stream().map(a -> ((JsonObject) a).getString("code")).toList())
        .as("银行存款, the member's 应付剩余盈余, 经营收入").containsExactly("102", "222", "501");
    JsonObject revenue = items.getJsonObject(2);
    assertThat(revenue.getString("name")).isEqualTo("经营收入");
    assertThat(revenue.getString("accountClass")).isEqualTo("INCOME_AND_LOSS");
    assertThat(revenue.getString("normalBalance")).isEqualTo("CREDIT");
    assertThat(revenue.getValue("id")).isInstanceOf(String.class);
    assertThat(revenue.getString("cooperativeId")).isEqualTo(coopA);
    assertThat(revenue.getValue("householdId")).isNull();
    assertThat(revenue.getString("currency")).isEqualTo("CNY");
    assertThat(revenue.getLong("balanceFen")).isEqualTo(-240_000L);
    JsonObject memberPayable = items.getJsonObject(1);
    assertThat(memberPayable.getString("name")).isEqualTo("应付剩余盈余");
    assertThat(memberPayable.getString("householdId")).isEqualTo(householdA);
    assertThat(items.getJsonObject(0).getLong("balanceFen")).as("银行存款").isEqualTo(600_000L);
  }

  @Test
  void given_an_account_when_read_with_asOf_then_the_balance_counts_only_postings_up_to_that_date() {
    String revenue = account(coopA, "501").getString("id");
    JsonObject account = server.http.get("/api/v1/accounts/" + revenue + "?asOf=2026-10-01", coopToken).body();

    assertThat(account.getLong("balanceFen")).isEqualTo(-240_000L);
    assertThat(account.getString("asOf")).isEqualTo("2026-10-01");
    assertThat(account.getLong("asOfBalanceFen")).isEqualTo(-600_000L);
    JsonArray lines = account.getJsonObject("entries").getJsonArray("items");
    assertThat(lines).hasSize(2);
    assertThat(lines.getJsonObject(0).getString("kind")).isEqualTo("DISTRIBUTION");
    assertThat(lines.getJsonObject(0).getLong("amountFen")).isEqualTo(360_000L);
    assertThat(lines.getJsonObject(1).getLong("amountFen")).isEqualTo(-600_000L);

    JsonObject firstPage = server.http.get("/api/v1/accounts/" + revenue + "?limit=1", coopToken).body();
    assertThat(firstPage.getJsonObject("entries").getJsonArray("items")).hasSize(1);
  }

  @Test
  void given_each_role_when_reading_own_and_other_accounts_then_only_its_scope_is_visible() {
    String revenueA = account(coopA, "501").getString("id");
    String revenueB = account(coopB, "501").getString("id");
    String dividendA = only("HOUSEHOLD", householdA).getString("id");
    String dividendB = only("HOUSEHOLD", householdB).getString("id");
    String bankA = account(coopA, "102").getString("id");
    String bankB = account(coopB, "102").getString("id");

    record Case(String token, String account, int status) {
    }
    List<Case> cases = List.of(
        new Case(adminToken, revenueB, 200), new Case(adminToken, dividendB, 200),
        new Case(regulator, revenueA, 200), new Case(regulator, dividendA, 200), new Case(regulator, bankA, 200),
        new Case(regulator, revenueB, 403), new Case(regulator, dividendB, 403), new Case(regulator, bankB, 403),
        new Case(coopToken, revenueA, 200), new Case(coopToken, revenueB, 403),
        // a member's sub-account is in its cooperative's book: the cooperative keeps it
        new Case(coopToken, dividendA, 200), new Case(coopToken, dividendB, 403),
        new Case(coopToken, bankA, 200), new Case(coopToken, bankB, 403),
        new Case(buyerToken, bankA, 403), new Case(buyerToken, bankB, 403),
        new Case(buyerToken, revenueA, 403),
        new Case(householdToken, dividendA, 200), new Case(householdToken, dividendB, 403),
        new Case(householdToken, revenueA, 403));
    for (Case c : cases) {
      assertThat(server.http.get("/api/v1/accounts/" + c.account(), c.token()).status())
          .as(c.toString()).isEqualTo(c.status());
    }
    assertThat(list("HOUSEHOLD", householdA, householdToken).body().getJsonArray("items").getJsonObject(0)
        .getLong("balanceFen")).isEqualTo(-360_000L);
    assertThat(list("HOUSEHOLD", householdB, householdToken).status()).isEqualTo(403);
    assertThat(list("BUYER", buyerA, buyerToken).body().getJsonArray("items"))
        .as("a buyer keeps no account on a cooperative's chart").isEmpty();
    assertThat(list("BUYER", buyerB, regulator).status()).isEqualTo(403);
    assertThat(list("HOUSEHOLD", householdA, coopToken).status()).isEqualTo(403);
  }

  @Test
  void given_bad_parameters_when_reading_accounts_then_400_naming_the_field_or_404() {
    Http.Response badType = list("FARMER", coopA, adminToken);
    assertThat(badType.status()).isEqualTo(400);
    assertThat(badType.isProblem()).isTrue();
    assertThat(badType.body().getString("field")).isEqualTo("ownerType");
    assertThat(list("COOPERATIVE", "abc", adminToken).body().getString("field")).isEqualTo("ownerId");

    String revenue = account(coopA, "501").getString("id");
    Http.Response badDate = server.http.get("/api/v1/accounts/" + revenue + "?asOf=2026-13-01", adminToken);
    assertThat(badDate.status()).isEqualTo(400);
    assertThat(badDate.body().getString("field")).isEqualTo("asOf");
    assertThat(server.http.get("/api/v1/accounts/12345", adminToken).status()).isEqualTo(404);
    assertThat(list("COOPERATIVE", "12345", regulator).status()).isEqualTo(404);
  }
}
