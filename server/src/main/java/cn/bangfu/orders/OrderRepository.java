package cn.bangfu.orders;

import static cn.bangfu.db.Tables.ORDER_HISTORY;
import static cn.bangfu.db.Tables.PURCHASE_ORDER;

import cn.bangfu.db.tables.records.OrderHistoryRecord;
import cn.bangfu.db.tables.records.PurchaseOrderRecord;
import cn.bangfu.platform.RecordStatements;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.UpdateSetMoreStep;

/**
 * SQL for orders and their history. A status change is one conditional UPDATE on the expected
 * status, so of two concurrent transitions exactly one changes the row and the other sees 0 rows.
 */
public final class OrderRepository {
  // placement's inserts and every transition's read: rendered once (see RecordStatements)
  private static final RecordStatements<PurchaseOrderRecord> ORDERS = new RecordStatements<>(PURCHASE_ORDER);
  private static final RecordStatements<PurchaseOrderRecord>.Lookup BY_ID = ORDERS.lookup(PURCHASE_ORDER.ID);
  private static final RecordStatements<OrderHistoryRecord> HISTORY = new RecordStatements<>(ORDER_HISTORY);

  public void insert(DSLContext db, PurchaseOrderRecord order) {
    ORDERS.insert(db, order);
  }

  public Optional<PurchaseOrderRecord> find(DSLContext db, long id) {
    return BY_ID.fetch(db, id);
  }

  /** The changes a transition makes beside the status (accepted quantity, amount, payment …). */
  @FunctionalInterface
  public interface Changes {
    UpdateSetMoreStep<PurchaseOrderRecord> apply(UpdateSetMoreStep<PurchaseOrderRecord> update);

    static Changes none() {
      return update -> update;
    }

    static <T> Changes set(Field<T> field, T value) {
      return update -> update.set(field, value);
    }

    default Changes and(Changes next) {
      return update -> next.apply(apply(update));
    }
  }

  /** Moves the order from {@code from} to {@code to} if it is still in {@code from}; false if it was not. */
  public boolean transition(DSLContext db, long id, OrderStatus from, OrderStatus to, LocalDateTime at,
      Changes changes) {
    UpdateSetMoreStep<PurchaseOrderRecord> update = db.update(PURCHASE_ORDER)
        .set(PURCHASE_ORDER.STATUS, to)
        .set(PURCHASE_ORDER.UPDATED_AT, at);
    return changes.apply(update)
        .where(PURCHASE_ORDER.ID.eq(id)).and(PURCHASE_ORDER.STATUS.eq(from))
        .execute() == 1;
  }

  /** Links a settled order to the ledger entry its settlement posted (same transaction). */
  public void recordLedgerEntry(DSLContext db, long id, long entryId) {
    db.update(PURCHASE_ORDER).set(PURCHASE_ORDER.LEDGER_ENTRY_ID, entryId).where(PURCHASE_ORDER.ID.eq(id)).execute();
  }

  public void insertHistory(DSLContext db, OrderHistoryRecord entry) {
    HISTORY.insert(db, entry);
  }

  public List<OrderHistoryRecord> history(DSLContext db, long orderId) {
    return db.selectFrom(ORDER_HISTORY).where(ORDER_HISTORY.ORDER_ID.eq(orderId))
        .orderBy(ORDER_HISTORY.AT, ORDER_HISTORY.ID).fetch();
  }

  /** Orders of a buyer or of a cooperative (exactly one of the two ids given), newest first. */
  public List<PurchaseOrderRecord> list(DSLContext db, Long buyerId, Long cooperativeId, OrderStatus status,
      int limit, int offset) {
    var where = buyerId != null ? PURCHASE_ORDER.BUYER_ID.eq(buyerId) : PURCHASE_ORDER.COOPERATIVE_ID.eq(cooperativeId);
    if (status != null) {
      where = where.and(PURCHASE_ORDER.STATUS.eq(status));
    }
    return db.selectFrom(PURCHASE_ORDER).where(where).orderBy(PURCHASE_ORDER.ID.desc())
        .limit(limit).offset(offset).fetch();
  }
}
