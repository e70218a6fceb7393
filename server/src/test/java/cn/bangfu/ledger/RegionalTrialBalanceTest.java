package cn.bangfu.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.support.ClassServer;
import cn.bangfu.support.Fixtures;
import cn.bangfu.support.Http;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: the trial balance a regional regulator reads covers its region only: the entries of
 * the cooperatives whose region code starts with its prefix (with the buyer and household sides of
 * those entries), still balanced; ADMIN reads the whole ledger.
 *
 * World: cooperative A in 450123 (Guangxi) sold 600,000 fen to a school and distributed 360,000
 * fen of it to a household; cooperative B in 440106 (Guangzhou) sold 250,000 fen to a hospital.
 */
class RegionalTrialBalanceTest {
  @ClassServer static TestServer server;

  @BeforeAll
  static void world() {
    long coopA = id(create("/api/v1/cooperatives", Fixtures.cooperative("岑峰村葡萄合作社")));
    long coopB = id(create("/api/v1/cooperatives", Fixtures.cooperative("番禺蔬菜合作社").put("regionCode", "440106000000")));
    long householdA = id(create("/api/v1/households", Fixtures.household("杨明宇", Fixtures.idNumber())));
    long school = id(create("/api/v1/buyers", Fixtures.buyer("县第一中学食堂")));
    long hospital = id(create("/api/v1/buyers", Fixtures.buyer("广州某医院").put("regionCode", "440106000000")));
    post(new EntryDraft(EntryKind.ORDER_SETTLEMENT, ReferenceType.ORDER, coopA, "settle:a", coopA, LocalDate.of(2026, 9, 15), 1, null,
        List.of(new Posting(AccountRef.of(coopA, ChartAccount.BANK_DEPOSIT), 600_000),
            new Posting(AccountRef.of(coopA, ChartAccount.OPERATING_REVENUE), -600_000))));
    post(new EntryDraft(EntryKind.DISTRIBUTION, ReferenceType.DISTRIBUTION_RUN, coopA, "distribute:a", coopA, LocalDate.of(2026, 12, 31),
        1, null, List.of(new Posting(AccountRef.of(coopA, ChartAccount.OPERATING_REVENUE), 360_000),
            new Posting(AccountRef.member(coopA, ChartAccount.RESIDUAL_SURPLUS_PAYABLE, householdA), -360_000))));
    post(new EntryDraft(EntryKind.ORDER_SETTLEMENT, ReferenceType.ORDER, coopB, "settle:b", coopB, LocalDate.of(2026, 10, 1), 1, null,
        List.of(new Posting(AccountRef.of(coopB, ChartAccount.BANK_DEPOSIT), 250_000),
            new Posting(AccountRef.of(coopB, ChartAccount.OPERATING_REVENUE), -250_000))));
  }

  private static void post(EntryDraft draft) {
    server.server().database().dsl().transactionResult(c -> server.server().ledger().post(c.dsl(), draft));
  }

  private static JsonObject create(String path, JsonObject body) {
    return server.http.post(path, server.adminToken, body).expect(201).body();
  }

  private static long id(JsonObject created) {
    return Long.parseLong(created.getString("id"));
  }

  private static JsonObject trialBalance(String token) {
    Http.Response response = server.http.get("/api/v1/ledger/trial-balance", token);
    assertThat(response.status()).as(response.text()).isEqualTo(200);
    return response.body();
  }

  @Test
  void a_county_regulator_sees_the_trial_balance_of_its_own_countys_cooperatives_only() {
    JsonObject guangxi = trialBalance(server.userToken("cenfeng-regulator", "REGULATOR", "450123"));
    assertThat(guangxi.getLong("totalDebitFen")).isEqualTo(600_000);
    assertThat(guangxi.getLong("totalCreditFen")).isEqualTo(600_000);
    assertThat(guangxi.getBoolean("balanced")).isTrue();
    assertThat(guangxi.getString("regionPrefix")).isEqualTo("450123");

    JsonObject guangzhou = trialBalance(server.userToken("panyu-regulator", "REGULATOR", "4401"));
    assertThat(guangzhou.getLong("totalDebitFen")).isEqualTo(250_000);
    assertThat(guangzhou.getLong("totalCreditFen")).isEqualTo(250_000);
  }

  @Test
  void a_province_prefix_covers_its_counties_and_a_region_without_cooperatives_is_empty_and_balanced() {
    assertThat(trialBalance(server.userToken("guangxi-regulator", "REGULATOR", "45")).getLong("totalDebitFen"))
        .isEqualTo(600_000);
    JsonObject beijing = trialBalance(server.userToken("beijing-regulator", "REGULATOR", "11"));
    assertThat(beijing.getLong("totalDebitFen")).isZero();
    assertThat(beijing.getLong("totalCreditFen")).isZero();
    assertThat(beijing.getBoolean("balanced")).isTrue();
  }

  @Test
  void the_admin_sees_the_whole_ledger() {
    JsonObject all = trialBalance(server.adminToken);
    assertThat(all.getLong("totalDebitFen")).isEqualTo(850_000);
    assertThat(all.getLong("totalCreditFen")).isEqualTo(850_000);
    assertThat(all.getValue("regionPrefix")).isNull();
  }
}
