package cn.bangfu.reliability;

import cn.bangfu.db.DefaultSchema;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Table;

/**
 * Everything a write could change, as comparable numbers: for every table of the schema its row
 * count and MariaDB's CHECKSUM TABLE (which changes with any updated column, not just inserts), and
 * the ledger totals (debits, credits, entries, chain heads).
 */
final class DatabaseSnapshot {
  private DatabaseSnapshot() {
  }

  static Map<String, Object> take(DSLContext db) {
    Map<String, Object> facts = new TreeMap<>();
    for (Table<?> table : DefaultSchema.DEFAULT_SCHEMA.getTables()) {
      String name = table.getName();
      if (name.equals("node_lease")) {
        continue; // the instance's id-node lease: its heartbeat renews it every 10 s, whatever the requests
      }
      facts.put(name + ".rows", db.fetchCount(table));
      Record checksum = db.fetchOne("CHECKSUM TABLE " + name);
      facts.put(name + ".checksum", checksum == null ? null : checksum.get(1));
    }
    facts.put("ledger.debitFen", db.fetchValue("SELECT COALESCE(SUM(amount_fen), 0) FROM ledger_posting WHERE amount_fen > 0"));
    facts.put("ledger.creditFen", db.fetchValue("SELECT COALESCE(SUM(amount_fen), 0) FROM ledger_posting WHERE amount_fen < 0"));
    facts.put("ledger.entries", db.fetchValue("SELECT COUNT(*) FROM ledger_entry"));
    facts.put("ledger.chainHeads", db.fetchValue("SELECT COALESCE(SUM(last_seq), 0) FROM ledger_chain"));
    return facts;
  }
}
