package cn.bangfu.book;

import static cn.bangfu.db.Tables.COST_RECORD;
import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.support.ClassServer;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 point 1: cost rows recorded before the chart (the old route kept them in a side table only)
 * move onto the chart: each is booked as the entry the cost route posts today, 经营支出 against 应付款,
 * once, and the chains still verify.
 */
class LegacyCostsTest {
  @ClassServer static TestServer server;

  @Test
  void given_costs_recorded_before_the_chart_when_booked_then_each_is_one_entry_on_the_chart_and_once_only() throws Exception {
    CooperativeBook coop = new CooperativeBook(server, "岑丰村旧账合作社", 1);
    long coopId = Long.parseLong(coop.id);
    var db = server.server().database().dsl();
    // two rows as the pre-V15 route wrote them: free-text categories, no payment, no entry
    for (long[] cost : new long[][] {{1_001, 450_000}, {1_002, 180_000}}) {
      db.insertInto(COST_RECORD).set(COST_RECORD.ID, cost[0]).set(COST_RECORD.COOPERATIVE_ID, coopId)
          .set(COST_RECORD.AMOUNT_FEN, cost[1]).set(COST_RECORD.CATEGORY, cost[0] == 1_001 ? "农资" : "TRANSPORT")
          .set(COST_RECORD.INCURRED_ON, LocalDate.of(2026, 3, 15)).set(COST_RECORD.NOTE, "有机肥、果袋")
          .set(COST_RECORD.CREATED_AT, LocalDateTime.of(2026, 3, 15, 9, 0)).set(COST_RECORD.CREATED_BY, 1L).execute();
    }

    int booked = server.server().book().bookLegacyCosts().await(30, TimeUnit.SECONDS);
    int again = server.server().book().bookLegacyCosts().await(30, TimeUnit.SECONDS);

    assertThat(booked).isEqualTo(2);
    assertThat(again).as("booked once").isZero();
    Map<String, Long> b = coop.balances();
    assertThat(b.get("521")).as("经营支出").isEqualTo(630_000);
    assertThat(b.get("211")).as("应付款: the payment was never recorded").isEqualTo(-630_000);
    assertThat(db.fetchCount(COST_RECORD, COST_RECORD.COOPERATIVE_ID.eq(coopId), COST_RECORD.LEDGER_ENTRY_ID.isNull()))
        .isZero();
    coop.assertBalanced("after booking the old costs");
    JsonObject verify = server.http.get("/api/v1/ledger/verify", server.adminToken).body();
    assertThat(verify.getBoolean("ok")).as(verify.encode()).isTrue();
  }
}
