package cn.bangfu.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.support.ClassServer;
import cn.bangfu.support.Http;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * How long 公示 lasts (issue 12): {@code days ≥ LEDGER_MIN_PUBLICITY_DAYS}, and nothing capped it
 * below that before; 0 is allowed when the minimum is 0 (tests, demos), the publicity then being over
 * the day it starts.
 */
class PublicityDaysTest {
  @ClassServer static TestServer server;

  private static String draft(GrapeCooperative coop, long orderId) {
    coop.settledOrder(orderId, 240_000, LocalDate.of(2026, 8, 30));
    return GrapeCooperative.created(coop.draft("coop-surplus-60", "2026-01-01", "2026-12-31"));
  }

  @Test
  void publicity_longer_than_90_days_is_accepted_and_shorter_than_the_minimum_is_not() {
    GrapeCooperative coop = new GrapeCooperative(server, "长公示合作社", 2);
    String path = "/api/v1/distributions/" + draft(coop, 777_001) + "/publicize";

    Http.Response tooShort = coop.post(path, coop.coopToken, new JsonObject().put("days", 6));
    Http.Response tooLong = coop.post(path, coop.coopToken, new JsonObject().put("days", 367));
    Http.Response longer = coop.post(path, coop.coopToken, new JsonObject().put("days", 120));

    assertThat(tooShort.status()).isEqualTo(400);
    assertThat(tooShort.body().getString("field")).isEqualTo("days");
    assertThat(tooShort.body().getString("detail")).contains("at least 7");
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.body().getString("field")).isEqualTo("days");
    assertThat(longer.status()).as(longer.text()).isEqualTo(200);
    assertThat(LocalDate.parse(longer.body().getString("publicityEnd")))
        .isEqualTo(LocalDate.parse(longer.body().getString("publicityStart")).plusDays(119));
  }

  @Test
  void given_a_minimum_of_0_days_publicity_of_0_days_is_over_at_once_objections_are_refused_and_approval_is_open() {
    try (TestServer zero = TestServer.startWithMinPublicityDays(0)) {
      GrapeCooperative coop = new GrapeCooperative(zero, "零天公示合作社", 2);
      String run = "/api/v1/distributions/" + draft(coop, 777_002);

      Http.Response publicized = coop.post(run + "/publicize", coop.coopToken, new JsonObject().put("days", 0));
      Http.Response negative = coop.post(run + "/publicize", coop.coopToken, new JsonObject().put("days", -1));
      Http.Response objection = coop.post(run + "/objections", null, new JsonObject().put("text", "来不及了"));
      Http.Response approved = coop.post(run + "/approve", coop.regulatorToken, new JsonObject());

      assertThat(publicized.status()).as(publicized.text()).isEqualTo(200);
      assertThat(negative.status()).isEqualTo(400);
      assertThat(objection.status()).as(objection.text()).isEqualTo(409);
      assertThat(objection.body().getString("type")).endsWith("publicity-over");
      assertThat(approved.status()).as(approved.text()).isEqualTo(200);
    }
  }
}
