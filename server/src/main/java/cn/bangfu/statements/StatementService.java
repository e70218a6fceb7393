package cn.bangfu.statements;

import static cn.bangfu.db.Tables.COOPERATIVE;
import static cn.bangfu.db.Tables.DISTRIBUTION_LINE;
import static cn.bangfu.db.Tables.DISTRIBUTION_RUN;

import cn.bangfu.db.tables.records.HouseholdRecord;
import cn.bangfu.distribution.RunStatus;
import cn.bangfu.identity.Principal;
import cn.bangfu.identity.Role;
import cn.bangfu.identity.Scopes;
import cn.bangfu.platform.Database;
import cn.bangfu.platform.Problem;
import cn.bangfu.registry.ParticipantRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * A household's dividend statement (invariant 8): every posted line with its cooperative, rule set,
 * step, basis, amount and date, and the settled orders behind it. Runs not yet posted appear as
 * pending and never count in the total; a reversed run's lines are shown as reversed, not counted.
 * The posted total over all years equals the household's ledger balance, which the statement shows.
 */
public final class StatementService {
  private final Database database;
  private final StatementRepository statements;
  private final ParticipantRepository participants;
  /** Runs' steps by run id (immutable once drafted); a few thousand runs of a county's cooperatives. */
  private final Cache<Long, JsonObject> summaries = Caffeine.newBuilder().maximumSize(20_000).build();

  public StatementService(Database database, StatementRepository statements, ParticipantRepository participants) {
    this.database = database;
    this.statements = statements;
    this.participants = participants;
  }

  public Future<JsonObject> statement(Principal caller, long householdId, Integer year) {
    return database.read(db -> statement(db, caller, participants.household(db, householdId)
        .orElseThrow(() -> Problem.notFound("household", Long.toString(householdId))), year, true));
  }

  /**
   * {@code withSources}: each line lists the settled orders behind its run (the API's statement, invariant 8).
   * A run of a large cooperative stands on thousands of orders, read and copied into every line; the
   * household page never shows them, so it leaves them out.
   */
  private JsonObject statement(DSLContext db, Principal caller, HouseholdRecord household, Integer year,
      boolean withSources) {
    long householdId = household.getId();
    boolean cooperative = caller.role() == Role.COOP;
    // Only a cooperative's access depends on membership: other roles skip that query. Out of scope
    // answers as unknown (404): statements must not confirm that a household id exists.
    Scopes.requireVisible(Scopes.maySeeHousehold(caller, householdId, household.getRegionCode(),
        cooperative ? participants.cooperativesRelatedTo(db, household) : List.of()), "household", householdId);

    // A cooperative sees its own lines only: what another cooperative pays a member is not its business.
    return statement(db, caller, householdId, year, withSources,
        statements.lines(db, householdId, year, cooperative ? caller.scopeEntityId() : null));
  }

  /** The statement of {@code year} (null: every year) from the household's lines of it, {@code lines}. */
  private JsonObject statement(DSLContext db, Principal caller, long householdId, Integer year, boolean withSources,
      List<Record> lines) {
    boolean cooperative = caller.role() == Role.COOP;
    List<Record> rows = lines.stream().filter(r -> maySeeLine(caller, r)).toList();
    Set<Long> runIds = new LinkedHashSet<>();
    rows.forEach(r -> runIds.add(r.get(DISTRIBUTION_LINE.RUN_ID)));
    Map<Long, List<Long>> sources = withSources ? statements.orderSources(db, runIds) : Map.of();

    JsonArray posted = new JsonArray();
    JsonArray pending = new JsonArray();
    JsonArray reversed = new JsonArray();
    Map<Long, Long> byCooperative = new TreeMap<>();
    long total = 0;
    long paid = 0;
    for (Record r : rows) {
      long runId = r.get(DISTRIBUTION_LINE.RUN_ID);
      long amount = r.get(DISTRIBUTION_LINE.AMOUNT_FEN);
      long cooperativeId = r.get(DISTRIBUTION_RUN.COOPERATIVE_ID);
      RunStatus status = r.get(DISTRIBUTION_RUN.STATUS);
      JsonObject line = new JsonObject()
          .put("distributionId", Long.toString(runId))
          .put("cooperativeId", Long.toString(cooperativeId))
          .put("cooperativeName", r.get(COOPERATIVE.NAME))
          .put("ruleSetId", r.get(DISTRIBUTION_RUN.RULE_SET_ID))
          .put("stepId", r.get(DISTRIBUTION_LINE.STEP_ID))
          .put("basis", r.get(DISTRIBUTION_LINE.BASIS))
          .put("basisValue", r.get(DISTRIBUTION_LINE.BASIS_VALUE))
          .put("amountFen", amount)
          .put("explanation", r.get(DISTRIBUTION_LINE.EXPLANATION_ZH))
          .put("periodStart", r.get(DISTRIBUTION_RUN.PERIOD_START).toString())
          .put("periodEnd", r.get(DISTRIBUTION_RUN.PERIOD_END).toString())
          .put("status", status)
          .put("postedAt", r.get(DISTRIBUTION_RUN.POSTED_AT) == null ? null
              : r.get(DISTRIBUTION_RUN.POSTED_AT).toInstant(ZoneOffset.UTC).toString())
          .put("paid", r.get(DISTRIBUTION_RUN.PAID_AT) != null)
          .put("paidAt", r.get(DISTRIBUTION_RUN.PAID_AT) == null ? null
              : r.get(DISTRIBUTION_RUN.PAID_AT).toInstant(ZoneOffset.UTC).toString())
          .put("publicityEnd", r.get(DISTRIBUTION_RUN.PUBLICITY_END) == null ? null
              : r.get(DISTRIBUTION_RUN.PUBLICITY_END).toString())
          .put("sources", ids(sources.getOrDefault(runId, List.of())));
      if (status == RunStatus.POSTED) {
        posted.add(line);
        total += amount;
        byCooperative.merge(cooperativeId, amount, Long::sum);
        if (r.get(DISTRIBUTION_RUN.PAID_AT) != null) {
          paid += amount;
        }
      } else if (status == RunStatus.REVERSED) {
        reversed.add(line);
      } else if (status == RunStatus.REJECTED) {
        continue; // sent back before approval: never owed, the cooperative drafts again
      } else {
        pending.add(line);
      }
    }
    JsonArray perCooperative = new JsonArray();
    byCooperative.forEach((coop, fen) -> perCooperative.add(new JsonObject()
        .put("cooperativeId", Long.toString(coop)).put("totalFen", fen)));
    JsonObject statement = new JsonObject()
        .put("householdId", Long.toString(householdId))
        .put("year", year)
        .put("lines", posted)
        .put("totalFen", total)
        .put("paidFen", paid)
        .put("perCooperative", perCooperative)
        .put("pending", pending)
        .put("reversed", reversed);
    // the ledger balance sums every cooperative's dividends, so a cooperative does not get it
    if (year == null && !cooperative) {
      statement.put("ledgerBalanceFen", statements.ledgerDividendsFen(db, householdId));
    }
    return statement;
  }

  /** What the household page shows beside the statement: its own name, years, run summaries, products, debts. */
  public record PageFacts(String householdName, List<Integer> years, Map<Long, JsonObject> runSummaries,
      Map<Long, List<String>> products, Map<String, Long> guaranteeDebts) {
  }

  /** The page and what another capability reads for it ({@code alongside}: the household's assistance measures). */
  public record PageWith<T>(Page page, T alongside) {
  }

  /**
   * The household's own page (issue 15): the statement of {@code year} exactly as the API gives it, and
   * the facts its sentences need, for the signed-in household's own scope.
   *
   * <p>Read together with {@code alongside}, on the same connection in one trip to a worker (issue 15:
   * p99 ≤ 20 ms): a second trip, even in parallel, queues behind the other clients' on two cores.
   */
  public <T> Future<PageWith<T>> householdPage(Principal caller, int year, java.util.function.Function<DSLContext, T> alongside) {
    return database.read(db -> householdPage(db, caller, year, alongside));
  }

  /** The same, on a connection the caller already holds (the page's session look-up's: Pages.signedInReading). */
  public <T> PageWith<T> householdPage(DSLContext db, Principal caller, int year,
      java.util.function.Function<DSLContext, T> alongside) {
    return new PageWith<>(page(db, caller, year), alongside.apply(db));
  }

  private Page page(DSLContext db, Principal caller, int year) {
    long householdId = caller.scopeEntityId();
    HouseholdRecord household = participants.household(db, householdId)
        .orElseThrow(() -> Problem.notFound("household", Long.toString(householdId)));
    // every year's lines in one read: the page's year is among them, and so are the years it links to
    Scopes.requireVisible(Scopes.maySeeHousehold(caller, householdId, household.getRegionCode(), List.of()),
        "household", householdId);
    List<Record> everyYear = statements.lines(db, householdId, null, null);
    List<Integer> years = everyYear.stream().filter(r -> r.get(DISTRIBUTION_RUN.STATUS) != RunStatus.DRAFT)
        .map(r -> r.get(DISTRIBUTION_RUN.PERIOD_END).getYear()).distinct()
        .sorted(java.util.Comparator.reverseOrder()).toList();
    JsonObject statement = statement(db, caller, householdId, year, false, everyYear.stream()
        .filter(r -> r.get(DISTRIBUTION_RUN.PERIOD_END).getYear() == year).toList());
    Map<Long, JsonObject> summaries = new TreeMap<>();
    Map<Long, List<String>> products = new TreeMap<>();
    Set<Long> runIds = new LinkedHashSet<>();
    for (String list : List.of("lines", "pending")) {
      for (Object o : statement.getJsonArray(list)) {
        JsonObject line = (JsonObject) o;
        long runId = Long.parseLong(line.getString("distributionId"));
        runIds.add(runId);
        if ("DELIVERY_VALUE".equalsIgnoreCase(line.getString("basis")) && !products.containsKey(runId)) {
          products.put(runId, statements.products(db, householdId, Long.parseLong(line.getString("cooperativeId")),
              java.time.LocalDate.parse(line.getString("periodStart")),
              java.time.LocalDate.parse(line.getString("periodEnd"))));
        }
      }
    }
    summaries.putAll(runSummaries(db, runIds));
    PageFacts facts = new PageFacts(household.getName(), years, summaries, products,
        statements.guaranteeDebts(db, householdId));
    return new Page(statement, facts);
  }

  /**
   * Each run's steps, read once per run: a run's result is written with its draft and never changed (a new
   * draft is a new run), and it holds every household's warnings, so parsing it for every page would grow
   * with the cooperative.
   */
  private Map<Long, JsonObject> runSummaries(DSLContext db, Set<Long> runIds) {
    Map<Long, JsonObject> found = new TreeMap<>(summaries.getAllPresent(runIds));
    if (found.size() < runIds.size()) {
      Set<Long> missing = new LinkedHashSet<>(runIds);
      missing.removeAll(found.keySet());
      statements.runSummaries(db, missing).forEach((id, json) -> {
        JsonObject steps = new JsonObject().put("steps", new JsonObject(json).getJsonArray("steps"));
        summaries.put(id, steps);
        found.put(id, steps);
      });
    }
    return found;
  }

  /** The statement and the facts of the household page. */
  public record Page(JsonObject statement, PageFacts facts) {
  }

  /**
   * A DRAFT is the cooperative's working copy, not yet 公示: only that cooperative, the regulator
   * of its region and the admin see its lines. From publicity on, the household sees them too.
   */
  private static boolean maySeeLine(Principal caller, Record r) {
    if (RunStatus.DRAFT != r.get(DISTRIBUTION_RUN.STATUS)) {
      return true;
    }
    return switch (caller.role()) {
      case ADMIN -> true;
      case COOP -> caller.scopeEntityId() == r.get(DISTRIBUTION_RUN.COOPERATIVE_ID);
      case REGULATOR -> Scopes.coversRegion(caller, r.get(COOPERATIVE.REGION_CODE));
      case BUYER, HOUSEHOLD -> false;
    };
  }

  private static JsonArray ids(List<Long> ids) {
    JsonArray array = new JsonArray();
    ids.forEach(id -> array.add(Long.toString(id)));
    return array;
  }
}
