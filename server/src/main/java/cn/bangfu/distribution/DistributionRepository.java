package cn.bangfu.distribution;

import static cn.bangfu.db.Tables.COOPERATIVE;
import static cn.bangfu.db.Tables.DISTRIBUTION_CLAIM;
import static cn.bangfu.db.Tables.DISTRIBUTION_LINE;
import static cn.bangfu.db.Tables.DISTRIBUTION_OBJECTION;
import static cn.bangfu.db.Tables.DISTRIBUTION_RUN;
import static cn.bangfu.db.Tables.DISTRIBUTION_SOURCE;
import static cn.bangfu.db.Tables.HOUSEHOLD;

import cn.bangfu.db.tables.records.DistributionLineRecord;
import cn.bangfu.db.tables.records.DistributionObjectionRecord;
import cn.bangfu.db.tables.records.DistributionRunRecord;
import cn.bangfu.db.tables.records.DistributionSourceRecord;
import cn.bangfu.platform.JdbcBatch;
import cn.bangfu.platform.RecordStatements;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.jooq.impl.DSL;

/** SQL for distribution runs, their lines, sources and objections. */
public final class DistributionRepository {
  private static final int INSERT_CHUNK = 2000;

  public Optional<DistributionRunRecord> run(DSLContext db, long runId) {
    return db.selectFrom(DISTRIBUTION_RUN).where(DISTRIBUTION_RUN.ID.eq(runId)).fetchOptional();
  }

  /** A cooperative's runs, newest first (its page's list of distributions). */
  public List<DistributionRunRecord> runsOfCooperative(DSLContext db, long cooperativeId, int limit) {
    return db.selectFrom(DISTRIBUTION_RUN).where(DISTRIBUTION_RUN.COOPERATIVE_ID.eq(cooperativeId))
        .orderBy(DISTRIBUTION_RUN.CREATED_AT.desc(), DISTRIBUTION_RUN.ID.desc()).limit(limit).fetch();
  }

  /** A publicized run of a region with its cooperative's name and open objections: the regulator's work list. */
  public record Awaiting(DistributionRunRecord run, String cooperative, int openObjections) {
  }

  /**
   * The region's publicized runs, the one whose publicity ends first on top (oldest work first), with each
   * cooperative's name and open objections counted in the same statement.
   */
  public List<Awaiting> publicizedInRegion(DSLContext db, String regionPrefix, int limit) {
    var open = DSL.field(DSL.selectCount().from(DISTRIBUTION_OBJECTION)
        .where(DISTRIBUTION_OBJECTION.RUN_ID.eq(DISTRIBUTION_RUN.ID),
            DISTRIBUTION_OBJECTION.STATUS.eq(ObjectionStatus.OPEN)));
    return db.select(DISTRIBUTION_RUN.fields()).select(COOPERATIVE.NAME, open)
        .from(DISTRIBUTION_RUN).join(COOPERATIVE).on(COOPERATIVE.ID.eq(DISTRIBUTION_RUN.COOPERATIVE_ID))
        .where(DISTRIBUTION_RUN.STATUS.eq(RunStatus.PUBLICIZED), COOPERATIVE.REGION_CODE.startsWith(regionPrefix))
        .orderBy(DISTRIBUTION_RUN.PUBLICITY_END, DISTRIBUTION_RUN.ID).limit(limit)
        .fetch(r -> new Awaiting(r.into(DISTRIBUTION_RUN), r.get(COOPERATIVE.NAME), r.get(open)));
  }

  /** The masked names of the households of one page of a run's lines, by household id. */
  public Map<Long, String> householdNames(DSLContext db, long runId, int limit, int offset) {
    Map<Long, String> names = new java.util.HashMap<>();
    for (Record r : linesWithHouseholds(db, runId, limit, offset)) {
      Long household = r.get(DISTRIBUTION_LINE.HOUSEHOLD_ID);
      if (household != null && r.get(HOUSEHOLD.NAME) != null) {
        names.put(household, cn.bangfu.registry.Masking.name(r.get(HOUSEHOLD.NAME)));
      }
    }
    return names;
  }

  /** Locks the run row for the rest of the transaction: status changes of one run happen one at a time. */
  public Optional<DistributionRunRecord> lockRun(DSLContext db, long runId) {
    return db.selectFrom(DISTRIBUTION_RUN).where(DISTRIBUTION_RUN.ID.eq(runId)).forUpdate().fetchOptional();
  }

  public String regionOfCooperative(DSLContext db, long cooperativeId) {
    return db.select(COOPERATIVE.REGION_CODE).from(COOPERATIVE).where(COOPERATIVE.ID.eq(cooperativeId))
        .fetchOne(COOPERATIVE.REGION_CODE);
  }

  /** The cooperative's registered name, for the public notice page's heading. */
  public String nameOfCooperative(DSLContext db, long cooperativeId) {
    return db.select(COOPERATIVE.NAME).from(COOPERATIVE).where(COOPERATIVE.ID.eq(cooperativeId))
        .fetchOne(COOPERATIVE.NAME);
  }

  /** Removes the draft a new draft replaces (same cooperative, rule set and period); never touches later states. */
  public void deleteDraft(DSLContext db, String draftKey) {
    Long old = db.select(DISTRIBUTION_RUN.ID).from(DISTRIBUTION_RUN)
        .where(DISTRIBUTION_RUN.DRAFT_KEY.eq(draftKey), DISTRIBUTION_RUN.STATUS.eq(RunStatus.DRAFT))
        .forUpdate().fetchOne(DISTRIBUTION_RUN.ID);
    if (old != null) {
      db.deleteFrom(DISTRIBUTION_LINE).where(DISTRIBUTION_LINE.RUN_ID.eq(old)).execute();
      db.deleteFrom(DISTRIBUTION_SOURCE).where(DISTRIBUTION_SOURCE.RUN_ID.eq(old)).execute();
      db.deleteFrom(DISTRIBUTION_RUN).where(DISTRIBUTION_RUN.ID.eq(old)).execute();
    }
  }

  public void insertRun(DSLContext db, DistributionRunRecord run) {
    db.executeInsert(run);
  }

  /**
   * Plain JDBC batches (the driver rewrites them into multi-row inserts): a 100,000-household run
   * writes 200,000 lines, and building that many jOOQ records' SQL would cost more than the insert.
   */
  public void insertLines(DSLContext db, List<DistributionLineRecord> lines) {
    db.connection(connection -> {
      try (PreparedStatement insert = connection.prepareStatement(INSERT_LINE);
          JdbcBatch batch = new JdbcBatch(insert, INSERT_CHUNK)) {
        for (DistributionLineRecord line : lines) {
          insert.setLong(1, line.getRunId());
          insert.setInt(2, line.getLineNo());
          insert.setLong(3, line.getCooperativeId());
          insert.setObject(4, line.getHouseholdId(), Types.BIGINT);
          insert.setString(5, line.getRecipient());
          insert.setString(6, line.getStepId());
          insert.setString(7, line.getBasis());
          insert.setString(8, line.getBasisValue());
          insert.setLong(9, line.getAmountFen());
          insert.setString(10, line.getExplanationZh());
          insert.setString(11, line.getExplanationEn());
          batch.add();
        }
      }
    });
  }

  /** jOOQ's INSERT of every line column, rendered once; bound by position in the order of {@link #LINE_COLUMNS}. */
  private static final org.jooq.Field<?>[] LINE_COLUMNS = {DISTRIBUTION_LINE.RUN_ID, DISTRIBUTION_LINE.LINE_NO,
      DISTRIBUTION_LINE.COOPERATIVE_ID, DISTRIBUTION_LINE.HOUSEHOLD_ID, DISTRIBUTION_LINE.RECIPIENT,
      DISTRIBUTION_LINE.STEP_ID, DISTRIBUTION_LINE.BASIS, DISTRIBUTION_LINE.BASIS_VALUE, DISTRIBUTION_LINE.AMOUNT_FEN,
      DISTRIBUTION_LINE.EXPLANATION_ZH, DISTRIBUTION_LINE.EXPLANATION_EN};
  private static final String INSERT_LINE = RecordStatements.RENDERER
      .insertInto(DISTRIBUTION_LINE, LINE_COLUMNS)
      .values(java.util.Arrays.stream(LINE_COLUMNS).map(f -> DSL.param(f.getName(), f.getType())).toList())
      .getSQL();

  public void insertSources(DSLContext db, List<DistributionSourceRecord> sources) {
    for (int from = 0; from < sources.size(); from += INSERT_CHUNK) {
      var insert = db.insertInto(DISTRIBUTION_SOURCE).set(sources.get(from));
      for (int i = from + 1; i < Math.min(sources.size(), from + INSERT_CHUNK); i++) {
        insert = insert.newRecord().set(sources.get(i));
      }
      insert.execute();
    }
  }

  /** Moves a run from one status to the next only if it is still in the expected one. */
  public boolean transition(DSLContext db, DistributionRunRecord changed, RunStatus expected) {
    changed.attach(db.configuration());
    return db.update(DISTRIBUTION_RUN).set(changed)
        .where(DISTRIBUTION_RUN.ID.eq(changed.getId()), DISTRIBUTION_RUN.STATUS.eq(expected))
        .execute() == 1;
  }

  public List<DistributionLineRecord> lines(DSLContext db, long runId, int limit, int offset) {
    return db.selectFrom(DISTRIBUTION_LINE).where(DISTRIBUTION_LINE.RUN_ID.eq(runId))
        .orderBy(DISTRIBUTION_LINE.LINE_NO).limit(limit).offset(offset).fetch();
  }

  /**
   * What a recipient receives from one line of a run, and on what basis (null for a fixed share);
   * a basis of DELIVERY_VALUE is a rebate by trade volume (按交易量返还).
   */
  public record RecipientAmount(Long householdId, String recipient, String basis, long amountFen) {
  }

  /**
   * Every non-zero line's recipient and amount, in no particular order: what posting and payout sum
   * per recipient. Answered from the covering index ix_distribution_line_amounts alone, without
   * reading the lines' explanation texts; no GROUP BY, which would sort them in a temporary table.
   */
  // a county run has 200,000 lines: read as plain JDBC, without jOOQ's per-record materialisation
  private static final String RECIPIENT_AMOUNTS = RecordStatements.RENDERER
      .select(DISTRIBUTION_LINE.HOUSEHOLD_ID, DISTRIBUTION_LINE.RECIPIENT, DISTRIBUTION_LINE.BASIS,
          DISTRIBUTION_LINE.AMOUNT_FEN)
      .from(DISTRIBUTION_LINE)
      .where(DISTRIBUTION_LINE.RUN_ID.eq(DSL.param("run", Long.class)), DISTRIBUTION_LINE.AMOUNT_FEN.ne(DSL.inline(0L)))
      .getSQL();

  public List<RecipientAmount> recipientAmounts(DSLContext db, long runId) {
    return db.connectionResult(conn -> {
      try (PreparedStatement ps = conn.prepareStatement(RECIPIENT_AMOUNTS)) {
        ps.setLong(1, runId);
        List<RecipientAmount> amounts = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            long household = rs.getLong(1);
            Long householdId = rs.wasNull() ? null : household;
            amounts.add(new RecipientAmount(householdId, rs.getString(2), rs.getString(3), rs.getLong(4)));
          }
        }
        return amounts;
      }
    });
  }

  /** Household lines with the household's name and masked number, for the public notice and payouts. */
  public Result<Record> linesWithHouseholds(DSLContext db, long runId) {
    return db.select(DISTRIBUTION_LINE.fields()).select(HOUSEHOLD.NAME, HOUSEHOLD.ID_NUMBER_MASKED)
        .from(DISTRIBUTION_LINE).leftJoin(HOUSEHOLD).on(HOUSEHOLD.ID.eq(DISTRIBUTION_LINE.HOUSEHOLD_ID))
        .where(DISTRIBUTION_LINE.RUN_ID.eq(runId))
        .orderBy(DISTRIBUTION_LINE.LINE_NO).fetch();
  }

  /** One page of {@link #linesWithHouseholds(DSLContext, long)}. */
  public Result<Record> linesWithHouseholds(DSLContext db, long runId, int limit, int offset) {
    return db.select(DISTRIBUTION_LINE.fields()).select(HOUSEHOLD.NAME, HOUSEHOLD.ID_NUMBER_MASKED)
        .from(DISTRIBUTION_LINE).leftJoin(HOUSEHOLD).on(HOUSEHOLD.ID.eq(DISTRIBUTION_LINE.HOUSEHOLD_ID))
        .where(DISTRIBUTION_LINE.RUN_ID.eq(runId))
        .orderBy(DISTRIBUTION_LINE.LINE_NO).limit(limit).offset(offset).fetch();
  }

  /** What the run's household lines add up to (fixed recipients excluded), from the covering amounts index. */
  public long householdTotalFen(DSLContext db, long runId) {
    java.math.BigDecimal sum = db.select(DSL.sum(DISTRIBUTION_LINE.AMOUNT_FEN)).from(DISTRIBUTION_LINE)
        .where(DISTRIBUTION_LINE.RUN_ID.eq(runId), DISTRIBUTION_LINE.HOUSEHOLD_ID.isNotNull()).fetchOne(0,
            java.math.BigDecimal.class);
    return sum == null ? 0 : sum.longValueExact();
  }

  /**
   * Claims every source of the run for it, in key order (so two runs claiming overlapping sources
   * wait for each other instead of deadlocking). Returns the run that claimed one of them first, or
   * empty when all are now this run's; on a conflict nothing of this claim stays written.
   */
  public Optional<Long> claimSources(DSLContext db, long runId) {
    try {
      db.insertInto(DISTRIBUTION_CLAIM, DISTRIBUTION_CLAIM.COOPERATIVE_ID, DISTRIBUTION_CLAIM.SOURCE_TYPE,
              DISTRIBUTION_CLAIM.SOURCE_ID, DISTRIBUTION_CLAIM.RUN_ID)
          .select(db.select(DISTRIBUTION_SOURCE.COOPERATIVE_ID, DISTRIBUTION_SOURCE.SOURCE_TYPE,
                  DISTRIBUTION_SOURCE.SOURCE_ID, DISTRIBUTION_SOURCE.RUN_ID)
              .from(DISTRIBUTION_SOURCE).where(DISTRIBUTION_SOURCE.RUN_ID.eq(runId))
              .orderBy(DISTRIBUTION_SOURCE.SOURCE_TYPE, DISTRIBUTION_SOURCE.SOURCE_ID))
          .execute();
      return Optional.empty();
    } catch (IntegrityConstraintViolationException duplicate) {
      // The failed statement is undone by the database; read the holder past any snapshot (locking read)
      return db.select(DISTRIBUTION_CLAIM.RUN_ID).from(DISTRIBUTION_CLAIM).join(DISTRIBUTION_SOURCE)
          .on(DISTRIBUTION_SOURCE.COOPERATIVE_ID.eq(DISTRIBUTION_CLAIM.COOPERATIVE_ID),
              DISTRIBUTION_SOURCE.SOURCE_TYPE.eq(DISTRIBUTION_CLAIM.SOURCE_TYPE),
              DISTRIBUTION_SOURCE.SOURCE_ID.eq(DISTRIBUTION_CLAIM.SOURCE_ID))
          .where(DISTRIBUTION_SOURCE.RUN_ID.eq(runId), DISTRIBUTION_CLAIM.RUN_ID.ne(runId))
          .limit(1).forUpdate().fetchOptional(DISTRIBUTION_CLAIM.RUN_ID)
          .or(() -> {
            throw duplicate;
          });
    }
  }

  /** A reversed run's sources are undistributed again. */
  public void releaseClaims(DSLContext db, long runId) {
    db.deleteFrom(DISTRIBUTION_CLAIM).where(DISTRIBUTION_CLAIM.RUN_ID.eq(runId)).execute();
  }

  public Map<String, List<Long>> sources(DSLContext db, long runId) {
    return db.select(DISTRIBUTION_SOURCE.SOURCE_TYPE, DISTRIBUTION_SOURCE.SOURCE_ID).from(DISTRIBUTION_SOURCE)
        .where(DISTRIBUTION_SOURCE.RUN_ID.eq(runId)).orderBy(DISTRIBUTION_SOURCE.SOURCE_ID)
        .fetchGroups(DISTRIBUTION_SOURCE.SOURCE_TYPE, DISTRIBUTION_SOURCE.SOURCE_ID);
  }

  /**
   * Inserts the objection with a fresh receipt (see {@link Receipts}): a receipt already taken is drawn
   * again; a duplicate key fails only its own statement, so the transaction goes on.
   */
  public void insertObjection(DSLContext db, DistributionObjectionRecord objection) {
    for (int attempt = 1; ; attempt++) {
      objection.setReceipt(Receipts.next());
      try {
        db.executeInsert(objection);
        return;
      } catch (org.jooq.exception.DataAccessException e) {
        if (attempt >= 5 || !(e.getCause() instanceof java.sql.SQLIntegrityConstraintViolationException)) {
          throw e;
        }
      }
    }
  }

  /**
   * The next notice number of the cooperative in {@code year}: one more than its last. The max is read
   * with FOR UPDATE on ux_distribution_run_notice, so two runs of the cooperative publicized at once wait
   * for each other and get consecutive numbers (the unique index would refuse a duplicate anyway).
   */
  public int nextNoticeSeq(DSLContext db, long cooperativeId, int year) {
    Integer last = db.select(DSL.max(DISTRIBUTION_RUN.NOTICE_SEQ)).from(DISTRIBUTION_RUN)
        .where(DISTRIBUTION_RUN.COOPERATIVE_ID.eq(cooperativeId), DISTRIBUTION_RUN.NOTICE_YEAR.eq(year))
        .forUpdate().fetchOne(0, Integer.class);
    return last == null ? 1 : last + 1;
  }

  /** One page of a run's objections, oldest first, optionally of one status. */
  public List<DistributionObjectionRecord> objections(DSLContext db, long runId, ObjectionStatus status, int limit,
      int offset) {
    return db.selectFrom(DISTRIBUTION_OBJECTION)
        .where(DISTRIBUTION_OBJECTION.RUN_ID.eq(runId),
            status == null ? DSL.noCondition() : DISTRIBUTION_OBJECTION.STATUS.eq(status))
        .orderBy(DISTRIBUTION_OBJECTION.ID).limit(limit).offset(offset).fetch();
  }

  public Optional<DistributionObjectionRecord> objection(DSLContext db, long runId, long objectionId) {
    return db.selectFrom(DISTRIBUTION_OBJECTION)
        .where(DISTRIBUTION_OBJECTION.ID.eq(objectionId), DISTRIBUTION_OBJECTION.RUN_ID.eq(runId)).fetchOptional();
  }

  /** How many of the run's objections are in each status (read from ix_distribution_objection_run_status). */
  public Map<ObjectionStatus, Integer> objectionCounts(DSLContext db, long runId) {
    Map<ObjectionStatus, Integer> counts = new EnumMap<>(ObjectionStatus.class);
    for (ObjectionStatus status : ObjectionStatus.values()) {
      counts.put(status, 0);
    }
    db.select(DISTRIBUTION_OBJECTION.STATUS, DSL.count()).from(DISTRIBUTION_OBJECTION)
        .where(DISTRIBUTION_OBJECTION.RUN_ID.eq(runId)).groupBy(DISTRIBUTION_OBJECTION.STATUS)
        .forEach(r -> counts.put(r.value1(), r.value2()));
    return counts;
  }

  public int openObjections(DSLContext db, long runId) {
    return db.fetchCount(DISTRIBUTION_OBJECTION, DISTRIBUTION_OBJECTION.RUN_ID.eq(runId),
        DISTRIBUTION_OBJECTION.STATUS.eq(ObjectionStatus.OPEN));
  }

  /** Answers an open objection; false when it does not exist for this run or is no longer open. */
  public boolean answer(DSLContext db, long runId, long objectionId, String answer, long by, LocalDateTime at) {
    return db.update(DISTRIBUTION_OBJECTION)
        .set(DISTRIBUTION_OBJECTION.STATUS, ObjectionStatus.ANSWERED)
        .set(DISTRIBUTION_OBJECTION.ANSWER, answer)
        .set(DISTRIBUTION_OBJECTION.ANSWERED_BY, by)
        .set(DISTRIBUTION_OBJECTION.ANSWERED_AT, at)
        .where(DISTRIBUTION_OBJECTION.ID.eq(objectionId), DISTRIBUTION_OBJECTION.RUN_ID.eq(runId),
            DISTRIBUTION_OBJECTION.STATUS.eq(ObjectionStatus.OPEN))
        .execute() == 1;
  }

  /** Which of {@code ids} are open objections of the run, locked until the transaction ends. */
  public Set<Long> lockOpenObjections(DSLContext db, long runId, Collection<Long> ids) {
    return new HashSet<>(db.select(DISTRIBUTION_OBJECTION.ID).from(DISTRIBUTION_OBJECTION)
        .where(DISTRIBUTION_OBJECTION.RUN_ID.eq(runId), DISTRIBUTION_OBJECTION.ID.in(ids),
            DISTRIBUTION_OBJECTION.STATUS.eq(ObjectionStatus.OPEN))
        .forUpdate().fetch(DISTRIBUTION_OBJECTION.ID));
  }

  /** Dismisses open objections of the run in one statement; returns how many it changed. */
  public int dismiss(DSLContext db, long runId, Collection<Long> ids, ObjectionStatus.DismissalKind kind,
      String reason, long by, LocalDateTime at) {
    return db.update(DISTRIBUTION_OBJECTION)
        .set(DISTRIBUTION_OBJECTION.STATUS, ObjectionStatus.DISMISSED)
        .set(DISTRIBUTION_OBJECTION.DISMISSAL_KIND, kind)
        .set(DISTRIBUTION_OBJECTION.DISMISSAL_REASON, reason)
        .set(DISTRIBUTION_OBJECTION.DISMISSED_BY, by)
        .set(DISTRIBUTION_OBJECTION.DISMISSED_AT, at)
        .where(DISTRIBUTION_OBJECTION.RUN_ID.eq(runId), DISTRIBUTION_OBJECTION.ID.in(ids),
            DISTRIBUTION_OBJECTION.STATUS.eq(ObjectionStatus.OPEN))
        .execute();
  }

  public boolean householdInRun(DSLContext db, long runId, long householdId) {
    return db.fetchExists(DISTRIBUTION_LINE, DISTRIBUTION_LINE.RUN_ID.eq(runId),
        DISTRIBUTION_LINE.HOUSEHOLD_ID.eq(householdId));
  }
}
