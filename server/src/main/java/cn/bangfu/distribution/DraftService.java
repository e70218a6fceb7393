package cn.bangfu.distribution;

import cn.bangfu.platform.BusinessClock;
import cn.bangfu.db.tables.records.DistributionLineRecord;
import cn.bangfu.db.tables.records.DistributionRunRecord;
import cn.bangfu.db.tables.records.DistributionSourceRecord;
import cn.bangfu.identity.Principal;
import cn.bangfu.identity.Scopes;
import cn.bangfu.ledger.ClosedYears;
import cn.bangfu.platform.Database;
import cn.bangfu.platform.Ids;
import cn.bangfu.platform.Problem;
import cn.bangfu.rules.engine.Allocator;
import cn.bangfu.rules.facts.CostItem;
import cn.bangfu.rules.facts.IncomeItem;
import cn.bangfu.rules.facts.PeriodFacts;
import cn.bangfu.rules.load.RuleSetCatalog;
import cn.bangfu.rules.model.PoolDefinition;
import cn.bangfu.rules.model.RuleSet;
import cn.bangfu.rules.result.AllocationLine;
import cn.bangfu.rules.result.AllocationResult;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Drafts a distribution run: gathers the period's facts, runs the rule set's pure engine on them
 * and stores the run with every line, its explanation and the provenance of the pool. A new draft
 * for the same cooperative, rule set and period replaces the old draft; later states are untouched.
 *
 * <p>The pool is made only of what no posted run has consumed (PeriodFactsRepository), and the run
 * records exactly the sources its pool consumes; posting claims them under a unique key, so a draft
 * made stale by another run's posting fails there and is drafted again. A period overlapping a
 * closed year (结账) is refused.
 */
public final class DraftService {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DraftService.class);
  private static final int MAX_EXPLANATION = 1000;
  /** Lines written between two progress reports: a few per second on a large cooperative, one batch each. */
  static final int LINES_PER_REPORT = 2000;

  private final Database database;
  private final BusinessClock clock;
  private final PeriodFactsRepository facts;
  private final DistributionRepository runs;
  private final DistributionService lifecycle;
  private final RuleSetCatalog ruleSets;
  private final Ids ids;

  public DraftService(Database database, PeriodFactsRepository facts, DistributionRepository runs,
      DistributionService lifecycle, RuleSetCatalog ruleSets, Ids ids, BusinessClock clock) {
    this.clock = clock;
    this.database = database;
    this.facts = facts;
    this.runs = runs;
    this.lifecycle = lifecycle;
    this.ruleSets = ruleSets;
    this.ids = ids;
  }

  public Future<DistributionService.RunView> draft(Principal caller, long cooperativeId, String ruleSetId,
      LocalDate start, LocalDate end) {
    return draft(caller, cooperativeId, ruleSetId, start, end, DraftProgress.NONE);
  }

  /**
   * The checks a draft's request must pass before any work: a known rule set and a period of at most
   * five years, ending after it starts. Thrown at once, so a page can answer beside the field without
   * starting a job.
   */
  public RuleSet check(String ruleSetId, LocalDate start, LocalDate end) {
    RuleSet ruleSet = ruleSets.find(ruleSetId)
        .orElseThrow(() -> Problem.badRequest("ruleSetId", "no rule set '" + ruleSetId + "' (see GET /api/v1/rule-sets)"));
    if (end.isBefore(start)) {
      throw Problem.badRequest("periodEnd", "periodEnd is before periodStart");
    }
    if (start.plusYears(5).isBefore(end)) {
      throw Problem.badRequest("periodEnd", "a period spans at most five years");
    }
    return ruleSet;
  }

  /** A draft telling {@code progress} where it is: gathering, allocating, then every chunk of lines written. */
  public Future<DistributionService.RunView> draft(Principal caller, long cooperativeId, String ruleSetId,
      LocalDate start, LocalDate end, DraftProgress progress) {
    RuleSet ruleSet = check(ruleSetId, start, end);
    return database.tx(db -> {
      String region = runs.regionOfCooperative(db, cooperativeId);
      if (region == null) {
        throw Problem.notFound("cooperative", Long.toString(cooperativeId));
      }
      Scopes.require(Scopes.mayActOnCooperative(caller, cooperativeId, region), "cooperative " + cooperativeId);
      Optional<Integer> closed = ClosedYears.firstClosed(db, cooperativeId, start.getYear(), end.getYear());
      if (closed.isPresent()) {
        throw Problem.conflict("year-closed", "the cooperative's year " + closed.get() + " is closed (结账): its"
            + " distribution is posted; choose a period after it", closed.get() == start.getYear() ? "periodStart"
            : "periodEnd");
      }
      String draftKey = cooperativeId + ":" + ruleSetId + ":" + start + ":" + end;
      runs.deleteDraft(db, draftKey);

      progress.at(DraftProgress.Stage.GATHERING, 0, 0);
      long started = System.nanoTime();
      PeriodFactsRepository.Gathered all = facts.gather(db, cooperativeId, start, end);
      PeriodFactsRepository.Gathered gathered = consumedBy(ruleSet.pool(), all);
      progress.at(DraftProgress.Stage.ALLOCATING, 0, gathered.facts().members().size());
      long gatheredAt = System.nanoTime();
      AllocationResult result = Allocator.allocate(ruleSet, gathered.facts());
      long allocatedAt = System.nanoTime();
      long runId = ids.next();
      DistributionRunRecord run = new DistributionRunRecord().setId(runId).setCooperativeId(cooperativeId)
          .setRuleSetId(ruleSet.id()).setRuleSetVersion(ruleSet.version())
          .setPeriodStart(start).setPeriodEnd(end).setStatus(RunStatus.DRAFT).setDraftKey(draftKey)
          // what the run consumes: orders' revenue and the book's income it claims (a book pool takes no orders)
          .setRevenueFen(gathered.revenueByOrder().values().stream().mapToLong(Long::longValue).sum()
              + gathered.incomeById().values().stream().mapToLong(IncomeItem::amountFen).sum())
          .setCostFen(gathered.costById().values().stream().mapToLong(CostItem::amountFen).sum())
          .setPoolFen(result.poolFen()).setLiabilityFen(result.totalLiabilitiesFen())
          .setLineCount(result.lines().size()).setResultJson(summaryJson(result))
          .setCreatedBy(caller.userId()).setCreatedAt(clock.now());
      runs.insertRun(db, run);
      long runWrittenAt = System.nanoTime();
      List<DistributionLineRecord> lines = lines(runId, cooperativeId, result);
      progress.at(DraftProgress.Stage.WRITING, 0, lines.size());
      for (int from = 0; from < lines.size(); from += LINES_PER_REPORT) {
        int to = Math.min(lines.size(), from + LINES_PER_REPORT);
        runs.insertLines(db, lines.subList(from, to));
        progress.at(DraftProgress.Stage.WRITING, to, lines.size());
      }
      if (result.poolFen() > 0) {
        // A pool of nothing (costs above revenue) consumes nothing: revenue and costs stay for a later run
        runs.insertSources(db, sources(runId, cooperativeId, gathered));
      }
      long writtenAt = System.nanoTime();
      DistributionService.RunView view = lifecycle.viewOf(db, run, 100, 0);
      // where a large draft's time goes (issue 13: a draft within 3× a raw insert of its rows)
      LOG.info("draft {} of cooperative {}: {} members gathered in {} ms, allocated in {} ms, run row ({} characters"
          + " of summary) in {} ms, {} lines written in {} ms, view in {} ms", runId, cooperativeId,
          gathered.facts().members().size(), (gatheredAt - started) / 1_000_000, (allocatedAt - gatheredAt) / 1_000_000,
          run.getResultJson().length(), (runWrittenAt - allocatedAt) / 1_000_000, lines.size(),
          (writtenAt - runWrittenAt) / 1_000_000, (System.nanoTime() - writtenAt) / 1_000_000);
      return view;
    });
  }

  /**
   * The part of the undistributed facts the rule set's pool is made of, so the run's sources are
   * exactly what it consumes: a surplus pool takes the revenue (platform orders and off-platform
   * income) and every cost; revenue − named costs leaves the other costs for a later surplus run; a
   * book pool (the PV rule sets) takes the book's income of its categories and its named costs, and
   * sees every other cost only to warn of it (the facts keep them; the sources do not); a pool not
   * drawn from revenue (an account, a fixed sum, a compliance check) consumes no revenue and no cost.
   */
  static PeriodFactsRepository.Gathered consumedBy(PoolDefinition pool, PeriodFactsRepository.Gathered all) {
    PeriodFacts f = all.facts();
    Map<Long, CostItem> costs = new LinkedHashMap<>();
    Map<Long, Long> revenue = all.revenueByOrder();
    Map<Long, IncomeItem> income = new LinkedHashMap<>();
    PoolDefinition.Kind kind = pool == null ? null : pool.kind();
    boolean fromRevenue = kind == PoolDefinition.Kind.SURPLUS || kind == PoolDefinition.Kind.REVENUE_MINUS_COSTS;
    if (kind == PoolDefinition.Kind.BOOK) {
      revenue = Map.of();
      all.incomeById().forEach((id, item) -> {
        if (pool.incomeCategories().contains(item.category())) {
          income.put(id, item);
        }
      });
    } else if (fromRevenue) {
      income.putAll(all.incomeById()); // off-platform income is revenue of a surplus pool (issue 13)
    } else {
      revenue = Map.of();
    }
    if (fromRevenue || kind == PoolDefinition.Kind.BOOK) {
      all.costById().forEach((id, cost) -> {
        if (kind == PoolDefinition.Kind.SURPLUS || pool.costCategories().contains(cost.category())) {
          costs.put(id, cost);
        }
      });
    }
    long incomeFen = income.values().stream().mapToLong(IncomeItem::amountFen).sum();
    long revenueFen = revenue.values().stream().mapToLong(Long::longValue).sum()
        + (kind == PoolDefinition.Kind.BOOK ? 0 : incomeFen);
    List<CostItem> factCosts = kind == PoolDefinition.Kind.BOOK ? f.costs() : new ArrayList<>(costs.values());
    PeriodFacts facts = new PeriodFacts(f.cooperativeId(), f.periodStart(), f.periodEnd(), revenueFen,
        factCosts, f.members(), f.accounts(), f.baseArea(),
        kind == PoolDefinition.Kind.BOOK ? new ArrayList<>(income.values()) : List.of());
    return new PeriodFactsRepository.Gathered(facts, revenue, income, costs);
  }

  /** Everything of the result but its lines (stored as rows): steps, warnings, liabilities, compliance. */
  private static String summaryJson(AllocationResult result) {
    return new JsonObject(result.summaryMap()).encode();
  }

  private static List<DistributionLineRecord> lines(long runId, long cooperativeId, AllocationResult result) {
    List<DistributionLineRecord> rows = new ArrayList<>(result.lines().size());
    int lineNo = 0;
    for (AllocationLine line : result.lines()) {
      rows.add(new DistributionLineRecord().setRunId(runId).setLineNo(++lineNo).setCooperativeId(cooperativeId)
          .setHouseholdId(line.isHousehold() ? line.householdId() : null)
          .setRecipient(line.isHousehold() ? "HOUSEHOLD" : line.recipient().fixed().name())
          .setStepId(line.stepId())
          .setBasis(line.basis() == null ? null : line.basis().name())
          .setBasisValue(line.basisValue() == null ? null : line.basisValue().stripTrailingZeros().toPlainString())
          .setAmountFen(line.amountFen())
          .setExplanationZh(clip(line.explanationZh()))
          .setExplanationEn(clip(line.explanationEn())));
    }
    return rows;
  }

  private static List<DistributionSourceRecord> sources(long runId, long cooperativeId,
      PeriodFactsRepository.Gathered gathered) {
    List<DistributionSourceRecord> rows = new ArrayList<>();
    gathered.revenueByOrder().forEach((order, fen) -> rows.add(new DistributionSourceRecord().setRunId(runId)
        .setSourceType(PeriodFactsRepository.ORDER_SOURCE).setSourceId(order).setCooperativeId(cooperativeId).setAmountFen(fen)));
    gathered.incomeById().forEach((income, item) -> rows.add(new DistributionSourceRecord().setRunId(runId)
        .setSourceType(PeriodFactsRepository.INCOME_SOURCE).setSourceId(income).setCooperativeId(cooperativeId)
        .setAmountFen(item.amountFen())));
    gathered.costById().forEach((cost, item) -> rows.add(new DistributionSourceRecord().setRunId(runId)
        .setSourceType(PeriodFactsRepository.COST_SOURCE).setSourceId(cost).setCooperativeId(cooperativeId)
        .setAmountFen(item.amountFen())));
    return rows;
  }

  private static String clip(String text) {
    return text.length() <= MAX_EXPLANATION ? text : text.substring(0, MAX_EXPLANATION - 1) + "…";
  }
}
