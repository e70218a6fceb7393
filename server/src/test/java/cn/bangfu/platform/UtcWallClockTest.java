package cn.bangfu.platform;

import cn.bangfu.ledger.ChartAccount;
import cn.bangfu.ledger.EntryKind;
import cn.bangfu.ledger.ReferenceType;
import static cn.bangfu.db.Tables.LEDGER_ENTRY;
import static cn.bangfu.db.Tables.ORDER_HISTORY;
import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.ledger.AccountRef;
import cn.bangfu.ledger.EntryDraft;
import cn.bangfu.ledger.PostedEntry;
import cn.bangfu.ledger.Posting;
import cn.bangfu.support.TestServer;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.TimeZone;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/**
 * Times are UTC wall clock in LocalDateTime everywhere. jOOQ binds them through java.sql.Timestamp
 * and the hot paths through setObject; in a JVM whose zone is not UTC (a server in China runs in
 * Asia/Shanghai) both must store and read the same value, or the ledger's hash chain, which covers
 * created_at, would no longer verify.
 */
class UtcWallClockTest {

  @Test
  void given_a_jvm_in_asia_shanghai_when_times_are_written_by_jooq_and_by_jdbc_then_both_read_back_unchanged() {
    TimeZone original = TimeZone.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone("Asia/Shanghai"));
    try (TestServer server = TestServer.start()) {
      DSLContext db = server.server().database().dsl();
      LocalDateTime noon = LocalDateTime.of(2026, 9, 15, 12, 0);
      db.insertInto(ORDER_HISTORY).set(ORDER_HISTORY.ID, 1L).set(ORDER_HISTORY.ORDER_ID, 1L)
          .set(ORDER_HISTORY.COOPERATIVE_ID, 1L).set(ORDER_HISTORY.TO_STATUS, cn.bangfu.orders.OrderStatus.PLACED)
          .set(ORDER_HISTORY.ACTOR_USER_ID, 1L).set(ORDER_HISTORY.ACTOR_ROLE, cn.bangfu.identity.Role.BUYER).set(ORDER_HISTORY.AT, noon)
          .execute();
      db.connection(c -> {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO order_history (id, order_id, cooperative_id,"
            + " to_status, actor_user_id, actor_role, at) VALUES (2, 1, 1, 'PLACED', 1, 'BUYER', ?)")) {
          ps.setObject(1, noon);
          ps.executeUpdate();
        }
      });
      LocalDateTime before = LocalDateTime.now(ZoneOffset.UTC).minusSeconds(1);
      PostedEntry entry = db.transactionResult(c -> server.server().ledger().post(c.dsl(), new EntryDraft(
          EntryKind.ORDER_SETTLEMENT, ReferenceType.ORDER, 1, "order-settlement:tz", 1, LocalDate.of(2026, 9, 15), 1, null, List.of(
              new Posting(AccountRef.of(1, ChartAccount.BANK_DEPOSIT), 600_000),
              new Posting(AccountRef.of(1, ChartAccount.OPERATING_REVENUE), -600_000)))));

      assertThat(db.select(ORDER_HISTORY.AT).from(ORDER_HISTORY).orderBy(ORDER_HISTORY.ID).fetch(ORDER_HISTORY.AT))
          .containsExactly(noon, noon);
      assertThat(db.fetch("SELECT CAST(at AS CHAR) FROM order_history").getValues(0, String.class))
          .containsOnly("2026-09-15 12:00:00.000");
      assertThat(db.select(LEDGER_ENTRY.CREATED_AT).from(LEDGER_ENTRY).where(LEDGER_ENTRY.ID.eq(entry.entryId()))
          .fetchOne(LEDGER_ENTRY.CREATED_AT)).isAfter(before).isBefore(before.plusMinutes(1));
      var verified = server.http.get("/api/v1/ledger/verify", server.adminToken).body();
      assertThat(verified.getBoolean("ok")).as(verified.encode()).isTrue();
    } finally {
      TimeZone.setDefault(original);
    }
  }
}
