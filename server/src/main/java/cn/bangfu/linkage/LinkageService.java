package cn.bangfu.linkage;

import cn.bangfu.db.tables.records.CooperativeRecord;
import cn.bangfu.db.tables.records.LandPlotRecord;
import cn.bangfu.identity.Principal;
import cn.bangfu.identity.Role;
import cn.bangfu.identity.Scopes;
import cn.bangfu.platform.BusinessClock;
import cn.bangfu.platform.Database;
import cn.bangfu.platform.Ids;
import cn.bangfu.platform.Problem;
import cn.bangfu.registry.RegistryService;
import cn.bangfu.rules.engine.Allocator;
import cn.bangfu.rules.facts.PeriodFacts;
import cn.bangfu.rules.load.RuleSetCatalog;
import cn.bangfu.rules.model.RuleSet;
import cn.bangfu.rules.result.ComplianceResult;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The plot register and the region-wide roll-up of the interest-linkage checks. */
public final class LinkageService {
  /** The built-in 100+1+1 rule set (seed 001): what the roll-up evaluates unless told another. */
  public static final String DEFAULT_CHECK = "100-1-1";

  private final Database database;
  private final RegistryService registry;
  private final PlotRepository plots;
  private final LinkageQueries queries;
  private final RuleSetCatalog ruleSets;
  private final Ids ids;
  private final BusinessClock clock;

  public LinkageService(Database database, RegistryService registry, PlotRepository plots, LinkageQueries queries,
      RuleSetCatalog ruleSets, Ids ids, BusinessClock clock) {
    this.database = database;
    this.registry = registry;
    this.plots = plots;
    this.queries = queries;
    this.ruleSets = ruleSets;
    this.ids = ids;
    this.clock = clock;
  }

  /** A plot of the cooperative's base: in its own county (a base elsewhere is another county's to check). */
  public record NewPlot(String name, String regionCode, BigDecimal areaMu, LocalDate since, LocalDate until) {
  }

  public Future<LandPlotRecord> registerPlot(Principal caller, long cooperativeId, NewPlot p) {
    return database.tx(db -> {
      CooperativeRecord coop = registry.visibleCooperative(db, caller, cooperativeId);
      if (!Scopes.sameCounty(coop.getRegionCode(), p.regionCode())) {
        throw new Problem(422, "plot-outside-county", "Plot outside the cooperative's county",
            "regionCode " + p.regionCode() + " is not in the cooperative's county " + Scopes.county(coop.getRegionCode()),
            "regionCode");
      }
      LandPlotRecord row = new LandPlotRecord().setId(ids.next()).setCooperativeId(cooperativeId).setName(p.name())
          .setRegionCode(p.regionCode()).setAreaMu(p.areaMu()).setSince(p.since()).setUntil(p.until())
          .setCreatedAt(clock.now()).setCreatedBy(caller.userId());
      plots.insert(db, row);
      return row;
    });
  }

  public Future<List<LandPlotRecord>> plots(Principal caller, long cooperativeId, int limit, int offset) {
    return database.read(db -> {
      registry.visibleCooperative(db, caller, cooperativeId);
      return plots.plots(db, cooperativeId, limit, offset);
    });
  }

  /**
   * Every cooperative of the region checked for {@code year} with the rule set's compliance checks, and
   * the totals the regulator reports upwards. No household appears: only counts per cooperative, so nothing
   * personal needs masking.
   */
  public Future<JsonObject> regionChecks(Principal caller, String prefix, int year, String ruleSetId, int limit,
      int offset) {
    RuleSet rule = ruleSets.find(ruleSetId).filter(r -> !r.compliance().isEmpty())
        .orElseThrow(() -> Problem.badRequest("ruleSetId", "'" + ruleSetId + "' is not a rule set with compliance"
            + " checks (e.g. " + DEFAULT_CHECK + ")"));
    return database.read(db -> {
      Scopes.require(caller.role() == Role.ADMIN || Scopes.coversRegion(caller, prefix), "region " + prefix);
      LocalDate start = LocalDate.of(year, 1, 1);
      LocalDate end = LocalDate.of(year, 12, 31);
      List<LinkageQueries.Cooperative> coops = queries.cooperativesInRegion(db, prefix);
      Map<Long, PeriodFacts> facts = coops.isEmpty() ? Map.of()
          : queries.facts(db, coops.stream().map(LinkageQueries.Cooperative::id).toList(), start, end);
      Map<ComplianceResult.Status, Integer> byStatus = new EnumMap<>(ComplianceResult.Status.class);
      for (ComplianceResult.Status s : ComplianceResult.Status.values()) {
        byStatus.put(s, 0);
      }
      long[] sums = new long[4];
      BigDecimal area = BigDecimal.ZERO;
      List<JsonObject> page = new ArrayList<>();
      for (int i = 0; i < coops.size(); i++) {
        LinkageQueries.Cooperative c = coops.get(i);
        List<ComplianceResult> results = Allocator.allocate(rule, facts.get(c.id())).compliance();
        JsonArray checks = new JsonArray();
        for (ComplianceResult r : results) {
          byStatus.merge(r.status(), 1, Integer::sum);
          area = area.add(new BigDecimal((String) r.figures().get("areaMu")));
          sums[0] += figure(r, "requiredPoorHouseholds");
          sums[1] += figure(r, "poorHouseholdsLinked");
          sums[2] += figure(r, "requiredPoorLaborers");
          sums[3] += figure(r, "poorLaborersEmployed");
          checks.add(new JsonObject(r.toMap()));
        }
        if (i >= offset && page.size() < limit) {
          page.add(new JsonObject().put("cooperativeId", Long.toString(c.id())).put("name", c.name())
              .put("regionCode", c.regionCode()).put("checks", checks));
        }
      }
      JsonObject totals = new JsonObject().put("cooperatives", coops.size())
          .put("passed", byStatus.get(ComplianceResult.Status.PASSED))
          .put("failed", byStatus.get(ComplianceResult.Status.FAILED))
          .put("notApplicable", byStatus.get(ComplianceResult.Status.NOT_APPLICABLE))
          .put("areaMu", area.stripTrailingZeros().toPlainString())
          .put("requiredPoorHouseholds", sums[0]).put("poorHouseholdsLinked", sums[1])
          .put("requiredPoorLaborers", sums[2]).put("poorLaborersEmployed", sums[3]);
      return new JsonObject().put("regionPrefix", prefix).put("year", year).put("ruleSetId", rule.id())
          .put("totals", totals).put("items", new JsonArray(page)).put("limit", limit).put("offset", offset);
    });
  }

  /** A count of the result, 0 when the check had nothing to require (not applicable). */
  private static long figure(ComplianceResult r, String name) {
    Object v = r.figures().get(name);
    return v instanceof Number n ? n.longValue() : 0;
  }
}
