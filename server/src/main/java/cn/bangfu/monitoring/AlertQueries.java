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
    belowLine(db, households, year, found);
    incomeDrop(db, households, year, settings.incomeDropPercent(), found);
    rigidExpenditure(db, households, year, settings.rigidExpenditurePercent(), found);
    duplicateAssistance(db, households, year, found);
    unpaidDividend(db, households, now.minusDays(settings.unpaidDividendDays()), settings, found);
    idleLabour(db, households, year, found);
    return found;
  }

  private static Field<BigDecimal> fen(Table<?> income) {
    return coalesce(income.field(HouseholdIncomeQueries.INCOME_FEN), BigDecimal.ZERO);
  }

  private void belowLine(DSLContext db, Condition households, int year, List<Finding> found) {
    Table<?> inc = income.incomeByHousehold(watched(households), year);
    // the most specific line: the longest prefix of the household's region code set for the year
    Field<Long> line = field(select(MONITORING_LINE.PER_CAPITA_INCOME_FEN).from(MONITORING_LINE)
        .where(MONITORING_LINE.LINE_YEAR.eq(year),
            HOUSEHOLD.REGION_CODE.like(concat(MONITORING_LINE.REGION_PREFIX, inline("%"))))
        .orderBy(length(MONITORING_LINE.REGION_PREFIX).desc()).limit(1));
    Field<BigDecimal> total = fen(inc);
    db.select(HOUSEHOLD.ID, HOUSEHOLD.REGION_CODE, HOUSEHOLD.MEMBERS, total, line.as("line_fen"))
        .from(HOUSEHOLD).leftJoin(inc).on(inc.field(HouseholdIncomeQueries.HOUSEHOLD_ID).eq(HOUSEHOLD.ID))
        .where(households, HOUSEHOLD.STATUS.in(WATCHED), line.isNotNull(),
            total.lt(line.times(HOUSEHOLD.MEMBERS).coerce(BigDecimal.class)))
        .forEach(r -> {
          long totalFen = r.value4().longValueExact();
          int members = r.value3();
          found.add(new Finding(r.value1(), r.value2(), AlertKind.BELOW_LINE, year + "年家庭人均收入 "
              + Money.plainYuan(totalFen / members) + " 元（全年 " + Money.plainYuan(totalFen) + " 元，" + members + " 人），低于监测线 "
              + Money.plainYuan(r.value5()) + " 元"));
        });
  }

  private void incomeDrop(DSLContext db, Condition households, int year, int dropPercent, List<Finding> found) {
    Table<?> now = income.incomeByHousehold(watched(households), year);
    Table<?> before = income.incomeByHousehold(watched(households), year - 1);
    Field<BigDecimal> current = fen(now);
    Field<BigDecimal> previous = before.field(HouseholdIncomeQueries.INCOME_FEN);
    db.select(HOUSEHOLD.ID, HOUSEHOLD.REGION_CODE, current, previous)
        .from(HOUSEHOLD).join(before).on(before.field(HouseholdIncomeQueries.HOUSEHOLD_ID).eq(HOUSEHOLD.ID))
        .leftJoin(now).on(now.field(HouseholdIncomeQueries.HOUSEHOLD_ID).eq(HOUSEHOLD.ID))
        .where(households, HOUSEHOLD.STATUS.in(WATCHED), previous.gt(BigDecimal.ZERO),
            current.times(100).lt(previous.times(100 - dropPercent)))
        .forEach(r -> {
          long cur = r.value3().longValueExact();
          long prev = r.value4().longValueExact();
          long dropped = (prev - cur) * 100 / prev;
          found.add(new Finding(r.value1(), r.value2(), AlertKind.INCOME_DROP, year + "年家庭收入 " + Money.plainYuan(cur)
              + " 元，比" + (year - 1) + "年的 " + Money.plainYuan(prev) + " 元下降 " + dropped + "%（预警线 " + dropPercent + "%）"));
        });
  }

  private void rigidExpenditure(DSLContext db, Condition households, int year, int sharePercent,
      List<Finding> found) {
    Table<?> inc = income.incomeByHousehold(watched(households), year);
    Field<BigDecimal> spent = sum(MONITORING_STEP.AMOUNT_FEN).as("spent_fen");
    Table<?> spending = select(MONITORING_STEP.HOUSEHOLD_ID, spent).from(MONITORING_STEP)
        .where(MONITORING_STEP.STEP.eq(ChainStep.EVENT),
            MONITORING_STEP.KIND.in(RiskEventKind.MEDICAL_EXPENSE.name(), RiskEventKind.SERIOUS_ILLNESS.name(),
                RiskEventKind.EDUCATION_EXPENSE.name()),
            MONITORING_STEP.AMOUNT_FEN.isNotNull(),
            MONITORING_STEP.START_ON.between(HouseholdIncomeQueries.first(year), HouseholdIncomeQueries.last(year)),
            MONITORING_STEP.HOUSEHOLD_ID.in(watched(households)))
        .groupBy(MONITORING_STEP.HOUSEHOLD_ID).asTable("rigid_spending");
    Field<BigDecimal> spending_fen = spending.field("spent_fen", BigDecimal.class);
    Field<BigDecimal> total = fen(inc);
    db.select(HOUSEHOLD.ID, HOUSEHOLD.REGION_CODE, total, spending_fen)
        .from(HOUSEHOLD).join(spending).on(spending.field(MONITORING_STEP.HOUSEHOLD_ID).eq(HOUSEHOLD.ID))
        .leftJoin(inc).on(inc.field(HouseholdIncomeQueries.HOUSEHOLD_ID).eq(HOUSEHOLD.ID))
        .where(households, spending_fen.times(100).gt(total.times(sharePercent)))
        .forEach(r -> found.add(new Finding(r.value1(), r.value2(), AlertKind.RIGID_EXPENDITURE, year
            + "年医疗、教育等刚性支出 " + Money.plainYuan(r.value4().longValueExact()) + " 元，超过家庭全年收入 "
            + Money.plainYuan(r.value3().longValueExact()) + " 元的 " + sharePercent + "%")));
  }

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
