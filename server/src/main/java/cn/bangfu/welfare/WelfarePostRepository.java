package cn.bangfu.welfare;

import static cn.bangfu.db.Tables.WELFARE_POST;
import static cn.bangfu.db.Tables.WELFARE_POST_DAY;
import static org.jooq.impl.DSL.countDistinct;
import static org.jooq.impl.DSL.sum;

import cn.bangfu.db.tables.records.WelfarePostDayRecord;
import cn.bangfu.db.tables.records.WelfarePostRecord;
import cn.bangfu.rules.facts.PostWork;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;

/** SQL for welfare posts and the days worked on them. */
public final class WelfarePostRepository {

  public void insertPost(DSLContext db, WelfarePostRecord post) {
    db.executeInsert(post);
  }

  public Optional<WelfarePostRecord> post(DSLContext db, long cooperativeId, long postId) {
    return db.selectFrom(WELFARE_POST)
        .where(WELFARE_POST.ID.eq(postId), WELFARE_POST.COOPERATIVE_ID.eq(cooperativeId)).fetchOptional();
  }

  /** The post, locked for the transaction: recording days checks its capacity, and two records must not both fit. */
  public Optional<WelfarePostRecord> postForUpdate(DSLContext db, long cooperativeId, long postId) {
    return db.selectFrom(WELFARE_POST)
        .where(WELFARE_POST.ID.eq(postId), WELFARE_POST.COOPERATIVE_ID.eq(cooperativeId)).forUpdate().fetchOptional();
  }

  public List<WelfarePostRecord> posts(DSLContext db, long cooperativeId) {
    return db.selectFrom(WELFARE_POST).where(WELFARE_POST.COOPERATIVE_ID.eq(cooperativeId))
        .orderBy(WELFARE_POST.ID).fetch();
  }

  public void insertDay(DSLContext db, WelfarePostDayRecord day) {
    db.executeInsert(day);
  }

  /** Households with days on the post in the month of {@code date}, other than {@code householdId}. */
  public int otherHouseholdsInMonth(DSLContext db, long postId, LocalDate date, long householdId) {
    LocalDate first = date.withDayOfMonth(1);
    return db.select(countDistinct(WELFARE_POST_DAY.HOUSEHOLD_ID)).from(WELFARE_POST_DAY)
        .where(WELFARE_POST_DAY.POST_ID.eq(postId), WELFARE_POST_DAY.WORKED_ON.between(first, date.withDayOfMonth(
            date.lengthOfMonth())), WELFARE_POST_DAY.HOUSEHOLD_ID.ne(householdId))
        .fetchOne(0, Integer.class);
  }

  /** Days the household already has on the post in the month of {@code date}. */
  public BigDecimal daysInMonth(DSLContext db, long postId, LocalDate date, long householdId) {
    BigDecimal d = db.select(sum(WELFARE_POST_DAY.DAYS)).from(WELFARE_POST_DAY)
        .where(WELFARE_POST_DAY.POST_ID.eq(postId), WELFARE_POST_DAY.HOUSEHOLD_ID.eq(householdId),
            WELFARE_POST_DAY.WORKED_ON.between(date.withDayOfMonth(1), date.withDayOfMonth(date.lengthOfMonth())))
        .fetchOne(0, BigDecimal.class);
    return d == null ? BigDecimal.ZERO : d;
  }

  /** Days recorded on each of the cooperative's posts, post id → days, for the register's listing. */
  public Map<Long, BigDecimal> daysByPost(DSLContext db, long cooperativeId) {
    Map<Long, BigDecimal> out = new HashMap<>();
    db.select(WELFARE_POST_DAY.POST_ID, sum(WELFARE_POST_DAY.DAYS)).from(WELFARE_POST_DAY)
        .where(WELFARE_POST_DAY.COOPERATIVE_ID.eq(cooperativeId)).groupBy(WELFARE_POST_DAY.POST_ID)
        .forEach(r -> out.put(r.value1(), r.value2()));
    return out;
  }

  /**
   * Each household's days on each post in the period, with the post's pay: the facts of a welfare-post step.
   * One query, summed by the database per household and post.
   */
  public static Map<Long, List<PostWork>> postWork(DSLContext db, long cooperativeId, LocalDate start,
      LocalDate end) {
    Map<Long, List<PostWork>> out = new HashMap<>();
    db.select(WELFARE_POST_DAY.HOUSEHOLD_ID, WELFARE_POST.ID, WELFARE_POST.NAME, WELFARE_POST.MONTHLY_PAY_FEN,
            WELFARE_POST.WORK_DAYS_PER_MONTH, sum(WELFARE_POST_DAY.DAYS))
        .from(WELFARE_POST_DAY).join(WELFARE_POST).on(WELFARE_POST.ID.eq(WELFARE_POST_DAY.POST_ID))
        .where(WELFARE_POST_DAY.COOPERATIVE_ID.eq(cooperativeId), WELFARE_POST_DAY.WORKED_ON.between(start, end))
        .groupBy(WELFARE_POST_DAY.HOUSEHOLD_ID, WELFARE_POST.ID, WELFARE_POST.NAME, WELFARE_POST.MONTHLY_PAY_FEN,
            WELFARE_POST.WORK_DAYS_PER_MONTH)
        .orderBy(WELFARE_POST_DAY.HOUSEHOLD_ID, WELFARE_POST.ID)
        .forEach(r -> out.computeIfAbsent(r.value1(), k -> new ArrayList<>()).add(new PostWork(
            Long.toString(r.value2()), r.value3(), r.value6(), r.value4(), r.value5())));
    return out;
  }
}
