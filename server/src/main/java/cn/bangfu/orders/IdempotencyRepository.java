package cn.bangfu.orders;

import static cn.bangfu.db.Tables.IDEMPOTENCY_RECORD;

import cn.bangfu.db.tables.records.IdempotencyRecordRecord;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.exception.IntegrityConstraintViolationException;

/** SQL for Idempotency-Key records; the unique index on (owner, idem_key) decides who was first. */
public final class IdempotencyRepository {

  /** The key was stored by another request while this one ran (its transaction is rolled back). */
  public static final class Taken extends RuntimeException {
    public Taken() {
      super(null, null, false, false);
    }
  }

  public Optional<IdempotencyRecordRecord> find(DSLContext db, String owner, String key) {
    return db.selectFrom(IDEMPOTENCY_RECORD)
        .where(IDEMPOTENCY_RECORD.OWNER.eq(owner)).and(IDEMPOTENCY_RECORD.IDEM_KEY.eq(key))
        .fetchOptional();
  }

  public void insert(DSLContext db, IdempotencyRecordRecord record) {
    try {
      db.executeInsert(record);
    } catch (IntegrityConstraintViolationException e) {
      throw new Taken();
    }
  }
}
