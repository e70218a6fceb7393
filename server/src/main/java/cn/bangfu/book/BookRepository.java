package cn.bangfu.book;

import static cn.bangfu.db.Tables.COOPERATIVE_INCOME;
import static cn.bangfu.db.Tables.COST_RECORD;
import static cn.bangfu.db.Tables.MEMBERSHIP;
import static cn.bangfu.db.Tables.MEMBER_CONTRIBUTION;

import cn.bangfu.db.tables.records.CooperativeIncomeRecord;
import cn.bangfu.db.tables.records.CostRecordRecord;
import cn.bangfu.db.tables.records.MemberContributionRecord;
import org.jooq.DSLContext;

/** The book's rows: what the accountant typed beside each entry (category, note, whose share). */
public final class BookRepository {

  public void insertIncome(DSLContext db, CooperativeIncomeRecord row) {
    db.insertInto(COOPERATIVE_INCOME).set(row).execute();
  }

  public void insertCost(DSLContext db, CostRecordRecord row) {
    db.insertInto(COST_RECORD).set(row).execute();
  }

  public void insertContribution(DSLContext db, MemberContributionRecord row) {
    db.insertInto(MEMBER_CONTRIBUTION).set(row).execute();
  }

  /** Costs recorded before V15 that no entry books yet (a few per start: the old route recorded them). */
  public java.util.List<CostRecordRecord> unbookedCosts(DSLContext db) {
    return db.selectFrom(COST_RECORD).where(COST_RECORD.LEDGER_ENTRY_ID.isNull()).orderBy(COST_RECORD.ID).fetch();
  }

  public void markBooked(DSLContext db, long costId, String paidFrom, long entryId) {
    db.update(COST_RECORD).set(COST_RECORD.PAID_FROM, paidFrom).set(COST_RECORD.LEDGER_ENTRY_ID, entryId)
        .where(COST_RECORD.ID.eq(costId)).execute();
  }

  public boolean isMember(DSLContext db, long cooperativeId, long householdId) {
    return db.fetchExists(MEMBERSHIP, MEMBERSHIP.COOPERATIVE_ID.eq(cooperativeId),
        MEMBERSHIP.HOUSEHOLD_ID.eq(householdId));
  }
}
