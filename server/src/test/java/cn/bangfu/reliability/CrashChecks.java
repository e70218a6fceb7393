package cn.bangfu.reliability;

import cn.bangfu.reliability.CrashJournal.Order;
import cn.bangfu.reliability.CrashJournal.Placement;
import cn.bangfu.reliability.CrashJournal.Run;
import cn.bangfu.support.Http;
import cn.bangfu.support.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The crash suite's invariants, read from the database directly (and through the server's own
 * trial balance and chain verification): each returns the violations it found, so a failing run
 * names every broken fact at once.
 */
final class CrashChecks {
  private final String jdbcUrl;
  int checksRun;

  CrashChecks(String jdbcUrl) {
    this.jdbcUrl = jdbcUrl;
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl, TestDatabase.user(), TestDatabase.password());
  }

  /** The cheap invariants, checked after every restart: the books balance, chains verify, no lot oversold. */
  List<String> afterRestart(Http http, String adminToken) {
    List<String> broken = new ArrayList<>();
    JsonObject trial = http.get("/api/v1/ledger/trial-balance", adminToken).body();
    check(broken, Boolean.TRUE.equals(trial.getBoolean("balanced")), "trial balance not zero: " + trial);
    check(broken, longOf("SELECT COALESCE(SUM(amount_fen), 0) FROM ledger_posting") == 0,
        "postings do not sum to zero");
    check(broken, longOf("SELECT COUNT(*) FROM ledger_entry e WHERE e.posting_count <>"
        + " (SELECT COUNT(*) FROM ledger_posting p WHERE p.entry_id = e.id)") == 0, "an entry lost postings");
    check(broken, longOf("SELECT COUNT(*) FROM (SELECT entry_id FROM ledger_posting GROUP BY entry_id"
        + " HAVING SUM(amount_fen) <> 0) x") == 0, "an entry does not balance");
    JsonObject verify = http.get("/api/v1/ledger/verify", adminToken).body();
    check(broken, Boolean.TRUE.equals(verify.getBoolean("ok")), "ledger chain does not verify: " + verify);
    check(broken, verify.getLong("entriesChecked", -1L) == longOf("SELECT COUNT(*) FROM ledger_entry"),
        "verification did not cover every entry: " + verify);
    check(broken, longOf("SELECT COUNT(*) FROM lot WHERE available_quantity < 0") == 0, "a lot is below zero");
    check(broken, longOf("SELECT COUNT(*) FROM lot l WHERE l.quantity < (SELECT COALESCE(SUM(o.quantity), 0)"
        + " FROM purchase_order o WHERE o.lot_id = l.id AND o.status NOT IN ('CANCELLED', 'REJECTED'))") == 0,
        "a lot is oversold");
    check(broken, longOf("SELECT COUNT(*) FROM lot l WHERE l.quantity - l.available_quantity <>"
        + " (SELECT COALESCE(SUM(o.quantity), 0) FROM purchase_order o WHERE o.lot_id = l.id"
        + " AND o.status NOT IN ('CANCELLED', 'REJECTED'))") == 0, "a lot's available quantity disagrees with its orders");
    checksRun += 9;
    return broken;
  }

  /** Everything, at the end: the cheap invariants, exactly-once postings, and every acknowledged write. */
  List<String> atEnd(Http http, String adminToken, CrashJournal journal) {
    List<String> broken = afterRestart(http, adminToken);
    // No run posted twice; no entry for a run that is not posted.
    check(broken, longOf("SELECT COUNT(*) FROM distribution_run r WHERE (SELECT COUNT(*) FROM ledger_entry e"
        + " WHERE e.idempotency_ref = CONCAT('distribution:', r.id)) <> (CASE WHEN r.status = 'POSTED' THEN 1 ELSE 0 END)")
        == 0, "a run has not exactly one posting entry for its status");
    check(broken, longOf("SELECT COUNT(*) FROM distribution_run r WHERE r.status = 'POSTED'"
        + " AND NOT EXISTS (SELECT 1 FROM ledger_entry e WHERE e.id = r.ledger_entry_id)") == 0,
        "a posted run points at no entry");
    // Every settled order has exactly one settlement entry of its amount; no other order has one.
    check(broken, longOf("SELECT COUNT(*) FROM purchase_order o WHERE (SELECT COUNT(*) FROM ledger_entry e"
        + " WHERE e.idempotency_ref = CONCAT('order-settlement:', o.id)) <> (CASE WHEN o.status = 'SETTLED' THEN 1 ELSE 0 END)")
        == 0, "an order has not exactly one settlement entry for its status");
    check(broken, longOf("SELECT COUNT(*) FROM purchase_order o JOIN ledger_entry e ON e.idempotency_ref ="
        + " CONCAT('order-settlement:', o.id) WHERE o.amount_fen <> (SELECT SUM(p.amount_fen) FROM ledger_posting p"
        + " WHERE p.entry_id = e.id AND p.amount_fen > 0)") == 0, "a settlement entry differs from its order");
    // A paid run has exactly one payout entry (none when it paid nothing), an unpaid run none (issue 13).
    check(broken, longOf("SELECT COUNT(*) FROM distribution_run r WHERE (SELECT COUNT(*) FROM ledger_entry e"
        + " WHERE e.idempotency_ref = CONCAT('distribution-payout:', r.id)) <> (CASE WHEN r.paid_at IS NOT NULL"
        + " AND r.paid_entry_id IS NOT NULL THEN 1 ELSE 0 END)") == 0, "a run has not exactly one payout entry for its state");
    check(broken, longOf("SELECT COUNT(*) FROM distribution_run r WHERE r.paid_entry_id IS NOT NULL AND NOT EXISTS"
        + " (SELECT 1 FROM ledger_entry e WHERE e.id = r.paid_entry_id AND e.idempotency_ref = CONCAT('distribution-payout:',"
        + " r.id))") == 0, "a paid run points at no payout entry of its own");
    // A closed year has at most one closing entry, the one it points at (none if nothing moved in the year).
    check(broken, longOf("SELECT COUNT(*) FROM year_close y WHERE (SELECT COUNT(*) FROM ledger_entry e WHERE"
        + " e.idempotency_ref = CONCAT('period-close:', y.cooperative_id, ':', y.fiscal_year)) <> (CASE WHEN"
        + " y.closing_entry_id IS NULL THEN 0 ELSE 1 END)") == 0, "a closed year has not exactly its closing entry");
    check(broken, longOf("SELECT COUNT(*) FROM ledger_entry e WHERE e.idempotency_ref LIKE 'period-close:%' AND NOT EXISTS"
        + " (SELECT 1 FROM year_close y WHERE y.closing_entry_id = e.id)") == 0, "a closing entry of a year not closed");
    check(broken, longOf("SELECT COUNT(*) FROM ledger_entry") == longOf("SELECT COUNT(*) FROM purchase_order"
        + " WHERE status = 'SETTLED'") + longOf("SELECT COUNT(*) FROM distribution_run WHERE status = 'POSTED'")
        + longOf("SELECT COUNT(*) FROM distribution_run WHERE paid_entry_id IS NOT NULL")
        + longOf("SELECT COUNT(*) FROM cooperative_income")
        + longOf("SELECT COUNT(*) FROM year_close WHERE closing_entry_id IS NOT NULL"),
        "the ledger holds entries that are neither settlements, run postings, payouts, income nor closings");
    checksRun += 9;
    acknowledged(broken, journal);
    return broken;
  }

  private void acknowledged(List<String> broken, CrashJournal journal) {
    Map<String, String[]> orders = new HashMap<>();
    try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
        "SELECT id, lot_id, quantity, status FROM purchase_order"); ResultSet r = s.executeQuery()) {
      while (r.next()) {
        orders.put(Long.toString(r.getLong(1)), new String[] {Long.toString(r.getLong(2)),
            r.getBigDecimal(3).toPlainString(), r.getString(4)});
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    long ackedPlacements = 0;
    for (Placement p : journal.placements.values()) {
      check(broken, !p.inDoubt, "placement " + p.key + " was never resolved");
      if (p.orderId != null) {
        ackedPlacements++;
        String[] row = orders.get(p.orderId);
        check(broken, row != null, "acknowledged order " + p.orderId + " is missing");
        check(broken, row == null || row[0].equals(p.lotId) && new BigDecimal(row[1]).compareTo(new BigDecimal(p.quantity)) == 0,
            "acknowledged order " + p.orderId + " changed its lot or quantity");
      }
    }
    // Each key made at most one order and no order appeared without an acknowledged key.
    check(broken, orders.size() == ackedPlacements, "orders in the database: " + orders.size()
        + ", acknowledged placements: " + ackedPlacements);
    for (Order o : journal.orders.values()) {
      String[] row = orders.get(o.id);
      check(broken, row != null && CrashJournal.reachable(o.acked, row[2]), "order " + o.id + " acknowledged "
          + o.acked + " but is " + (row == null ? "missing" : row[2]));
    }
    for (String lot : journal.ackedLots) {
      check(broken, longOf("SELECT COUNT(*) FROM lot WHERE id = " + Long.parseLong(lot)) == 1,
          "acknowledged lot " + lot + " is missing");
    }
    for (Run run : journal.runs) {
      if (run.acked == null) {
        continue;
      }
      String status = stringOf("SELECT status FROM distribution_run WHERE id = " + Long.parseLong(run.id));
      check(broken, status != null && CrashJournal.runReachable(run.acked, status),
          "run " + run.id + " acknowledged " + run.acked + " but is " + status);
      check(broken, !run.paidAcked || longOf("SELECT COUNT(*) FROM distribution_run WHERE paid_at IS NOT NULL AND id = "
          + Long.parseLong(run.id)) == 1, "run " + run.id + " acknowledged paid but is not");
    }
    checksRun += 4;
  }

  long longOf(String sql) {
    try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
      r.next();
      return r.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  private String stringOf(String sql) {
    try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
      return r.next() ? r.getString(1) : null;
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  private void update(String sql, long id) {
    try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, id);
      s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  private static void check(List<String> broken, boolean holds, String what) {
    if (!holds) {
      broken.add(what);
    }
  }
}
