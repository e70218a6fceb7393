package cn.bangfu.linkage;

import static cn.bangfu.db.Tables.COOPERATIVE;
import static cn.bangfu.db.Tables.HOUSEHOLD;
import static cn.bangfu.db.Tables.LABOR_RECORD;
import static cn.bangfu.db.Tables.LAND_PLOT;
import static cn.bangfu.db.Tables.MEMBERSHIP;
import static cn.bangfu.db.Tables.SHARE_HOLDING;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.when;

import cn.bangfu.db.tables.records.HouseholdStatusChangeRecord;
import cn.bangfu.registry.StatusHistoryRepository;
import cn.bangfu.rules.facts.BaseArea;
import cn.bangfu.rules.facts.MemberFacts;
import cn.bangfu.rules.facts.PeriodFacts;
import cn.bangfu.rules.model.HouseholdStatus;
import cn.bangfu.rules.model.ShareClass;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * The facts the 100+1+1 check needs for every cooperative of a region, in five set-based queries however
 * many cooperatives: members with the status in force on the period's last day, their land shares,
 * the persons each household had paid a wage in the period, and the registered plots. Money is not read:
 * a compliance check moves none.
 */
public final class LinkageQueries {
  /** A cooperative of the region, named for the regulator's list. */
  public record Cooperative(long id, String name, String regionCode) {
  }

  private final StatusHistoryRepository situations = new StatusHistoryRepository();

  public List<Cooperative> cooperativesInRegion(DSLContext db, String prefix) {
    return db.select(COOPERATIVE.ID, COOPERATIVE.NAME, COOPERATIVE.REGION_CODE).from(COOPERATIVE)
        .where(COOPERATIVE.REGION_CODE.startsWith(prefix)).orderBy(COOPERATIVE.ID)
        .fetch(r -> new Cooperative(r.value1(), r.value2(), r.value3()));
  }

  /** cooperative id → its facts for the period (every listed cooperative, members or not). */
  public Map<Long, PeriodFacts> facts(DSLContext db, List<Long> cooperativeIds, LocalDate start, LocalDate end) {
    Map<Long, BaseArea> plots = new HashMap<>();
    db.select(LAND_PLOT.COOPERATIVE_ID, sum(LAND_PLOT.AREA_MU)).from(LAND_PLOT)
        .where(LAND_PLOT.COOPERATIVE_ID.in(cooperativeIds), LAND_PLOT.SINCE.le(end),
            LAND_PLOT.UNTIL.isNull().or(LAND_PLOT.UNTIL.gt(end)))
        .groupBy(LAND_PLOT.COOPERATIVE_ID)
        .forEach(r -> plots.put(r.value1(), BaseArea.plots(r.value2())));

    Map<List<Long>, BigDecimal> land = new HashMap<>();
    db.select(SHARE_HOLDING.COOPERATIVE_ID, SHARE_HOLDING.HOUSEHOLD_ID, sum(SHARE_HOLDING.UNITS)).from(SHARE_HOLDING)
        .where(SHARE_HOLDING.COOPERATIVE_ID.in(cooperativeIds), SHARE_HOLDING.SHARE_CLASS.eq(ShareClass.LAND),
            SHARE_HOLDING.SINCE.le(end), SHARE_HOLDING.UNTIL.isNull().or(SHARE_HOLDING.UNTIL.gt(end)))
        .groupBy(SHARE_HOLDING.COOPERATIVE_ID, SHARE_HOLDING.HOUSEHOLD_ID)
        .forEach(r -> land.put(List.of(r.value1(), r.value2()), r.value3()));

    // persons paid a wage: the most workers any paid record of the period names (see PeriodFactsRepository)
    Map<List<Long>, Integer> employed = new HashMap<>();
    db.select(LABOR_RECORD.COOPERATIVE_ID, LABOR_RECORD.HOUSEHOLD_ID,
            max(when(LABOR_RECORD.WAGE_FEN.gt(0L), LABOR_RECORD.WORKERS).otherwise(0)))
        .from(LABOR_RECORD)
        .where(LABOR_RECORD.COOPERATIVE_ID.in(cooperativeIds), LABOR_RECORD.WORKED_ON.between(start, end))
        .groupBy(LABOR_RECORD.COOPERATIVE_ID, LABOR_RECORD.HOUSEHOLD_ID)
        .forEach(r -> employed.put(List.of(r.value1(), r.value2()), r.value3()));

    var rows = db.select(MEMBERSHIP.COOPERATIVE_ID, HOUSEHOLD.ID, HOUSEHOLD.STATUS)
        .from(MEMBERSHIP).join(HOUSEHOLD).on(HOUSEHOLD.ID.eq(MEMBERSHIP.HOUSEHOLD_ID))
        .where(MEMBERSHIP.COOPERATIVE_ID.in(cooperativeIds), MEMBERSHIP.JOINED_ON.le(end))
        .orderBy(MEMBERSHIP.COOPERATIVE_ID, HOUSEHOLD.ID)
        .fetch();
    // the status in force on the period's last day, as a distribution draft reads it
    Map<Long, HouseholdStatusChangeRecord> inForce = situations.inForceOn(db,
        rows.map(r -> r.value2()).stream().distinct().toList(), end);
    Map<Long, List<MemberFacts>> members = new HashMap<>();
    for (var r : rows) {
      long coop = r.value1();
      long household = r.value2();
      HouseholdStatusChangeRecord situation = inForce.get(household);
      HouseholdStatus status = situation != null ? situation.getStatus() : r.value3();
      List<Long> key = List.of(coop, household);
      members.computeIfAbsent(coop, k -> new ArrayList<>()).add(MemberFacts.builder(household).status(status)
          .landMu(land.getOrDefault(key, BigDecimal.ZERO)).employedPersons(employed.getOrDefault(key, 0)).build());
    }
    Map<Long, PeriodFacts> facts = new LinkedHashMap<>();
    for (long coop : cooperativeIds) {
      facts.put(coop, PeriodFacts.of(coop, start, end, 0, List.of(), members.getOrDefault(coop, List.of()))
          .withBaseArea(plots.get(coop)));
    }
    return facts;
  }
}
