package cn.bangfu.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.support.ClassServer;
import cn.bangfu.support.Http;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * The public notice, which anyone may read without a token, is paged like every list that grows
 * (issue 12, finding 3): a county run has 200,000 lines. The CSV for the village board stays whole.
 */
class PublicNoticePagingTest {
  @ClassServer static TestServer server;

  @Test
  void the_public_notice_comes_a_page_at_a_time_with_the_total_of_every_line() {
    GrapeCooperative coop = new GrapeCooperative(server, "公示分页合作社", 3);
    coop.settledOrder(778_001, 360_000, LocalDate.of(2026, 8, 30));
    String runId = GrapeCooperative.created(coop.draft("coop-surplus-60", "2026-01-01", "2026-12-31"));
    coop.post("/api/v1/distributions/" + runId + "/publicize", coop.coopToken, new JsonObject().put("days", 7))
        .expect(200);
    String notice = "/api/v1/public/distributions/" + runId + "/notice";

    JsonObject all = server.http.get(notice + "?limit=500", null).expect(200).body();
    JsonObject page = server.http.get(notice + "?limit=2&offset=1", null).expect(200).body();
    Http.Response badLimit = server.http.get(notice + "?limit=0", null);
    String csv = server.http.get(notice + "?format=csv", null).expect(200).text();

    int lines = all.getJsonArray("lines").size();
    assertThat(lines).isGreaterThan(3);
    assertThat(all.getInteger("linesTotal")).isEqualTo(lines);
    assertThat(page.getJsonArray("lines").size()).isEqualTo(2);
    assertThat(page.getJsonArray("lines").getJsonObject(0)).isEqualTo(all.getJsonArray("lines").getJsonObject(1));
    assertThat(page.getLong("householdTotalFen")).isEqualTo(all.getLong("householdTotalFen")).isPositive();
    assertThat(badLimit.status()).isEqualTo(400);
    assertThat(badLimit.body().getString("field")).isEqualTo("limit");
    assertThat(csv.split("\r\n")).as("the CSV for the village board is whole: 3 header rows and every line")
        .hasSize(3 + lines);
  }
}
