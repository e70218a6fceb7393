package cn.bangfu.platform;

import static cn.bangfu.db.Tables.IDEMPOTENCY_RECORD;

import cn.bangfu.db.tables.records.IdempotencyRecordRecord;
import java.util.Optional;
import org.jooq.DSLContext;

/** SQL for Idempotency-Key records; the unique index on (owner, idem_key) decides who was first. */
public final class IdempotencyRepository {

  /** The key was stored by another request while this one ran (its transaction is rolled back). */
  public static final class Taken extends RuntimeException {
    public Taken() {
      super(null, null, false, false);
    }
  }

  // every order write reads and writes these: rendered once (see RecordStatements)
  private static final RecordStatements<IdempotencyRecordRecord> RECORDS = new RecordStatements<>(IDEMPOTENCY_RECORD);
  private static final RecordStatements<IdempotencyRecordRecord>.Lookup BY_OWNER_AND_KEY =
      RECORDS.lookup(IDEMPOTENCY_RECORD.OWNER, IDEMPOTENCY_RECORD.IDEM_KEY);

  public Optional<IdempotencyRecordRecord> find(DSLContext db, String owner, String key) {
    return BY_OWNER_AND_KEY.fetch(db, owner, key);
  }

  public void insert(DSLContext db, IdempotencyRecordRecord record) {
    try {
      RECORDS.insert(db, record);
    } catch (RecordStatements.DuplicateKey e) {
      throw new Taken();
    }
  }
}
