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

  public boolean isMember(DSLContext db, long cooperativeId, long householdId) {
    return db.fetchExists(MEMBERSHIP, MEMBERSHIP.COOPERATIVE_ID.eq(cooperativeId),
        MEMBERSHIP.HOUSEHOLD_ID.eq(householdId));
  }
}
