package cn.bangfu.distribution;

import static cn.bangfu.db.Tables.HOUSEHOLD_BANK_ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.support.ClassServer;
import cn.bangfu.support.Http;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 point 9: a posted run is paid to the households' own bank accounts (一卡通), which are stored
 * encrypted and shown masked everywhere but in the bank batch file; the file carries account, holder and amount
 * in 元 with two decimals and a 合计 line with the count and the total; households without an account are in a
 * separate exception list; file and list together add up to the run.
 */
class PayoutBankFileTest {
  @ClassServer static TestServer server;
  static GrapeCooperative coop;
  static String runId;
  static JsonObject run;
  static final String[] ACCOUNTS = {"6217000012345678901", "6228480402564890018", "6210981234567890"};

  @BeforeAll
  static void given_a_posted_september_run_and_accounts_for_three_of_four_households() {
    coop = new GrapeCooperative(server, "岑丰村葡萄种植专业合作社（代发）", 4);
    // 500 kg of grapes at 12 元/公斤 settled in September: 600,000 fen, a pool of 600,000 fen
    coop.settledOrder(9_301, 600_000, LocalDate.of(2026, 9, 10));
    for (int i = 0; i < ACCOUNTS.length; i++) {
      Http.Response put = putAccount(coop.households.get(i), "杨启" + (char) ('宇' + i), ACCOUNTS[i]);
      assertThat(put.status()).as(put.text()).isEqualTo(200);
    }
    run = coop.postedRun("coop-surplus-60", "2026-09-01", "2026-09-30");
    runId = run.getString("id");
  }

  @Test
  void the_batch_file_pays_each_household_with_an_account_and_its_total_line_checks_against_the_run() {
    Http.Response file = server.http.get("/api/v1/distributions/" + runId + "/payout", coop.coopToken);
    assertThat(file.status()).as(file.text()).isEqualTo(200);
    List<String[]> rows = csv(file.text());

    assertThat(rows.get(0)).containsExactly("序号", "收款人姓名", "收款账号", "开户银行", "金额（元）", "摘要", "户编号");
    List<String[]> payees = rows.subList(1, rows.size() - 1);
    assertThat(payees).hasSize(3);
    for (int i = 0; i < 3; i++) {
      String household = coop.households.get(i);
      String[] row = payees.get(i);
      assertThat(row[0]).isEqualTo(Integer.toString(i + 1));
      assertThat(row[1]).isEqualTo("杨启" + (char) ('宇' + i));       // the holder, in full: the bank matches on it
      assertThat(row[2]).isEqualTo(ACCOUNTS[i]);                      // the account, in full: only here
      assertThat(row[3]).isEqualTo("岑巩县农村信用合作联社");
      assertThat(row[4]).matches("[0-9]+\\.[0-9]{2}");               // 元 with two decimals
      assertThat(fen(row[4])).isEqualTo(householdTotal(household));
      assertThat(row[6]).isEqualTo(household);
    }
    // 合计: the count and the total of the rows above
    String[] total = rows.get(rows.size() - 1);
    assertThat(total[0]).isEqualTo("合计");
    assertThat(total[1]).isEqualTo("3");
    assertThat(fen(total[4])).isEqualTo(payees.stream().mapToLong(r -> fen(r[4])).sum());

    // the fourth household has no account: it is in the exception list, masked, with its amount; the two
    // files together pay exactly what the run gives the households
    Http.Response exceptions = server.http.get("/api/v1/distributions/" + runId + "/payout-exceptions",
        coop.coopToken);
    assertThat(exceptions.status()).as(exceptions.text()).isEqualTo(200);
    List<String[]> listed = csv(exceptions.text());
    String fourth = coop.households.get(3);
    assertThat(listed.get(1)[1]).isEqualTo("杨*" + (char) ('宇' + 3));
    assertThat(listed.get(1)[2]).isEqualTo(fourth);
    assertThat(fen(listed.get(1)[3])).isEqualTo(householdTotal(fourth)).isPositive();
    assertThat(listed.get(1)[4]).contains("未登记银行账户");
    assertThat(listed.get(listed.size() - 1)[0]).isEqualTo("合计");
    assertThat(fen(total[4]) + fen(listed.get(listed.size() - 1)[3])).isEqualTo(allHouseholds());
    assertThat(exceptions.text()).doesNotContain(ACCOUNTS[0]);
  }

  @Test
  void the_account_is_masked_in_every_answer_and_encrypted_at_rest() {
    String first = coop.households.get(0);
    Http.Response shown = server.http.get("/api/v1/households/" + first + "/bank-account", coop.regulatorToken);
    assertThat(shown.status()).as(shown.text()).isEqualTo(200);
    assertThat(shown.body().getString("accountNumber")).isEqualTo("6217***********8901");
    assertThat(shown.body().getString("holderName")).isEqualTo("杨*宇");
    for (String path : List.of("/api/v1/households/" + first, "/api/v1/households/" + first + "/statement?year=2026",
        "/api/v1/distributions/" + runId, "/api/v1/public/distributions/" + runId + "/notice")) {
      assertThat(server.http.get(path, server.adminToken).text()).as(path).doesNotContain(ACCOUNTS[0]);
    }
    byte[] stored = server.server().database().dsl().select(HOUSEHOLD_BANK_ACCOUNT.ACCOUNT_CIPHER)
        .from(HOUSEHOLD_BANK_ACCOUNT).where(HOUSEHOLD_BANK_ACCOUNT.HOUSEHOLD_ID.eq(Long.parseLong(first)))
        .fetchOne(HOUSEHOLD_BANK_ACCOUNT.ACCOUNT_CIPHER);
    assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(ACCOUNTS[0]).doesNotContain("8901");
  }

  @Test
  void a_malformed_account_is_refused_naming_the_field_without_echoing_it() {
    Http.Response bad = putAccount(coop.households.get(3), "杨启", "6217-0000-1234");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().getString("field")).isEqualTo("accountNumber");
    assertThat(bad.text()).doesNotContain("6217-0000-1234");
    // a household in another cooperative's county is not this cooperative's to pay
    GrapeCooperative other = new GrapeCooperative(server, "别村合作社（代发）", 1);
    assertThat(server.http.send("PUT", "/api/v1/households/" + other.households.get(0) + "/bank-account",
        coop.coopToken, "application/json", account("杨启宇", ACCOUNTS[0]).encode()).status()).isEqualTo(404);
  }

  static Http.Response putAccount(String household, String holder, String number) {
    return server.http.send("PUT", "/api/v1/households/" + household + "/bank-account", coop.coopToken,
        "application/json", account(holder, number).encode());
  }

  static JsonObject account(String holder, String number) {
    return new JsonObject().put("bankName", "岑巩县农村信用合作联社").put("holderName", holder).put("accountNumber", number);
  }

  static long householdTotal(String household) {
    JsonArray lines = run.getJsonArray("allocations");
    return lines.stream().map(o -> (JsonObject) o).filter(l -> household.equals(l.getString("householdId")))
        .mapToLong(l -> l.getLong("amountFen")).sum();
  }

  static long allHouseholds() {
    return run.getJsonArray("allocations").stream().map(o -> (JsonObject) o).filter(l -> l.getString("householdId") != null)
        .mapToLong(l -> l.getLong("amountFen")).sum();
  }

  /** "1054.29" → 105429: yuan with two decimals, read back exactly. */
  static long fen(String yuan) {
    return new java.math.BigDecimal(yuan).movePointRight(2).longValueExact();
  }

  /** The file as rows of cells: BOM dropped, CRLF rows, quotes removed (no cell here holds a comma or quote). */
  static List<String[]> csv(String text) {
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    return Arrays.stream(body.split("\r\n")).filter(l -> !l.isEmpty())
        .map(l -> Arrays.stream(l.split(",", -1)).map(c -> c.replaceAll("^\"|\"$", "")).toArray(String[]::new))
        .toList();
  }
}
