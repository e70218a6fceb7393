package cn.bangfu.statements;

import cn.bangfu.distribution.DistributionService;
import cn.bangfu.distribution.PlainWords;
import cn.bangfu.distribution.RunStatus;
import cn.bangfu.db.tables.records.MonitoringStepRecord;
import cn.bangfu.identity.Principal;
import cn.bangfu.monitoring.AssistanceKind;
import cn.bangfu.monitoring.MonitoringService;
import cn.bangfu.identity.Role;
import cn.bangfu.platform.BusinessClock;
import cn.bangfu.platform.BusinessDay;
import cn.bangfu.platform.ChineseText;
import cn.bangfu.platform.Problem;
import cn.bangfu.registry.Masking;
import cn.bangfu.web.Pages;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /household} (issue 15, DESIGN.md 8.2): a household's money of one year in plain words, for an
 * older reader on a cheap phone. Its figures are the statement API's ({@link StatementService#statement},
 * called with the signed-in household), its objections go through the API's objection service; this class
 * only turns them into sentences. No ids, no fen, no English codes on the page.
 */
public final class HouseholdPage {
  public static final String PATH = "/household";
  static final String OBJECTIONS = "/household/objections";

  private HouseholdPage() {
  }

  /** One amount: what kind of money, how much, why, and whether it was paid. */
  public record Item(String kind, String amount, String why, String state, boolean paid) {
  }

  /** One cooperative's money of the year. */
  public record Cooperative(String name, String total, List<Item> items) {
  }

  /** A run now in publicity (公示): what it would pay, until when one may object, and the form's run. */
  public record Publicity(String run, String cooperative, String due, String lastDay, boolean open, List<Item> items) {
  }

  /** A cooperative's debt to the household: guaranteed dividends it could not pay yet. */
  public record Debt(String cooperative, String amount) {
  }

  /** Help the household receives this year (an assistance measure of the monitoring chain), in plain words. */
  public record Measure(String what, String who, String amount, String when) {
  }

  /** Everything the template shows. */
  public record View(String household, int year, boolean thisYear, String total, String paid, String unpaid,
      List<Cooperative> cooperatives, List<Publicity> publicity, List<Item> waiting, List<Debt> debts,
      List<Integer> otherYears, String receipt, String error, String errorRun, String text, List<Measure> measures) {
  }

  public static void mount(Pages pages, StatementService statements, DistributionService runs,
      MonitoringService monitoring) {
    // the session, the statement, its facts and the measures in one read: one trip to a worker (p99 ≤ 20 ms)
    pages.signedInReading(PATH, Set.of(Role.HOUSEHOLD), (db, caller, asked) -> {
      int year = year(asked.query().get("year"), asked.today());
      return statements.householdPage(db, caller, year, monitoring.ownMeasuresRead(caller, year));
    }, (visit, read) -> Future.succeededFuture(show(pages, visit, read, null, null, null, null, 200)));
    pages.signedIn(HttpMethod.POST, OBJECTIONS, Set.of(Role.HOUSEHOLD), visit -> {
      BusinessClock clock = BusinessClock.of(visit.ctx());
      int year = clock.today().getYear();
      String run = visit.form("run");
      String text = visit.form("text") == null ? "" : visit.form("text").strip();
      Long runId = cn.bangfu.platform.Body.parseId(run);
      if (runId == null) {
        throw Problem.badRequest("run", "the form names no run");
      }
      if (text.isEmpty() || text.codePointCount(0, text.length()) > DistributionService.MAX_OBJECTION_CHARS) {
        String error = text.isEmpty() ? "请写下您的异议，再点“提交异议”。"
            : "异议最多写 " + DistributionService.MAX_OBJECTION_CHARS + " 个字，请删短一些。";
        return render(pages, statements, monitoring, visit, year, null, error, run, text, 400);
      }
      Principal caller = visit.caller();
      return runs.object(caller, runId, caller.scopeEntityId(), text).compose(filed ->
          render(pages, statements, monitoring, visit, year, "您的异议已收到。回执编号：" + filed.receiptNumber() + "。公示到 "
              + ChineseText.date(filed.publicityEnd()) + " 结束，合作社或监管部门会答复您；查询时请说出回执编号。",
              null, null, null, 200));
    });
  }

  private static Future<Pages.Page> render(Pages pages, StatementService statements, MonitoringService monitoring,
      Pages.Visit visit, int year, String receipt, String error, String errorRun, String text, int status) {
    return statements.householdPage(visit.caller(), year, monitoring.ownMeasuresRead(visit.caller(), year))
        .map(read -> show(pages, visit, read, receipt, error, errorRun, text, status));
  }

  /** The page of the year the read was made for (the statement says which). */
  private static Pages.Page show(Pages pages, Pages.Visit visit, StatementService.PageWith<List<MonitoringStepRecord>> read,
      String receipt, String error, String errorRun, String text, int status) {
    LocalDate today = BusinessClock.of(visit.ctx()).today();
    StatementService.Page page = read.page();
    int year = page.statement().getInteger("year");
    View view = view(page, year, today, receipt, error, errorRun, text,
        read.alongside().stream().map(HouseholdPage::measure).toList());
    Map<String, Object> params = new HashMap<>();
    params.put("view", view);
    params.put("csrf", visit.csrf());
    params.put("user", visit.caller().username());
    return Pages.Page.of(status, pages.render("household.jte", params));
  }

  private static Measure measure(MonitoringStepRecord step) {
    String what;
    try {
      what = AssistanceKind.valueOf(step.getKind()).zh();
    } catch (IllegalArgumentException | NullPointerException e) {
      what = "帮扶";
    }
    String when = step.getStartOn() == null ? "" : step.getEndOn() == null
        ? "从" + ChineseText.date(step.getStartOn()) + "起"
        : ChineseText.date(step.getStartOn()) + "至" + ChineseText.date(step.getEndOn());
    return new Measure(what, step.getDepartment() == null ? "" : step.getDepartment(),
        step.getAmountFen() == null ? null : ChineseText.yuan(step.getAmountFen()), when);
  }

  static View view(StatementService.Page page, int year, LocalDate today, String receipt, String error,
      String errorRun, String text, List<Measure> measures) {
    JsonObject statement = page.statement();
    StatementService.PageFacts facts = page.facts();
    Map<String, List<Item>> byCooperative = new LinkedHashMap<>();
    Map<String, Long> cooperativeTotals = new LinkedHashMap<>();
    for (Object o : statement.getJsonArray("lines")) {
      JsonObject line = (JsonObject) o;
      String name = line.getString("cooperativeName");
      byCooperative.computeIfAbsent(name, n -> new ArrayList<>()).add(item(line, facts));
      cooperativeTotals.merge(name, line.getLong("amountFen"), Long::sum);
    }
    List<Cooperative> cooperatives = new ArrayList<>();
    byCooperative.forEach((name, items) -> cooperatives.add(
        new Cooperative(name, ChineseText.yuan(cooperativeTotals.get(name)), items)));

    Map<String, List<Item>> publicizedItems = new LinkedHashMap<>();
    Map<String, JsonObject> publicizedRuns = new LinkedHashMap<>();
    Map<String, Long> due = new HashMap<>();
    List<Item> waiting = new ArrayList<>();
    for (Object o : statement.getJsonArray("pending")) {
      JsonObject line = (JsonObject) o;
      if (RunStatus.PUBLICIZED.name().equals(line.getString("status"))) {
        String run = line.getString("distributionId");
        publicizedRuns.putIfAbsent(run, line);
        publicizedItems.computeIfAbsent(run, r -> new ArrayList<>()).add(item(line, facts));
        due.merge(run, line.getLong("amountFen"), Long::sum);
      } else {
        waiting.add(item(line, facts));
      }
    }
    List<Publicity> publicity = new ArrayList<>();
    publicizedRuns.forEach((run, line) -> {
      LocalDate end = LocalDate.parse(line.getString("publicityEnd"));
      publicity.add(new Publicity(run, line.getString("cooperativeName"), ChineseText.yuan(due.get(run)),
          ChineseText.date(end), !today.isAfter(end), publicizedItems.get(run)));
    });
    List<Debt> debts = new ArrayList<>();
    facts.guaranteeDebts().forEach((name, fen) -> debts.add(new Debt(name, ChineseText.yuan(fen))));
    long total = statement.getLong("totalFen");
    long paid = statement.getLong("paidFen");
    List<Integer> otherYears = new ArrayList<>(facts.years());
    otherYears.remove(Integer.valueOf(year));
    if (year != today.getYear() && !otherYears.contains(today.getYear())) {
      otherYears.add(0, today.getYear());
    }
    return new View(Masking.name(facts.householdName()), year, year == today.getYear(), ChineseText.yuan(total),
        ChineseText.yuan(paid), ChineseText.yuan(total - paid), cooperatives, publicity, waiting, debts, otherYears,
        receipt, error, errorRun, text, measures);
  }

  private static Item item(JsonObject line, StatementService.PageFacts facts) {
    String kind = PlainWords.kind(line.getString("stepId"), line.getString("basis"));
    String status = line.getString("status");
    boolean paid = line.getBoolean("paid", false);
    String state;
    if (RunStatus.POSTED.name().equals(status)) {
      state = paid ? "已发放（" + day(line.getString("paidAt")) + "）"
          : "未发放（" + day(line.getString("postedAt")) + " 入账，等合作社发放）";
    } else {
      state = PlainWords.RUN_STATUS.get(RunStatus.valueOf(status));
    }
    return new Item(kind, ChineseText.yuan(line.getLong("amountFen")), why(line, kind, facts), state, paid);
  }

  /** One sentence saying why the household got this amount, from the line's basis and its step's total. */
  static String why(JsonObject line, String kind, StatementService.PageFacts facts) {
    long runId = Long.parseLong(line.getString("distributionId"));
    String basis = line.getString("basis") == null ? "" : line.getString("basis").toUpperCase(java.util.Locale.ROOT);
    BigDecimal value = line.getString("basisValue") == null ? null : new BigDecimal(line.getString("basisValue"));
    JsonObject step = step(facts.runSummaries().get(runId), line.getString("stepId"));
    String share = share(value, step);
    if (kind.equals("偿还往期保底欠款")) {
      return "合作社往年保底分红没付够，欠您的钱这次先还。";
    }
    String sentence = switch (basis) {
      case "DELIVERY_VALUE" -> {
        List<String> products = facts.products().getOrDefault(runId, List.of());
        yield "您交售" + String.join("、", products) + " " + ChineseText.yuan(value == null ? 0 : value.longValueExact())
            + " 元" + (share == null ? "" : "，占合作社交售额 " + share + "%") + "。";
      }
      case "SHARE_UNITS" -> "按您在合作社的股份多少和持有天数分得" + (share == null ? "" : "，占全部股份的 " + share + "%") + "。";
      case "LABOR_DAYS" -> "您做了 " + plain(value) + " 个工日" + (share == null ? "" : "，占全部工日的 " + share + "%") + "。";
      case "LAND_MU" -> "您入股土地 " + plain(value) + " 亩" + (share == null ? "" : "，占全部入股土地的 " + share + "%") + "。";
      case "EQUAL" -> "符合条件的" + (step == null ? "" : " " + step.getInteger("eligibleHouseholds", 0) + " ")
          + "户每户一样多。";
      default -> "按合作社的分配办法分得。";
    };
    return kind.equals("保底分红") ? "合作社承诺的保底收益：" + sentence : sentence;
  }

  private static JsonObject step(JsonObject summary, String stepId) {
    if (summary == null || summary.getJsonArray("steps") == null) {
      return null;
    }
    for (Object o : summary.getJsonArray("steps")) {
      if (o instanceof JsonObject s && stepId.equals(s.getString("stepId"))) {
        return s;
      }
    }
    return null;
  }

  /** The household's part of the step's basis in percent, one decimal at most: "30", "12.5". */
  private static String share(BigDecimal value, JsonObject step) {
    if (value == null || step == null || step.getString("basisTotal") == null) {
      return null;
    }
    BigDecimal total = new BigDecimal(step.getString("basisTotal"));
    if (total.signum() <= 0) {
      return null;
    }
    return value.multiply(BigDecimal.valueOf(100)).divide(total, 1, RoundingMode.HALF_UP).stripTrailingZeros()
        .toPlainString();
  }

  private static String plain(BigDecimal value) {
    return value == null ? "0" : value.stripTrailingZeros().toPlainString();
  }

  private static String day(String instant) {
    return instant == null ? "" : ChineseText.date(LocalDate.ofInstant(Instant.parse(instant), BusinessDay.ZONE));
  }

  private static int year(String raw, LocalDate today) {
    if (raw == null || raw.isEmpty()) {
      return today.getYear();
    }
    if (!raw.matches("20[0-9]{2}")) {
      throw Problem.badRequest("year", "year must be four digits, e.g. 2026");
    }
    return Integer.parseInt(raw);
  }
}
