package cn.bangfu.distribution;

import cn.bangfu.platform.BusinessClock;
import cn.bangfu.db.tables.records.DistributionLineRecord;
import cn.bangfu.db.tables.records.DistributionObjectionRecord;
import cn.bangfu.db.tables.records.DistributionRunRecord;
import cn.bangfu.identity.Principal;
import cn.bangfu.identity.Role;
import cn.bangfu.identity.Scopes;
import cn.bangfu.ledger.ClosedYears;
import cn.bangfu.ledger.PeriodClose;
import cn.bangfu.ledger.EntryDraft;
import cn.bangfu.ledger.JournalPoster;
import cn.bangfu.ledger.PostedEntry;
import cn.bangfu.platform.Database;
import cn.bangfu.platform.HouseholdChanges;
import cn.bangfu.platform.Ids;
import cn.bangfu.platform.Problem;
import io.vertx.core.Future;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;

/**
 * The life of a distribution run after its draft: publicity (公示) and objections, approval by the
 * region's regulator, posting exactly once, reversal, payout. Every step is one transaction that
 * locks the run row, so retries, concurrent calls and several server instances see one outcome;
 * posting and its ledger entry commit together or not at all.
 */
public final class DistributionService {
  private final Database database;
  private final BusinessClock clock;
  private final DistributionRepository runs;
  private final JournalPoster ledger;
  private final Ids ids;
  private final int minPublicityDays;
  private final HouseholdChanges changes;

  /**
   * Longest publicity accepted (unless the configured minimum is longer): a year of 公示 is already
   * beyond any practice; the bound keeps publicity_end a real date instead of an overflow.
   */
  static final int MAX_PUBLICITY_DAYS = 366;

  /** Longest objection text, in characters (code points): a complaint, not a document (was 2,000). */
  public static final int MAX_OBJECTION_CHARS = 500;

  /** Most objections one dismissal names: a flood is dismissed a page (Paging's 500) at a time. */
  public static final int MAX_DISMISSED_AT_ONCE = 500;

  public DistributionService(Database database, DistributionRepository runs, JournalPoster ledger, Ids ids,
      int minPublicityDays, BusinessClock clock, HouseholdChanges changes) {
    this.changes = changes;
    this.clock = clock;
    this.database = database;
    this.runs = runs;
    this.ledger = ledger;
    this.ids = ids;
    this.minPublicityDays = minPublicityDays;
  }

  /**
   * A run with one page of its lines and the counts of its objections by status: never the whole
   * objection list, which anyone can make grow (they are paged at GET /distributions/{id}/objections).
   */
  public record RunView(DistributionRunRecord run, List<DistributionLineRecord> lines, int limit, int offset,
      Map<String, List<Long>> sources, Map<ObjectionStatus, Integer> objections) {
  }

  /** One page of a run's objections with the counts by status. */
  public record ObjectionPage(List<DistributionObjectionRecord> items, Map<ObjectionStatus, Integer> counts,
      ObjectionStatus status, int limit, int offset) {
  }

  /** A filed objection and the publicity end its receipt names. */
  public record Filed(DistributionObjectionRecord objection, LocalDate publicityEnd) {
    /** The number the objector quotes when asking after it: six characters, easy to read out (V29). */
    public String receiptNumber() {
      return objection.getReceipt();
    }
  }

  /** One objection after a change, with the run's counts by status. */
  public record Changed(DistributionObjectionRecord objection, Map<ObjectionStatus, Integer> counts) {
  }

  /** A run after a step that changed its households' income, with those households. */
  private record Touching(RunView view, List<Long> households) {
  }

  /**
   * The run once its households' alerts are re-evaluated: a posting, payout or reversal changes their
   * income (or its being unpaid) in the year the run's period ends.
   */
  private Future<RunView> reevaluated(Future<Touching> done, Principal caller) {
    return changes.after(done, Touching::households, t -> t.view().run().getPeriodEnd(), caller.userId())
        .map(Touching::view);
  }

  private static List<Long> householdsOf(List<DistributionRepository.RecipientAmount> amounts) {
    return amounts.stream().map(DistributionRepository.RecipientAmount::householdId)
        .filter(java.util.Objects::nonNull).distinct().toList();
  }

  LocalDateTime now() {
    return clock.now();
  }

  LocalDate today() {
    return clock.today();
  }

  /**
   * The run, if it exists and the caller may see it: its cooperative, the region's regulator, admin.
   * Anyone else gets the 404 of an unknown run, so run ids cannot be probed.
   */
  DistributionRunRecord visibleRun(DSLContext db, Principal caller, long runId, boolean lock) {
    DistributionRunRecord run = (lock ? runs.lockRun(db, runId) : runs.run(db, runId))
        .orElseThrow(() -> Problem.notFound("distribution run", Long.toString(runId)));
    String region = runs.regionOfCooperative(db, run.getCooperativeId());
    Scopes.requireVisible(Scopes.mayActOnCooperative(caller, run.getCooperativeId(), region), "distribution run", runId);
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

  /** One page of a run for its cooperative's preview, with its households' masked names by id. */
  public record Preview(RunView view, Map<Long, String> names) {
  }

  public Future<Preview> preview(Principal caller, long runId, int limit, int offset) {
    return database.read(db -> {
      DistributionRunRecord run = visibleRun(db, caller, runId, false);
      return new Preview(viewOf(db, run, limit, offset), runs.householdNames(db, runId, limit, offset));
    });
  }

  /** The cooperative's own runs, newest first. */
  public Future<List<DistributionRunRecord>> runsOf(Principal caller, int limit) {
    requireCooperativeOrAdmin(caller, "list its distributions");
    return database.read(db -> runs.runsOfCooperative(db, caller.scopeEntityId(), limit));
  }

  /** The runs in publicity in the regulator's region, the one whose publicity ends first on top. */
  public Future<List<DistributionRepository.Awaiting>> awaitingApproval(Principal caller, int limit) {
    if (caller.role() != Role.REGULATOR || caller.scopeId() == null) {
      throw Problem.forbidden("only a regulator has runs to approve");
    }
    return database.read(db -> runs.publicizedInRegion(db, caller.scopeId(), limit));
  }

  public int minPublicityDays() {
    return minPublicityDays;
  }

  public Future<RunView> view(Principal caller, long runId, int limit, int offset) {
    return database.read(db -> viewOf(db, visibleRun(db, caller, runId, false), limit, offset));
  }

  RunView viewOf(DSLContext db, DistributionRunRecord run, int limit, int offset) {
    return new RunView(run, runs.lines(db, run.getId(), limit, offset), limit, offset, runs.sources(db, run.getId()),
        runs.objectionCounts(db, run.getId()));
  }

  /**
   * 公示 for {@code days} calendar days from today: at least the configured minimum (0 when that is 0,
   * for tests and demos: the publicity is then over at once). The minimum is checked before any
   * other bound, so a long minimum is never refused by a shorter cap.
   */
  public Future<RunView> publicize(Principal caller, long runId, long days) {
    long longest = Math.max(minPublicityDays, MAX_PUBLICITY_DAYS);
    if (days < minPublicityDays || days > longest) {
      throw Problem.badRequest("days", "publicity lasts at least " + minPublicityDays + " days (at most " + longest
          + ")");
    }
    return database.tx(db -> {
      DistributionRunRecord run = visibleRun(db, caller, runId, true);
      requireCooperativeOrAdmin(caller, "publicize its run");
      if (RunStatus.DRAFT != run.getStatus()) {
        throw wrongStep(run, "publicize");
      }
      if (run.getLineCount() == 0 || (run.getPoolFen() == 0 && run.getLiabilityFen() == 0)) {
        throw Problem.conflict("nothing-to-distribute", "the run moves no money (empty pool or a compliance-only"
            + " rule set); it stays a report", null);
      }
      LocalDate start = today();
      run.setStatus(RunStatus.PUBLICIZED).setDraftKey(null)
          .setPublicityStart(start).setPublicityEnd(start.plusDays(days - 1))
          .setNoticeYear(start.getYear()).setNoticeSeq(runs.nextNoticeSeq(db, run.getCooperativeId(), start.getYear()));
      runs.transition(db, run, RunStatus.DRAFT);
      return viewOf(db, run, 100, 0);
    });
  }

  /**
   * Files an objection (DESIGN.md 6). A signed-in HOUSEHOLD with a line in the run objects in its own
   * name; anyone else (no token, another role, a household not in the run) objects anonymously, with
   * no household id: a body householdId is accepted only as the caller's own. Only while the run is
   * publicized and its publicity has not ended.
   */
  public Future<Filed> object(Principal callerOrNull, long runId, Long claimedHousehold, String text) {
    boolean household = callerOrNull != null && callerOrNull.role() == Role.HOUSEHOLD;
    if (claimedHousehold != null && !household) {
      throw Problem.badRequest("householdId", "only a signed-in household objects in its own name;"
          + " an anonymous objection carries no householdId");
    }
    if (claimedHousehold != null && claimedHousehold != callerOrNull.scopeEntityId()) {
      throw new Problem(403, "forbidden", "Not allowed", "a household objects only in its own name", "householdId");
    }
    return database.tx(db -> {
      DistributionRunRecord run = runs.run(db, runId)
          .orElseThrow(() -> Problem.notFound("distribution run", Long.toString(runId)));
      if (RunStatus.PUBLICIZED != run.getStatus()) {
        throw Problem.conflict("wrong-status", "objections are taken while a run is PUBLICIZED; this run is "
            + run.getStatus(), "status");
      }
      if (today().isAfter(run.getPublicityEnd())) {
        throw Problem.conflict("publicity-over", "publicity ended on " + run.getPublicityEnd()
            + "; objections were taken until then", "publicityEnd");
      }
      Long objector = null;
      if (household && runs.householdInRun(db, runId, callerOrNull.scopeEntityId())) {
        objector = callerOrNull.scopeEntityId();
      } else if (claimedHousehold != null) {
        throw Problem.badRequest("householdId", "household " + claimedHousehold + " has no line in this run;"
            + " object without householdId to object anonymously");
      }
      DistributionObjectionRecord objection = new DistributionObjectionRecord().setId(ids.next()).setRunId(runId)
          .setCooperativeId(run.getCooperativeId()).setHouseholdId(objector).setText(text)
          .setStatus(ObjectionStatus.OPEN)
          .setRaisedBy(callerOrNull == null ? null : callerOrNull.userId()).setRaisedAt(now());
      runs.insertObjection(db, objection);
      return new Filed(objection, run.getPublicityEnd());
    });
  }

  public Future<ObjectionPage> objections(Principal caller, long runId, ObjectionStatus status, int limit,
      int offset) {
    return database.read(db -> {
      visibleRun(db, caller, runId, false);
      return new ObjectionPage(runs.objections(db, runId, status, limit, offset), runs.objectionCounts(db, runId),
          status, limit, offset);
    });
  }

  public Future<Changed> answer(Principal caller, long runId, long objectionId, String text) {
    return database.tx(db -> {
      visibleRun(db, caller, runId, true);
      requireCooperativeOrAdmin(caller, "answer objections");
      if (!runs.answer(db, runId, objectionId, text, caller.userId(), now())) {
        throw Problem.conflict("no-open-objection", "objection " + objectionId + " is not open on this run", null);
      }
      return new Changed(runs.objection(db, runId, objectionId).orElseThrow(), runs.objectionCounts(db, runId));
    });
  }

  /**
   * The region's regulator dismisses open objections of a publicized run as unfounded or duplicates,
   * with a reason (who and when are kept): all of the named objections or none, so a flood of
   * anonymous objections no longer holds approval hostage to answering each one.
   */
  public Future<Map<ObjectionStatus, Integer>> dismiss(Principal caller, long runId, List<Long> objectionIds,
      ObjectionStatus.DismissalKind kind, String reason) {
    return database.tx(db -> {
      DistributionRunRecord run = visibleRun(db, caller, runId, true);
      if (caller.role() != Role.REGULATOR) {
        throw Problem.forbidden("only the region's regulator dismisses objections");
      }
      if (RunStatus.PUBLICIZED != run.getStatus()) {
        throw wrongStep(run, "dismiss objections of");
      }
      Set<Long> open = runs.lockOpenObjections(db, runId, objectionIds);
      for (int i = 0; i < objectionIds.size(); i++) {
        if (!open.contains(objectionIds.get(i))) {
          throw Problem.conflict("no-open-objection", "objection " + objectionIds.get(i)
              + " is not open on this run; nothing was dismissed", "objectionIds[" + i + "]");
        }
      }
      runs.dismiss(db, runId, objectionIds, kind, reason, caller.userId(), now());
      return runs.objectionCounts(db, runId);
    });
  }

  public Future<RunView> approve(Principal caller, long runId) {
    return database.tx(db -> {
      DistributionRunRecord run = visibleRun(db, caller, runId, true);
      if (caller.role() != Role.REGULATOR) {
        throw Problem.forbidden("only the region's regulator approves a distribution");
      }
      if (RunStatus.PUBLICIZED != run.getStatus()) {
        throw wrongStep(run, "approve");
      }
      if (!today().isAfter(run.getPublicityEnd())) {
        throw Problem.conflict("publicity-not-over", "publicity runs until " + run.getPublicityEnd()
            + "; approval is possible from the day after", null);
      }
      int open = runs.openObjections(db, runId);
      if (open > 0) {
        throw Problem.conflict("open-objections", open + " objection(s) await the cooperative's answer"
            + " or the regulator's dismissal", null);
      }
      run.setStatus(RunStatus.APPROVED).setApprovedBy(caller.userId()).setApprovedAt(now());
      runs.transition(db, run, RunStatus.PUBLICIZED);
      return viewOf(db, run, 100, 0);
    });
  }

  /**
   * The region's regulator sends a publicized run back to the cooperative with a reason (DESIGN.md 6),
   * during publicity or after it, open objections or not (they are often why). Nothing was posted or
   * claimed before approval, so the run simply ends as REJECTED with who, when and why; its draft key is
   * gone since publicity, so the cooperative may draft the same period again at once.
   */
  public Future<RunView> reject(Principal caller, long runId, String reason) {
    return database.tx(db -> {
      DistributionRunRecord run = visibleRun(db, caller, runId, true);
      if (caller.role() != Role.REGULATOR) {
        throw Problem.forbidden("only the region's regulator sends a distribution back");
      }
      if (RunStatus.PUBLICIZED != run.getStatus()) {
        throw wrongStep(run, "send back");
      }
      run.setStatus(RunStatus.REJECTED).setRejectedBy(caller.userId()).setRejectedAt(now())
          .setRejectionReason(reason);
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
    return reevaluated(database.tx(db -> {
      DistributionRunRecord run = visibleRun(db, caller, runId, true);
      if (RunStatus.POSTED == run.getStatus()) {
        return new Touching(viewOf(db, run, 100, 0), List.of());
      }
      if (RunStatus.APPROVED != run.getStatus()) {
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
      closeWholeYears(db, run, caller.userId());
      List<DistributionRepository.RecipientAmount> amounts = runs.recipientAmounts(db, runId);
      EntryDraft entry = DistributionEntries.posting(run, amounts, caller.userId(), today());
      PostedEntry posted = entry == null ? null : ledger.post(db, entry);
      run.setStatus(RunStatus.POSTED).setPostedBy(caller.userId()).setPostedAt(now())
          .setLedgerEntryId(posted == null ? null : posted.entryId());
      runs.transition(db, run, RunStatus.APPROVED);
      return new Touching(viewOf(db, run, 100, 0), householdsOf(amounts));
    }), caller);
  }

  /**
   * 结账 of every calendar year the run's period covers from 1 January to 31 December (see
   * {@link PeriodClose}): the year's income and cost into 本年盈余 and on into 盈余分配, then no entry
   * dated in it. A year is closed only once it has ended by the business clock: a whole-year run
   * posted earlier would close a year that can still earn and spend.
   */
  private void closeWholeYears(DSLContext db, DistributionRunRecord run, long causedBy) {
    for (int year = run.getPeriodStart().getYear(); year <= run.getPeriodEnd().getYear(); year++) {
      boolean whole = !run.getPeriodStart().isAfter(LocalDate.of(year, 1, 1))
          && !run.getPeriodEnd().isBefore(LocalDate.of(year, 12, 31));
      if (!whole) {
        continue;
      }
      if (!today().isAfter(LocalDate.of(year, 12, 31))) {
        throw Problem.conflict("year-not-ended", "the run covers all of " + year + ", which has not ended (today is "
            + today() + "); post it from " + (year + 1) + "-01-01 on", "periodEnd");
      }
      PeriodClose.closeYear(db, ledger, run.getCooperativeId(), year, run.getId(), causedBy, now());
    }
  }

  public Future<RunView> reverse(Principal caller, long runId, String reason) {
    return reevaluated(database.tx(db -> {
      DistributionRunRecord run = visibleRun(db, caller, runId, true);
      if (caller.role() != Role.REGULATOR) {
        throw Problem.forbidden("only the region's regulator reverses a posted distribution");
      }
      if (RunStatus.POSTED != run.getStatus()) {
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
      // the reopened year's 结账 is undone in that year, so its income and cost accounts are as before
      ClosedYears.closingEntriesOf(db, runId).forEach((year, closing) -> ledger.reverse(db, closing,
          "period-close-reversal:" + closing, LocalDate.of(year, 12, 31), caller.userId(), "reopened with run " + runId));
      ClosedYears.reopen(db, runId);
      run.setStatus(RunStatus.REVERSED).setReversedBy(caller.userId()).setReversedAt(now())
          .setReversalReason(reason).setReversalEntryId(reversal == null ? null : reversal.entryId());
      runs.transition(db, run, RunStatus.POSTED);
      return new Touching(viewOf(db, run, 100, 0), householdsOf(runs.recipientAmounts(db, runId)));
    }), caller);
  }

  /** Marks the run's dividends paid through 一卡通: one entry moving every payable to paid, once. */
  public Future<RunView> markPaid(Principal caller, long runId, LocalDate paidOn) {
    return reevaluated(database.tx(db -> {
      DistributionRunRecord run = visibleRun(db, caller, runId, true);
      requireCooperativeOrAdmin(caller, "mark its dividends paid");
      if (RunStatus.POSTED != run.getStatus()) {
        throw wrongStep(run, "mark paid");
      }
      if (run.getPaidAt() != null) {
        return new Touching(viewOf(db, run, 100, 0), List.of());
      }
      List<DistributionRepository.RecipientAmount> amounts = runs.recipientAmounts(db, runId);
      EntryDraft entry = DistributionEntries.payout(run, amounts, caller.userId(), paidOn);
      PostedEntry posted = entry == null ? null : ledger.post(db, entry);
      run.setPaidAt(now()).setPaidEntryId(posted == null ? null : posted.entryId());
      runs.transition(db, run, RunStatus.POSTED);
      return new Touching(viewOf(db, run, 100, 0), householdsOf(amounts));
    }), caller);
  }
}
