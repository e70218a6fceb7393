package cn.bangfu.monitoring;

import static cn.bangfu.db.Tables.HOUSEHOLD;
import static cn.bangfu.db.Tables.LABOR_RECORD;
import static cn.bangfu.db.Tables.MEMBERSHIP;
import static cn.bangfu.db.Tables.MONITORING_ALERT;
import static cn.bangfu.db.Tables.MONITORING_LINE;
import static cn.bangfu.db.Tables.MONITORING_STEP;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.concat;
import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.length;
import static org.jooq.impl.DSL.min;
import static org.jooq.impl.DSL.notExists;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectOne;
import static org.jooq.impl.DSL.sum;

import cn.bangfu.rules.result.Money;
import cn.bangfu.db.tables.MonitoringStep;
import cn.bangfu.rules.model.HouseholdStatus;
import cn.bangfu.rules.model.LaborCapacity;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.Select;
import org.jooq.Table;

/**
 * The alert indicators as set-based queries over the households a condition selects (a region prefix, or one
 * household when an entry or event touches it): each query returns only the households that trip it, with
 * the figures the plain-Chinese detail quotes. Watched households are those with a poverty status
 * (registered poor, monitored, low-income, exited: 防止返贫 watches exits too); ORDINARY households are not.
 */
public final class AlertQueries {
  static final List<HouseholdStatus> WATCHED = List.of(HouseholdStatus.REGISTERED_POOR, HouseholdStatus.MONITORED,
      HouseholdStatus.LOW_INCOME, HouseholdStatus.EXITED);

  /** What an indicator found for one household. */
  public record Finding(long householdId, String regionCode, AlertKind kind, String detail) {
  }

  private final HouseholdIncomeQueries income;

  public AlertQueries(HouseholdIncomeQueries income) {
    this.income = income;
  }

  private static Select<Record1<Long>> watched(Condition households) {
    return select(HOUSEHOLD.ID).from(HOUSEHOLD).where(households, HOUSEHOLD.STATUS.in(WATCHED));
  }

  /** Every indicator but NO_MEASURE (which reads the alerts these open). */
  public List<Finding> indicators(DSLContext db, Condition households, int year, LocalDateTime now,
      MonitoringSettings settings) {
    List<Finding> found = new ArrayList<>();
    incomeIndicators(db, households, year, settings.incomeDropPercent(), settings.rigidExpenditurePercent(), found);
    duplicateAssistance(db, households, year, found);
    unpaidDividend(db, households, now.minusDays(settings.unpaidDividendDays()), settings, found);
    idleLabour(db, households, year, found);
    return found;
  }

  private static Field<BigDecimal> fen(Table<?> income) {
    return coalesce(income.field(HouseholdIncomeQueries.INCOME_FEN), BigDecimal.ZERO);
  }

  /**
   * BELOW_LINE, INCOME_DROP and RIGID_EXPENDITURE in one query: all three read the year's income, which is
   * an aggregate over every line, delivery and measure of the region; computed once for the year and
   * once for the year before (a province's evaluation computed it four times, issue 17). The query keeps
   * the households that trip any of them; each is then told apart here with the same comparisons.
   *
   * <ul>
   *   <li>BELOW_LINE: a watched household whose year's income is under the most specific line set for the
   *       year (the longest prefix of its region code) times its members;
   *   <li>INCOME_DROP: a watched household whose income fell by at least {@code dropPercent} % from a
   *       year before that had some;
   *   <li>RIGID_EXPENDITURE: medical and education spending recorded as events of the year over
   *       {@code sharePercent} % of the year's income.
   * </ul>
   */
  private void incomeIndicators(DSLContext db, Condition households, int year, int dropPercent, int sharePercent,
      List<Finding> found) {
    Table<?> now = income.incomeByHousehold(watched(households), year);
    Table<?> before = income.incomeByHousehold(watched(households), year - 1);
    Field<BigDecimal> spent = sum(MONITORING_STEP.AMOUNT_FEN).as("spent_fen");
    Table<?> spending = select(MONITORING_STEP.HOUSEHOLD_ID, spent).from(MONITORING_STEP)
        .where(MONITORING_STEP.STEP.eq(ChainStep.EVENT),
            MONITORING_STEP.KIND.in(RiskEventKind.MEDICAL_EXPENSE.name(), RiskEventKind.SERIOUS_ILLNESS.name(),
                RiskEventKind.EDUCATION_EXPENSE.name()),
            MONITORING_STEP.AMOUNT_FEN.isNotNull(),
            MONITORING_STEP.START_ON.between(HouseholdIncomeQueries.first(year), HouseholdIncomeQueries.last(year)),
            MONITORING_STEP.HOUSEHOLD_ID.in(watched(households)))
        .groupBy(MONITORING_STEP.HOUSEHOLD_ID).asTable("rigid_spending");
    // the most specific line: the longest prefix of the household's region code set for the year
    Field<Long> line = field(select(MONITORING_LINE.PER_CAPITA_INCOME_FEN).from(MONITORING_LINE)
        .where(MONITORING_LINE.LINE_YEAR.eq(year),
            HOUSEHOLD.REGION_CODE.like(concat(MONITORING_LINE.REGION_PREFIX, inline("%"))))
        .orderBy(length(MONITORING_LINE.REGION_PREFIX).desc()).limit(1));
    Field<BigDecimal> total = fen(now);
    Field<BigDecimal> previous = before.field(HouseholdIncomeQueries.INCOME_FEN);
    Field<BigDecimal> spending_fen = spending.field("spent_fen", BigDecimal.class);
    Condition watchedStatus = HOUSEHOLD.STATUS.in(WATCHED);
    Condition belowLine = watchedStatus.and(line.isNotNull())
        .and(total.lt(line.times(HOUSEHOLD.MEMBERS).coerce(BigDecimal.class)));
    Condition dropped = watchedStatus.and(previous.gt(BigDecimal.ZERO))
        .and(total.times(100).lt(previous.times(100 - dropPercent)));
    Condition rigid = spending_fen.times(100).gt(total.times(sharePercent));
    db.select(HOUSEHOLD.ID, HOUSEHOLD.REGION_CODE, HOUSEHOLD.MEMBERS, HOUSEHOLD.STATUS, total, previous, spending_fen,
            line.as("line_fen"))
        .from(HOUSEHOLD)
        .leftJoin(now).on(now.field(HouseholdIncomeQueries.HOUSEHOLD_ID).eq(HOUSEHOLD.ID))
        .leftJoin(before).on(before.field(HouseholdIncomeQueries.HOUSEHOLD_ID).eq(HOUSEHOLD.ID))
        .leftJoin(spending).on(spending.field(MONITORING_STEP.HOUSEHOLD_ID).eq(HOUSEHOLD.ID))
        .where(households, belowLine.or(dropped).or(rigid))
        .forEach(r -> {
          long id = r.value1();
          String region = r.value2();
          int members = r.value3();
          boolean watched = WATCHED.contains(r.value4());
          long totalFen = r.value5().longValueExact();
          Long lineFen = r.value8();
          if (watched && lineFen != null && BigDecimal.valueOf(totalFen)
              .compareTo(BigDecimal.valueOf(lineFen).multiply(BigDecimal.valueOf(members))) < 0) {
            found.add(new Finding(id, region, AlertKind.BELOW_LINE, year + "年家庭人均收入 "
                + Money.plainYuan(totalFen / members) + " 元（全年 " + Money.plainYuan(totalFen) + " 元，" + members
                + " 人），低于监测线 " + Money.plainYuan(lineFen) + " 元"));
          }
          BigDecimal prevFen = r.value6();
          if (watched && prevFen != null && prevFen.signum() > 0 && BigDecimal.valueOf(totalFen).multiply(HUNDRED)
              .compareTo(prevFen.multiply(BigDecimal.valueOf(100 - dropPercent))) < 0) {
            long prev = prevFen.longValueExact();
            long droppedPercent = (prev - totalFen) * 100 / prev;
            found.add(new Finding(id, region, AlertKind.INCOME_DROP, year + "年家庭收入 " + Money.plainYuan(totalFen)
                + " 元，比" + (year - 1) + "年的 " + Money.plainYuan(prev) + " 元下降 " + droppedPercent + "%（预警线 "
                + dropPercent + "%）"));
          }
          BigDecimal spentFen = r.value7();
          if (spentFen != null && spentFen.multiply(HUNDRED)
              .compareTo(BigDecimal.valueOf(totalFen).multiply(BigDecimal.valueOf(sharePercent))) > 0) {
            found.add(new Finding(id, region, AlertKind.RIGID_EXPENDITURE, year + "年医疗、教育等刚性支出 "
                + Money.plainYuan(spentFen.longValueExact()) + " 元，超过家庭全年收入 " + Money.plainYuan(totalFen)
                + " 元的 " + sharePercent + "%"));
          }
        });
  }

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private static void duplicateAssistance(DSLContext db, Condition households, int year, List<Finding> found) {
    MonitoringStep a = MONITORING_STEP.as("a");
    MonitoringStep b = MONITORING_STEP.as("b");
    Map<Long, Finding> perHousehold = new LinkedHashMap<>();
    db.select(a.HOUSEHOLD_ID, a.REGION_CODE, a.KIND, a.DEPARTMENT, a.START_ON, a.END_ON, b.DEPARTMENT, b.START_ON,
            b.END_ON)
        .from(a).join(b).on(b.HOUSEHOLD_ID.eq(a.HOUSEHOLD_ID), b.STEP.eq(a.STEP), b.KIND.eq(a.KIND),
            b.DEPARTMENT.ne(a.DEPARTMENT), a.START_ON.le(b.END_ON), b.START_ON.le(a.END_ON), a.ID.lt(b.ID))
        .where(a.STEP.eq(ChainStep.MEASURE), a.HOUSEHOLD_ID.in(watched(households)),
            a.START_ON.le(HouseholdIncomeQueries.last(year)), a.END_ON.ge(HouseholdIncomeQueries.first(year)))
        .orderBy(a.HOUSEHOLD_ID, a.ID, b.ID)
        .forEach(r -> perHousehold.merge(r.value1(), new Finding(r.value1(), r.value2(), AlertKind.DUPLICATE_ASSISTANCE,
            AssistanceKind.valueOf(r.value3()).zh() + "重复：" + r.value4() + "（" + r.value5() + " 至 " + r.value6()
                + "）与" + r.value7() + "（" + r.value8() + " 至 " + r.value9() + "）期间重叠"),
            (first, more) -> new Finding(first.householdId(), first.regionCode(), first.kind(),
                first.detail() + "；" + more.detail())));
    found.addAll(perHousehold.values());
  }

  private void unpaidDividend(DSLContext db, Condition households, LocalDateTime postedBy,
      MonitoringSettings settings, List<Finding> found) {
    Map<Long, String> regions = new LinkedHashMap<>();
    var unpaid = income.unpaid(db, watched(households), postedBy);
    if (unpaid.isEmpty()) {
      return;
    }
    db.select(HOUSEHOLD.ID, HOUSEHOLD.REGION_CODE).from(HOUSEHOLD)
        .where(HOUSEHOLD.ID.in(unpaid.getValues(0, Long.class)))
        .forEach(r -> regions.put(r.value1(), r.value2()));
    unpaid.forEach(r -> found.add(new Finding(r.value1(), regions.get(r.value1()), AlertKind.UNPAID_DIVIDEND,
        "分配已于 " + r.value3().toLocalDate() + " 过账，应得 " + Money.plainYuan(r.value2().longValueExact()) + " 元超过 "
            + settings.unpaidDividendDays() + " 天仍未发放")));
  }

  private static void idleLabour(DSLContext db, Condition households, int year, List<Finding> found) {
    db.select(HOUSEHOLD.ID, HOUSEHOLD.REGION_CODE).from(HOUSEHOLD)
        .where(households, HOUSEHOLD.STATUS.in(WATCHED), HOUSEHOLD.LABOR_CAPACITY.eq(LaborCapacity.FULL),
            exists(selectOne().from(MEMBERSHIP).where(MEMBERSHIP.HOUSEHOLD_ID.eq(HOUSEHOLD.ID))),
            notExists(selectOne().from(LABOR_RECORD).where(LABOR_RECORD.HOUSEHOLD_ID.eq(HOUSEHOLD.ID),
                LABOR_RECORD.WORKED_ON.between(HouseholdIncomeQueries.first(year),
                    HouseholdIncomeQueries.last(year)))))
        .forEach(r -> found.add(new Finding(r.value1(), r.value2(), AlertKind.IDLE_LABOUR,
            "有劳动能力，" + year + "年在合作社没有出工记录（扶贫不扶懒）")));
  }

  /** Households with an alert open since before {@code openedBy} and no measure recorded since it opened. */
  public List<Finding> noMeasure(DSLContext db, Condition households, int year, LocalDateTime openedBy,
      int days) {
    List<Finding> found = new ArrayList<>();
    Field<LocalDateTime> oldest = min(MONITORING_ALERT.SINCE);
    db.select(MONITORING_ALERT.HOUSEHOLD_ID, MONITORING_ALERT.REGION_CODE, oldest)
        .from(MONITORING_ALERT)
        .where(MONITORING_ALERT.STATUS.eq(AlertStatus.OPEN), MONITORING_ALERT.ALERT_YEAR.eq(year),
            MONITORING_ALERT.KIND.ne(AlertKind.NO_MEASURE), MONITORING_ALERT.SINCE.le(openedBy),
            MONITORING_ALERT.HOUSEHOLD_ID.in(select(HOUSEHOLD.ID).from(HOUSEHOLD).where(households)),
            notExists(selectOne().from(MONITORING_STEP).where(MONITORING_STEP.HOUSEHOLD_ID.eq(MONITORING_ALERT.HOUSEHOLD_ID),
                MONITORING_STEP.STEP.eq(ChainStep.MEASURE), MONITORING_STEP.CREATED_AT.ge(MONITORING_ALERT.SINCE))))
        .groupBy(MONITORING_ALERT.HOUSEHOLD_ID, MONITORING_ALERT.REGION_CODE)
        .forEach(r -> found.add(new Finding(r.value1(), r.value2(), AlertKind.NO_MEASURE,
            "预警自 " + r.value3().toLocalDate() + " 起已超过 " + days + " 天没有帮扶措施")));
    return found;
  }
}
