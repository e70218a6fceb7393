package cn.bangfu.distribution;

import cn.bangfu.db.tables.records.DistributionLineRecord;
import cn.bangfu.db.tables.records.DistributionObjectionRecord;
import cn.bangfu.db.tables.records.DistributionRunRecord;
import cn.bangfu.identity.Principal;
import cn.bangfu.identity.Role;
import cn.bangfu.identity.Scopes;
import cn.bangfu.ledger.ClosedYears;
import cn.bangfu.ledger.EntryDraft;
import cn.bangfu.ledger.JournalPoster;
import cn.bangfu.ledger.PostedEntry;
import cn.bangfu.platform.Database;
import cn.bangfu.platform.Ids;
import cn.bangfu.platform.Problem;
import io.vertx.core.Future;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * The life of a distribution run after its draft: publicity (公示) and objections, approval by the
 * region's regulator, posting exactly once, reversal, payout. Every step is one transaction that
 * locks the run row, so retries, concurrent calls and several server instances see one outcome;
 * posting and its ledger entry commit together or not at all.
 */
public final class DistributionService {
  /** Business dates (publicity days, posting dates) are China's calendar days. */
  public static final ZoneId BUSINESS_ZONE = ZoneId.of("Asia/Shanghai");

  private final Database database;
  private final DistributionRepository runs;
  private final JournalPoster ledger;
  private final Ids ids;
  private final int minPublicityDays;

  public DistributionService(Database database, DistributionRepository runs, JournalPoster ledger, Ids ids,
      int minPublicityDays) {
    this.database = database;
    this.runs = runs;
    this.ledger = ledger;
    this.ids = ids;
    this.minPublicityDays = minPublicityDays;
  }

  public record RunView(DistributionRunRecord run, List<DistributionLineRecord> lines, int limit, int offset,
      Map<String, List<Long>> sources, List<DistributionObjectionRecord> objections) {
  }

  static LocalDateTime now() {
    return LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
  }

  static LocalDate today() {
    return LocalDate.now(BUSINESS_ZONE);
  }

  /** The run, if it exists (404) and the caller may see it: its cooperative, the region's regulator, admin. */
  DistributionRunRecord visibleRun(DSLContext db, Principal caller, long runId, boolean lock) {
    DistributionRunRecord run = (lock ? runs.lockRun(db, runId) : runs.run(db, runId))
        .orElseThrow(() -> Problem.notFound("distribution run", Long.toString(runId)));
    String region = runs.regionOfCooperative(db, run.getCooperativeId());
    Scopes.require(Scopes.mayActOnCooperative(caller, run.getCooperativeId(), region), "distribution run " + runId);
    return run;
  }

  private static void requireCooperativeOrAdmin(Principal caller, String action) {
    if (caller.role() != Role.COOP && caller.role() != Role.ADMIN) {
      throw Problem.forbidden("only the cooperative may " + action);
    }
  }

  private static Problem wrongStep(DistributionRunRecord run, String action) {
    return Problem.conflict("wrong-status", "cannot " + action + " a run that is " + run.getStatus(), null);
  }

  public Future<RunView> view(Principal caller, long runId, int limit, int offset) {
    return database.read(db -> viewOf(db, visibleRun(db, caller, runId, false), limit, offset));
  }

  RunView viewOf(DSLContext db, DistributionRunRecord run, int limit, int offset) {
    return new RunView(run, runs.lines(db, run.getId(), limit, offset), limit, offset, runs.sources(db, run.getId()),
        runs.objections(db, run.getId()));
  }

  public Future<RunView> publicize(Principal caller, long runId, int days) {
    if (days < minPublicityDays) {
      throw Problem.badRequest("days", "publicity lasts at least " + minPublicityDays + " days");
    }
    return database.tx(db -> {
      DistributionRunRecord run = visibleRun(db, caller, runId, true);
      requireCooperativeOrAdmin(caller, "publicize its run");
      if (!RunStatus.DRAFT.name().equals(run.getStatus())) {
        throw wrongStep(run, "publicize");
      }
      if (run.getLineCount() == 0 || (run.getPoolFen() == 0 && run.getLiabilityFen() == 0)) {
        throw Problem.conflict("nothing-to-distribute", "the run moves no money (empty pool or a compliance-only"
            + " rule set); it stays a report", null);
      }
      LocalDate start = today();
      run.setStatus(RunStatus.PUBLICIZED.name()).setDraftKey(null)
          .setPublicityStart(start).setPublicityEnd(start.plusDays(days - 1L));
      runs.transition(db, run, RunStatus.DRAFT);
      return viewOf(db, run, 100, 0);
    });
  }

  public Future<DistributionObjectionRecord> object(Principal callerOrNull, long runId, Long householdId, String text) {
    return database.tx(db -> {
      DistributionRunRecord run = runs.run(db, runId)
          .orElseThrow(() -> Problem.notFound("distribution run", Long.toString(runId)));
      if (!RunStatus.PUBLICIZED.name().equals(run.getStatus())) {
        throw wrongStep(run, "object to");
      }
      Long household = householdId;
      if (callerOrNull != null && callerOrNull.role() == Role.HOUSEHOLD) {
        household = callerOrNull.scopeEntityId();
      }
      if (household != null && !runs.householdInRun(db, runId, household)) {
        throw Problem.badRequest("householdId", "household " + household + " is not in this run");
      }
      DistributionObjectionRecord objection = new DistributionObjectionRecord().setId(ids.next()).setRunId(runId)
          .setCooperativeId(run.getCooperativeId()).setHouseholdId(household).setText(text)
          .setRaisedBy(callerOrNull == null ? null : callerOrNull.userId()).setRaisedAt(now());
      runs.insertObjection(db, objection);
      return objection;
    });
  }

  public Future<List<DistributionObjectionRecord>> objections(Principal caller, long runId) {
    return database.read(db -> {
      visibleRun(db, caller, runId, false);
      return runs.objections(db, runId);
    });
  }

  public Future<List<DistributionObjectionRecord>> answer(Principal caller, long runId, long objectionId, String text) {
    return database.tx(db -> {
      DistributionRunRecord run = visibleRun(db, caller, runId, true);
      requireCooperativeOrAdmin(caller, "answer objections");
      if (!runs.answer(db, runId, objectionId, text, caller.userId(), now())) {
        throw Problem.conflict("no-open-objection", "objection " + objectionId + " is not open on this run", null);
      }
      return runs.objections(db, runId);
    });
  }

  public Future<RunView> approve(Principal caller, long runId) {
    return database.tx(db -> {
      DistributionRunRecord run = visibleRun(db, caller, runId, true);
      if (caller.role() != Role.REGULATOR) {
        throw Problem.forbidden("only the region's regulator approves a distribution");
      }
      if (!RunStatus.PUBLICIZED.name().equals(run.getStatus())) {
        throw wrongStep(run, "approve");
      }
      if (!today().isAfter(run.getPublicityEnd())) {
        throw Problem.conflict("publicity-not-over", "publicity runs until " + run.getPublicityEnd()
            + "; approval is possible from the day after", null);
      }
      int open = runs.openObjections(db, runId);
      if (open > 0) {
        throw Problem.conflict("open-objections", open + " objection(s) await the cooperative's answer", null);
      }
      run.setStatus(RunStatus.APPROVED.name()).setApprovedBy(caller.userId()).setApprovedAt(now());
      runs.transition(db, run, RunStatus.PUBLICIZED);
      return viewOf(db, run, 100, 0);
    });
  }

  /**
   * Posts the run: exactly once. The run row is locked first, so of two concurrent calls (on any
   * instances) the second waits, then finds POSTED and returns the same run; the ledger's unique
   * idempotency ref would refuse a second entry even if that lock were bypassed.
   *
   * <p>The same money is distributed at most once (issue 13): in this transaction the run claims the
   * revenue and costs its pool consumed, under a unique key per source, and closes (结账) every
   * calendar year its period covers whole. Another run that claimed one of them first — an earlier
   * posting, or one racing on another instance, whose claim this one waits for — makes this post a
   * 409 that writes nothing; the stale run is drafted again over what is left.
   */
  public Future<RunView> post(Principal caller, long runId) {
    return database.tx(db -> {
      DistributionRunRecord run = visibleRun(db, caller, runId, true);
      if (RunStatus.POSTED.name().equals(run.getStatus())) {
        return viewOf(db, run, 100, 0);
      }
      if (!RunStatus.APPROVED.name().equals(run.getStatus())) {
        throw wrongStep(run, "post");
      }
      Optional<Integer> closed = ClosedYears.firstClosed(db, run.getCooperativeId(), run.getPeriodStart().getYear(),
          run.getPeriodEnd().getYear());
      if (closed.isPresent()) {
        throw Problem.conflict("year-closed", "the cooperative's year " + closed.get() + " was closed (结账) after this"
            + " run was drafted; draft again for a later period", "periodStart");
      }
      Optional<Long> claimedBy = runs.claimSources(db, runId);
      if (claimedBy.isPresent()) {
        throw Problem.conflict("already-distributed", "revenue or costs of this run were already distributed by run "
            + claimedBy.get() + "; draft again", null);
      }
      closeWholeYears(db, run);
      EntryDraft entry = DistributionEntries.posting(run, runs.recipientAmounts(db, runId), caller.userId(), today());
      PostedEntry posted = entry == null ? null : ledger.post(db, entry);
      run.setStatus(RunStatus.POSTED.name()).setPostedBy(caller.userId()).setPostedAt(now())
          .setLedgerEntryId(posted == null ? null : posted.entryId());
      runs.transition(db, run, RunStatus.APPROVED);
      return viewOf(db, run, 100, 0);
    });
  }

  /** 结账 of every calendar year the run's period covers from 1 January to 31 December. */
  private static void closeWholeYears(DSLContext db, DistributionRunRecord run) {
    for (int year = run.getPeriodStart().getYear(); year <= run.getPeriodEnd().getYear(); year++) {
      boolean whole = !run.getPeriodStart().isAfter(LocalDate.of(year, 1, 1))
          && !run.getPeriodEnd().isBefore(LocalDate.of(year, 12, 31));
      if (whole && !ClosedYears.close(db, run.getCooperativeId(), year, run.getId(), now())) {
        throw Problem.conflict("year-closed", "the cooperative's year " + year + " is already closed (结账) by run "
            + ClosedYears.closedBy(db, run.getCooperativeId(), year).orElse(null) + "; draft again", "periodStart");
      }
    }
  }

  public Future<RunView> reverse(Principal caller, long runId, String reason) {
    return database.tx(db -> {
      DistributionRunRecord run = visibleRun(db, caller, runId, true);
      if (caller.role() != Role.REGULATOR) {
        throw Problem.forbidden("only the region's regulator reverses a posted distribution");
      }
      if (!RunStatus.POSTED.name().equals(run.getStatus())) {
        throw wrongStep(run, "reverse");
      }
      if (run.getPaidAt() != null) {
        throw Problem.conflict("already-paid", "the dividends were paid out on " + run.getPaidAt()
            + "; recover the payments before reversing", null);
      }
      PostedEntry reversal = run.getLedgerEntryId() == null ? null
          : ledger.reverse(db, run.getLedgerEntryId(), DistributionEntries.reversalRef(runId), today(),
              caller.userId(), reason);
      // The reversed distribution gave nothing: its revenue and costs are undistributed, its years open
      runs.releaseClaims(db, runId);
      ClosedYears.reopen(db, runId);
      run.setStatus(RunStatus.REVERSED.name()).setReversedBy(caller.userId()).setReversedAt(now())
          .setReversalReason(reason).setReversalEntryId(reversal == null ? null : reversal.entryId());
      runs.transition(db, run, RunStatus.POSTED);
      return viewOf(db, run, 100, 0);
    });
  }

  /** Marks the run's dividends paid through 一卡通: one entry moving every payable to paid, once. */
  public Future<RunView> markPaid(Principal caller, long runId, LocalDate paidOn) {
    return database.tx(db -> {
      DistributionRunRecord run = visibleRun(db, caller, runId, true);
      requireCooperativeOrAdmin(caller, "mark its dividends paid");
      if (!RunStatus.POSTED.name().equals(run.getStatus())) {
        throw wrongStep(run, "mark paid");
      }
      if (run.getPaidAt() != null) {
        return viewOf(db, run, 100, 0);
      }
      EntryDraft entry = DistributionEntries.payout(run, runs.recipientAmounts(db, runId), caller.userId(), paidOn);
      PostedEntry posted = entry == null ? null : ledger.post(db, entry);
      run.setPaidAt(now()).setPaidEntryId(posted == null ? null : posted.entryId());
      runs.transition(db, run, RunStatus.POSTED);
      return viewOf(db, run, 100, 0);
    });
  }
}
