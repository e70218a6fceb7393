package cn.bangfu.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.support.ClassServer;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, point 5: a guarantee shortfall is the cooperative's debt to the household, kept in the book, and
 * the first claim on the next run. The 岑丰村 grape cooperative with two households (10 and 15 亩 of land
 * shares since 2026-01-01) under land-guaranteed-plus-profit (500 元 per 亩 a year).
 */
class GuaranteeLiabilityTest {
  @ClassServer static TestServer server;

  @Test
  void a_first_half_shortfall_is_repaid_first_by_the_second_half_run() {
    GrapeCooperative coop = new GrapeCooperative(server, "岑丰村葡萄合作社保底", 2);
    String small = coop.households.get(0);
    String large = coop.households.get(1);
    coop.settledOrder(141_001, 100_000, LocalDate.of(2026, 3, 1));   // 1,000 元 in the first half
    coop.settledOrder(141_002, 2_000_000, LocalDate.of(2026, 9, 1)); // 20,000 元 in the second half

    // first half (181 days): owed 10 × 50,000 × 181/365 = 247,945.2 → 247,945 and 15 亩 → 371,918 fen;
    // the pool of 100,000 fen pays 40,000 / 60,000 in proportion; 207,945 + 311,918 = 519,863 fen owed
    JsonObject first = coop.postedRun("land-guaranteed-plus-profit", "2026-01-01", "2026-06-30");
    assertThat(first.getLong("liabilityFen")).isEqualTo(519_863L);
    assertThat(amounts(first, "land-guaranteed")).containsEntry(small, 40_000L).containsEntry(large, 60_000L);

    // second half: the 519,863 fen still owed come first, read from the households' guarantee liability
    JsonObject second = GrapeCooperative.createdBody(coop.draft("land-guaranteed-plus-profit", "2026-07-01",
        "2026-12-31"));
    assertThat(second.getJsonArray("steps").getJsonObject(0).getString("stepId")).isEqualTo("liability-repayment");
    assertThat(amounts(second, "liability-repayment")).containsEntry(small, 207_945L).containsEntry(large, 311_918L);
    // then this half's guarantee (184 days): 252,055 + 378,082 = 630,137; the rest 2,000,000 − 519,863 −
    // 630,137 = 850,000: 20% = 170,000 by mu 10 : 15 → 68,000 / 102,000; the operator 680,000
    assertThat(amounts(second, "land-guaranteed")).containsEntry(small, 252_055L).containsEntry(large, 378_082L);
    assertThat(amounts(second, "land-dividend")).containsEntry(small, 68_000L).containsEntry(large, 102_000L);
    assertThat(second.getLong("liabilityFen")).isZero();

    // once posted, nothing is owed any more: a third draft would repay nothing
    String runId = second.getString("id");
    coop.post("/api/v1/distributions/" + runId + "/publicize", coop.coopToken, new JsonObject().put("days", 7));
    coop.endPublicity(runId);
    coop.post("/api/v1/distributions/" + runId + "/approve", coop.regulatorToken, new JsonObject());
    assertThat(coop.post("/api/v1/distributions/" + runId + "/post", coop.coopToken, new JsonObject()).status())
        .isEqualTo(200);
    var owed = new PeriodFactsRepository().gather(server.server().database().dsl(), Long.parseLong(coop.id),
        LocalDate.of(2027, 1, 1), LocalDate.of(2027, 12, 31)).facts().members();
    assertThat(owed).allMatch(m -> m.outstandingLiabilityFen() == 0);
  }

  private static Map<String, Long> amounts(JsonObject run, String stepId) {
    List<JsonObject> lines = run.getJsonArray("allocations").stream().map(o -> (JsonObject) o)
        .filter(l -> stepId.equals(l.getString("stepId"))).toList();
    return lines.stream().collect(Collectors.toMap(l -> l.getString("householdId"), l -> l.getLong("amountFen")));
  }
}
