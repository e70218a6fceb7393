package cn.bangfu.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.support.ClassServer;
import cn.bangfu.support.Http;
import cn.bangfu.support.RawHttp;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The notice and payout files (issue 12, findings 9 and 7): downloads as named attachments that no
 * cache keeps, and a payout only on a day that has come.
 */
class DownloadHeadersTest {
  @ClassServer static TestServer server;
  static GrapeCooperative coop;
  static RawHttp raw;
  static String runId;

  @BeforeAll
  static void start() {
    raw = new RawHttp(server.server().port());
    coop = new GrapeCooperative(server, "岑丰村葡萄种植专业合作社", 3);
    coop.settledOrder(8_001, 360_000, LocalDate.of(2026, 8, 30));
    runId = GrapeCooperative.created(coop.draft("coop-surplus-60", "2026-01-01", "2026-09-30"));
    coop.post("/api/v1/distributions/" + runId + "/publicize", coop.coopToken, new JsonObject().put("days", 7));
    coop.endPublicity(runId);
    GrapeCooperative.created(coop.post("/api/v1/distributions/" + runId + "/approve", coop.regulatorToken,
        new JsonObject()));
    GrapeCooperative.created(coop.post("/api/v1/distributions/" + runId + "/post", coop.coopToken, new JsonObject()));
  }

  @Test
  void given_a_publicized_run_when_its_notice_is_fetched_as_csv_then_it_is_a_named_attachment_not_cached() {
    RawHttp.Response csv = raw.get("/api/v1/public/distributions/" + runId + "/notice?format=csv", Map.of());
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.header("Content-Type")).startsWith("text/csv");
    assertThat(csv.header("Content-Disposition"))
        .isEqualTo("attachment; filename=\"distribution-" + runId + "-notice.csv\"");
    assertThat(csv.header("Cache-Control")).isEqualTo("no-store");
    assertThat(csv.header("X-Content-Type-Options")).isEqualTo("nosniff");
    RawHttp.Response json = raw.get("/api/v1/public/distributions/" + runId + "/notice", Map.of());
    assertThat(json.status()).isEqualTo(200);
    assertThat(json.header("Content-Disposition")).as("the JSON notice is not a download").isNull();
  }

  @Test
  void given_a_posted_run_when_the_payout_file_is_fetched_then_it_is_a_named_attachment_not_cached() {
    RawHttp.Response payout = raw.get("/api/v1/distributions/" + runId + "/payout",
        Map.of("Authorization", "Bearer " + coop.coopToken));
    assertThat(payout.status()).as(payout.text()).isEqualTo(200);
    assertThat(payout.header("Content-Disposition"))
        .isEqualTo("attachment; filename=\"distribution-" + runId + "-payout.csv\"");
    assertThat(payout.header("Cache-Control")).isEqualTo("no-store");
  }

  @Test
  void given_a_posted_run_when_the_payout_is_dated_in_the_future_or_before_2000_then_400_and_nothing_is_posted() {
    long entries = server.server().database().dsl().fetchCount(org.jooq.impl.DSL.table("ledger_entry"));
    for (String paidOn : new String[] {"2099-12-02", server.today().plusDays(1).toString(), "1999-12-31"}) {
      Http.Response response = coop.post("/api/v1/distributions/" + runId + "/paid", coop.coopToken,
          new JsonObject().put("paidOn", paidOn));
      assertThat(response.status()).as(paidOn + ": " + response.text()).isEqualTo(400);
      assertThat(response.body().getString("field")).isEqualTo("paidOn");
    }
    assertThat(server.server().database().dsl().fetchCount(org.jooq.impl.DSL.table("ledger_entry"))).isEqualTo(entries);
  }

  @Test
  void given_a_cooperative_when_a_run_is_drafted_for_a_period_ending_in_9999_then_400_naming_period_end() {
    Http.Response response = coop.draft("coop-surplus-60", "2026-01-01", "9999-12-31");
    assertThat(response.status()).as(response.text()).isEqualTo(400);
    assertThat(response.body().getString("field")).isEqualTo("periodEnd");
  }
}
