package cn.bangfu.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.support.Http;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Business time comes from one injected clock (issue 18, point 1): a 公示 period ends because days
 * pass on that clock, not because a test rewrites the run's dates; every instance on the database
 * reads the same day; dates in request bodies are checked against it.
 */
class BusinessClockTest {
  static TestServer server;
  static GrapeCooperative coop;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    coop = new GrapeCooperative(server, "岑丰村葡萄种植专业合作社", 3);
    coop.settledOrder(18_001, 360_000, LocalDate.of(2026, 8, 30));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private JsonObject run(String runId) {
    return server.http.get("/api/v1/distributions/" + runId, coop.coopToken).expect(200).body();
  }

  @Test
  void a_publicity_of_7_days_ends_as_the_clock_passes_its_last_day_approval_refused_before_and_allowed_after() {
    String runId = GrapeCooperative.created(coop.draft("coop-surplus-60", "2026-01-01", "2026-09-30"));
    LocalDate firstDay = server.today();
    JsonObject publicized = coop.post("/api/v1/distributions/" + runId + "/publicize", coop.coopToken,
        new JsonObject().put("days", 7)).expect(200).body();
    LocalDate lastDay = LocalDate.parse(publicized.getString("publicityEnd"));
    String approve = "/api/v1/distributions/" + runId + "/approve";

    Http.Response onTheFirstDay = coop.post(approve, coop.regulatorToken, new JsonObject());
    server.clock().advance(Duration.ofDays(6));
    LocalDate onLastDay = server.today();
    Http.Response onTheLastDay = coop.post(approve, coop.regulatorToken, new JsonObject());
    Http.Response objectionOnTheLastDay = coop.post("/api/v1/distributions/" + runId + "/objections", null,
        new JsonObject().put("text", "最后一天提出的异议"));
    coop.post("/api/v1/distributions/" + runId + "/objections/" + objectionOnTheLastDay.body().getString("id")
        + "/answer", coop.coopToken, new JsonObject().put("answer", "已核对")).expect(200);
    server.clock().advance(Duration.ofDays(1));
    Http.Response objectionTheDayAfter = coop.post("/api/v1/distributions/" + runId + "/objections", null,
        new JsonObject().put("text", "公示期满后的异议"));
    Http.Response theDayAfter = coop.post(approve, coop.regulatorToken, new JsonObject());

    assertThat(lastDay).isEqualTo(firstDay.plusDays(6)).isEqualTo(onLastDay);
    assertThat(onTheFirstDay.status()).as(onTheFirstDay.text()).isEqualTo(409);
    assertThat(onTheFirstDay.body().getString("type")).endsWith("publicity-not-over");
    assertThat(onTheLastDay.status()).as(onTheLastDay.text()).isEqualTo(409);
    assertThat(objectionOnTheLastDay.status()).as(objectionOnTheLastDay.text()).isEqualTo(201);
    assertThat(objectionTheDayAfter.status()).as(objectionTheDayAfter.text()).isEqualTo(409);
    assertThat(objectionTheDayAfter.body().getString("type")).endsWith("publicity-over");
    assertThat(theDayAfter.status()).as(theDayAfter.text()).isEqualTo(200);
    assertThat(theDayAfter.body().getString("status")).isEqualTo("APPROVED");
    // the run's dates are what publicizing set: time moved, not the row
    assertThat(run(runId).getString("publicityStart")).isEqualTo(firstDay.toString());
    assertThat(run(runId).getString("publicityEnd")).isEqualTo(lastDay.toString());
  }

  @Test
  void a_second_instance_on_the_same_database_reads_the_same_business_day() {
    String runId = GrapeCooperative.created(coop.draft("coop-surplus-60", "2026-01-01", "2026-10-31"));
    coop.post("/api/v1/distributions/" + runId + "/publicize", coop.coopToken, new JsonObject().put("days", 7))
        .expect(200);
    try (TestServer second = server.secondInstance()) {
      server.endPublicity(runId, coop.coopToken);

      Http.Response approved = second.http.post("/api/v1/distributions/" + runId + "/approve", coop.regulatorToken,
          new JsonObject());

      assertThat(second.today()).isEqualTo(server.today());
      assertThat(approved.status()).as(approved.text()).isEqualTo(200);
    }
  }

  @Test
  void a_payment_date_is_in_the_future_or_not_by_the_business_clock_not_the_wall_clock() {
    LocalDate before = server.today();
    LocalDate tomorrow = before.plusDays(1);
    Http.Response tooEarly = coop.post("/api/v1/cooperatives/" + coop.id + "/costs", coop.coopToken,
        costDated(tomorrow));
    server.clock().advance(Duration.ofDays(2));
    Http.Response onceItHasPassed = coop.post("/api/v1/cooperatives/" + coop.id + "/costs", coop.coopToken,
        costDated(tomorrow));

    assertThat(tooEarly.status()).as(tooEarly.text()).isEqualTo(400);
    assertThat(tooEarly.body().getString("field")).isEqualTo("date");
    assertThat(onceItHasPassed.status()).as(onceItHasPassed.text()).isEqualTo(201);
    assertThat(server.today()).isAfter(tomorrow);
  }

  private static JsonObject costDated(LocalDate date) {
    return new JsonObject().put("amountFen", 1_000).put("category", "MATERIALS").put("date", date.toString());
  }
}
