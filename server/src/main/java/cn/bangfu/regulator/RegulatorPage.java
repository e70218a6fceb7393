package cn.bangfu.regulator;

import cn.bangfu.db.tables.records.DistributionObjectionRecord;
import cn.bangfu.db.tables.records.DistributionRunRecord;
import cn.bangfu.db.tables.records.HouseholdRecord;
import cn.bangfu.distribution.DistributionRepository.Awaiting;
import cn.bangfu.distribution.DistributionService;
import cn.bangfu.distribution.ObjectionStatus;
import cn.bangfu.distribution.PlainWords;
import cn.bangfu.distribution.RunStatus;
import cn.bangfu.identity.Role;
import cn.bangfu.monitoring.AlertKind;
import cn.bangfu.monitoring.AlertStatus;
import cn.bangfu.monitoring.HouseholdIncomeQueries;
import cn.bangfu.monitoring.MonitoringExport;
import cn.bangfu.monitoring.MonitoringService;
import cn.bangfu.orders.ProcurementService;
import cn.bangfu.platform.Body;
import cn.bangfu.platform.BusinessClock;
import cn.bangfu.platform.ChineseText;
import cn.bangfu.platform.Problem;
import cn.bangfu.registry.Masking;
import cn.bangfu.registry.RegistryService;
import cn.bangfu.rules.load.RuleSetCatalog;
import cn.bangfu.rules.model.HouseholdStatus;
import cn.bangfu.rules.model.RuleSet;
import cn.bangfu.web.Pages;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /regulator}: what a county official does in a day. The work list of runs in publicity, the one
 * whose publicity ends first on top; a run's notice summary, its objections and their answers, approve or
 * send back with a reason (the API's approve and reject); household search by name or masked identity
 * number inside the region; a household's income and assistance chain; open alerts; the budget units'
 * reserved share against what they bought, slowest first, and its workbook.
 */
public final class RegulatorPage {
  static final String PATH = "/regulator";
  private static final Set<Role> REGULATOR = Set.of(Role.REGULATOR);
  private static final int RUNS_LISTED = 200;
  private static final int ALERTS_LISTED = 200;
  private static final int BUYERS_LISTED = 500;
  private static final int OBJECTIONS_LISTED = 200;

  private RegulatorPage() {
  }

  public record RunRow(String id, String cooperative, String ruleSet, String period, String pool, int households,
      String publicityEnd, boolean ended, int openObjections) {
  }

  public record Home(String user, String csrf, String notice, List<RunRow> runs, int openAlerts) {
  }

  public record Objection(String text, String status, String answer) {
  }

  public record Run(String user, String csrf, String id, String cooperative, String ruleSet, String period,
      String status, String revenue, String cost, String pool, int households, String publicityEnd,
      List<Objection> objections, int openObjections, boolean publicized, boolean mayApprove, String why,
      String reason, String reasonError, String error) {
  }

  public record HouseholdRow(String id, String name, String idNumber, String region, String status) {
  }

  public record Search(String user, String csrf, String q, String error, List<HouseholdRow> rows, boolean searched) {
  }

  public record Income(String kind, String amount) {
  }

  public record ChainItem(String when, String what, String detail, String by) {
  }

  public record Household(String user, String csrf, String id, String name, String idNumber, String status,
      int members, int year, String total, String perCapita, List<Income> income, List<ChainItem> chain,
      String chainState, String notice, MeasureForm form, Map<String, String> kinds, String closureError) {
  }

  /** The measure form as typed, and the Chinese message for the field refused. */
  public record MeasureForm(String department, String kind, String amount, String start, String end, String note,
      String errorField, String error) {
    static MeasureForm blank(LocalDate today) {
      return new MeasureForm("", "", "", today.toString(), today.plusMonths(1).minusDays(1).toString(), "", null, null);
    }

    MeasureForm refused(String field, String message) {
      return new MeasureForm(department, kind, amount, start, end, note, field, message);
    }

    public String errorFor(String field) {
      return field.equals(errorField) ? error : null;
    }
  }

  public record AlertRow(String household, String kind, String detail, String since) {
  }

  public record Alerts(String user, String csrf, int year, String kind, Map<String, String> kinds,
      List<AlertRow> alerts) {
  }

  public record BuyerRow(String name, String target, String purchased, String percent, int orders) {
  }

  public record Procurement(String user, String csrf, int year, String target, String purchased, String percent,
      List<BuyerRow> buyers) {
  }

  /** The services the console calls, as the API's routes call them. */
  public record Services(RuleSetCatalog ruleSets, DistributionService runs, RegistryService registry,
      MonitoringService monitoring, ProcurementService procurement) {
  }

  public static void mount(Pages pages, Services services) {
    RuleSetCatalog ruleSets = services.ruleSets();
    DistributionService runs = services.runs();
    RegistryService registry = services.registry();
    MonitoringService monitoring = services.monitoring();
    ProcurementService procurement = services.procurement();
    pages.signedIn(HttpMethod.GET, PATH, REGULATOR, visit -> {
      int year = BusinessClock.of(visit.ctx()).today().getYear();
      LocalDate today = BusinessClock.of(visit.ctx()).today();
      return runs.awaitingApproval(visit.caller(), RUNS_LISTED)
          .compose(awaiting -> monitoring.openAlerts(visit.caller(), year).map(open -> {
            List<RunRow> rows = awaiting.stream().map(a -> row(a, ruleSets, today)).toList();
            return render(pages, "regulator.jte", new Home(visit.caller().username(), visit.csrf(),
                notice(visit.ctx().queryParams().get("done")), rows, open), 200);
          }));
    });
    pages.signedIn(HttpMethod.GET, PATH + "/runs/:id", REGULATOR, visit ->
        run(pages, services, visit, runId(visit), "", null, null, 200));
    pages.signedIn(HttpMethod.POST, PATH + "/runs/:id/approve", REGULATOR, visit -> {
      long id = runId(visit);
      return runs.approve(visit.caller(), id).map(v -> Pages.Page.redirect(PATH + "?done=approved"))
          .recover(failure -> stale(pages, services, visit, id, failure));
    });
    pages.signedIn(HttpMethod.POST, PATH + "/runs/:id/reject", REGULATOR, visit -> {
      long id = runId(visit);
      String reason = visit.form("reason") == null ? "" : visit.form("reason").strip();
      int length = reason.codePointCount(0, reason.length());
      if (length == 0 || length > DistributionService.MAX_OBJECTION_CHARS) {
        return run(pages, services, visit, id, reason,
            length == 0 ? "请写明退回的理由，合作社要据此修改。" : "理由最多写 500 个字。", null, 400);
      }
      return runs.reject(visit.caller(), id, reason).map(v -> Pages.Page.redirect(PATH + "?done=rejected"))
          .recover(failure -> stale(pages, services, visit, id, failure));
    });
    pages.signedIn(HttpMethod.GET, PATH + "/households", REGULATOR, visit -> {
      String q = visit.ctx().queryParams().get("q");
      if (q == null) {
        return Future.succeededFuture(render(pages, "regulator-households.jte",
            new Search(visit.caller().username(), visit.csrf(), "", null, List.of(), false), 200));
      }
      try {
        return registry.searchHouseholds(visit.caller(), q).map(found -> render(pages, "regulator-households.jte",
            new Search(visit.caller().username(), visit.csrf(), q.strip(), null,
                found.stream().map(RegulatorPage::householdRow).toList(), true), 200));
      } catch (Problem p) {
        if (p.status() != 400) {
          throw p;
        }
        return Future.succeededFuture(render(pages, "regulator-households.jte", new Search(visit.caller().username(),
            visit.csrf(), q.length() > 30 ? q.substring(0, 30) : q, "请输入户主姓名或身份证号里的几位数字（最多 30 个字）。",
            List.of(), false), 400));
      }
    });
    pages.signedIn(HttpMethod.GET, PATH + "/households/:id", REGULATOR, visit -> householdPage(pages, services,
        visit, pathId(visit, "household"), householdNotice(visit.ctx().queryParams().get("done")),
        MeasureForm.blank(BusinessClock.of(visit.ctx()).today()), null, 200));
    pages.signedIn(HttpMethod.POST, PATH + "/households/:id/measures", REGULATOR, visit -> {
      long id = pathId(visit, "household");
      MeasureForm typed = new MeasureForm(field(visit, "department"), field(visit, "kind"), field(visit, "amount"),
          field(visit, "start"), field(visit, "end"), field(visit, "note"), null, null);
      try {
        JsonObject json = new JsonObject().put("department", typed.department()).put("kind", typed.kind())
            .put("amountFen", typed.amount().isEmpty() ? 0 : cn.bangfu.coop.CoopPage.fen(typed.amount()))
            .put("start", typed.start()).put("end", typed.end());
        if (!typed.note().isEmpty()) {
          json.put("note", typed.note());
        }
        if (typed.department().isEmpty()) {
          json.remove("department");
        }
        var measure = cn.bangfu.monitoring.MonitoringRoutes.newMeasure(
            Body.wrap(json, "", BusinessClock.of(visit.ctx())));
        return monitoring.recordMeasure(visit.caller(), id, measure)
            .map(done -> Pages.Page.redirect(PATH + "/households/" + id + "?done=measure"));
      } catch (Problem p) {
        if (p.status() != 400 || p.field() == null) {
          throw p;
        }
        String field = p.field().equals("price") || p.field().equals("amountFen") ? "amount" : p.field();
        return householdPage(pages, services, visit, id, null, typed.refused(field, measureError(field)), null, 400);
      }
    });
    pages.signedIn(HttpMethod.POST, PATH + "/households/:id/closure", REGULATOR, visit -> {
      long id = pathId(visit, "household");
      String note = field(visit, "note");
      if (note.isEmpty() || note.length() > 1000) {
        return householdPage(pages, services, visit, id, null, MeasureForm.blank(BusinessClock.of(visit.ctx()).today()),
            "请写明风险怎样消除了（例如：医疗救助已到位，家庭收入已恢复），最多 1000 字。", 400);
      }
      return monitoring.close(visit.caller(), id, note)
          .map(done -> Pages.Page.redirect(PATH + "/households/" + id + "?done=closed"));
    });
    pages.signedIn(HttpMethod.GET, PATH + "/alerts", REGULATOR, visit -> {
      int year = BusinessClock.of(visit.ctx()).today().getYear();
      String raw = visit.ctx().queryParams().get("kind");
      AlertKind kind = null;
      if (raw != null && !raw.isEmpty()) {
        try {
          kind = AlertKind.valueOf(raw);
        } catch (IllegalArgumentException e) {
          throw Problem.badRequest("kind", "kind must be one of " + List.of(AlertKind.values()));
        }
      }
      String chosen = kind == null ? "" : kind.name();
      return monitoring.alerts(visit.caller(), null, kind, year, AlertStatus.OPEN, ALERTS_LISTED, 0).map(alerts -> {
        Map<String, String> kinds = new java.util.LinkedHashMap<>();
        for (AlertKind k : AlertKind.values()) {
          kinds.put(k.name(), MonitoringExport.kind(k));
        }
        List<AlertRow> rows = alerts.stream().map(a -> new AlertRow(a.getString("householdId"),
            MonitoringExport.kind(AlertKind.valueOf(a.getString("kind"))), a.getString("detail"),
            a.getString("since") == null ? "" : ChineseText.date(LocalDate.parse(a.getString("since").substring(0, 10)))))
            .toList();
        return render(pages, "regulator-alerts.jte", new Alerts(visit.caller().username(), visit.csrf(), year, chosen,
            kinds, rows), 200);
      });
    });
    pages.signedIn(HttpMethod.GET, PATH + "/alerts.xlsx", REGULATOR, visit -> {
      int year = BusinessClock.of(visit.ctx()).today().getYear();
      return monitoring.export(visit.caller(), null, year)
          .map(bytes -> download(visit, bytes, "monitoring-" + year + ".xlsx"));
    });
    pages.signedIn(HttpMethod.GET, PATH + "/procurement", REGULATOR, visit -> {
      int year = BusinessClock.of(visit.ctx()).today().getYear();
      return procurement.region(visit.caller(), visit.caller().scopeId(), year, BUYERS_LISTED, 0)
          .map(json -> render(pages, "regulator-procurement.jte", procurement(visit, year, json), 200));
    });
    pages.signedIn(HttpMethod.GET, PATH + "/procurement.xlsx", REGULATOR, visit -> {
      int year = BusinessClock.of(visit.ctx()).today().getYear();
      return procurement.region(visit.caller(), visit.caller().scopeId(), year, BUYERS_LISTED, 0)
          .map(json -> download(visit, ProcurementWorkbook.of(year, slowestFirst(json.getJsonArray("buyers"))),
              "procurement-" + year + ".xlsx"));
    });
  }

  private static RunRow row(Awaiting a, RuleSetCatalog ruleSets, LocalDate today) {
    DistributionRunRecord r = a.run();
    return new RunRow(Long.toString(r.getId()), a.cooperative(), ruleSetName(ruleSets, r), period(r),
        ChineseText.yuan(r.getPoolFen()), r.getLineCount(), ChineseText.date(r.getPublicityEnd()),
        today.isAfter(r.getPublicityEnd()), a.openObjections());
  }

  private static Future<Pages.Page> run(Pages pages, Services services, Pages.Visit visit, long id, String reason, String reasonError, String error, int status) {
    LocalDate today = BusinessClock.of(visit.ctx()).today();
    DistributionService runs = services.runs();
    RuleSetCatalog ruleSets = services.ruleSets();
    return runs.view(visit.caller(), id, 0, 0).compose(view -> runs.objections(visit.caller(), id, null,
        OBJECTIONS_LISTED, 0).compose(page -> services.registry().cooperative(visit.caller(),
        view.run().getCooperativeId()).map(coop -> {
          DistributionRunRecord r = view.run();
          String cooperative = coop.getName();
          int open = page.counts().getOrDefault(ObjectionStatus.OPEN, 0);
          boolean publicized = r.getStatus() == RunStatus.PUBLICIZED;
          boolean ended = publicized && today.isAfter(r.getPublicityEnd());
          String why = !publicized ? null
              : !ended ? "公示到" + ChineseText.date(r.getPublicityEnd()) + "，期满后才能审批。"
              : open > 0 ? "还有 " + open + " 条异议没有答复，答复或驳回后才能审批。" : null;
          List<Objection> objections = page.items().stream().map(RegulatorPage::objection).toList();
          Run run = new Run(visit.caller().username(), visit.csrf(), Long.toString(r.getId()), cooperative,
              ruleSetName(ruleSets, r), period(r), PlainWords.RUN_STATUS.get(r.getStatus()),
              ChineseText.yuan(r.getRevenueFen()), ChineseText.yuan(r.getCostFen()), ChineseText.yuan(r.getPoolFen()),
              r.getLineCount(), r.getPublicityEnd() == null ? null : ChineseText.date(r.getPublicityEnd()), objections,
              open, publicized, ended && open == 0, why, reason, reasonError, error);
          return render(pages, "regulator-run.jte", run, status);
        })));
  }

  /** A click on a run that moved on (another tab, a colleague) or not yet ready: the run as it is, and why. */
  private static Future<Pages.Page> stale(Pages pages, Services services, Pages.Visit visit, long id,
      Throwable failure) {
    if (failure instanceof Problem p && p.status() == 409) {
      return run(pages, services, visit, id, "", null, "这一步现在做不了：这笔分配的状态已经变了，或者还不满足审批条件。", 409);
    }
    return Future.failedFuture(failure);
  }

  private static Objection objection(DistributionObjectionRecord o) {
    String status = switch (o.getStatus()) {
      case OPEN -> "待答复";
      case ANSWERED -> "已答复";
      case DISMISSED -> "已驳回";
    };
    String answer = o.getAnswer() != null ? o.getAnswer() : o.getDismissalReason();
    return new Objection(o.getText(), status, answer);
  }

  private static HouseholdRow householdRow(HouseholdRecord h) {
    return new HouseholdRow(Long.toString(h.getId()), Masking.name(h.getName()), h.getIdNumberMasked(),
        h.getRegionCode(), MonitoringExport.status(h.getStatus()));
  }

  private static Future<Pages.Page> householdPage(Pages pages, Services services, Pages.Visit visit, long id,
      String notice, MeasureForm form, String closureError, int status) {
    int year = BusinessClock.of(visit.ctx()).today().getYear();
    return services.registry().household(visit.caller(), id).compose(view -> services.monitoring()
        .income(visit.caller(), id, year).compose(income -> services.monitoring().chain(visit.caller(), id)
            .map(chain -> render(pages, "regulator-household.jte",
                household(visit, view.household(), year, income, chain, notice, form, closureError), status))));
  }

  private static String measureError(String field) {
    return switch (field) {
      case "department" -> "请填写实施帮扶的部门，例如“县民政局”。";
      case "kind" -> "请选择帮扶类型。";
      case "amount" -> "金额请填元，最多两位小数；没有金额就空着。";
      case "start" -> "开始日期要写成 2026-12-01 这样。";
      case "end" -> "结束日期要写成 2026-12-31 这样，不能早于开始日期。";
      case "note" -> "说明最多 1000 字。";
      default -> "这一项填得不对，请检查。";
    };
  }

  private static String householdNotice(String done) {
    if (done == null) {
      return null;
    }
    return switch (done) {
      case "measure" -> "帮扶措施已记入帮扶链，农户在自己的页面上也能看到。";
      case "closed" -> "已记为风险消除。";
      default -> null;
    };
  }

  private static String field(Pages.Visit visit, String name) {
    String value = visit.form(name);
    return value == null ? "" : value.strip();
  }

  private static Household household(Pages.Visit visit, HouseholdRecord h, int year, JsonObject income,
      JsonObject chain, String notice, MeasureForm form, String closureError) {
    List<Income> sources = new ArrayList<>();
    for (Object o : income.getJsonArray("sources", new JsonArray())) {
      JsonObject s = (JsonObject) o;
      sources.add(new Income(INCOME_KINDS.getOrDefault(s.getString("kind"), s.getString("kind")),
          ChineseText.yuan(s.getLong("amountFen"))));
    }
    List<ChainItem> items = new ArrayList<>();
    for (Object o : chain.getJsonArray("items", new JsonArray())) {
      items.add(chainItem((JsonObject) o));
    }
    Map<String, String> kinds = new java.util.LinkedHashMap<>();
    for (cn.bangfu.monitoring.AssistanceKind k : cn.bangfu.monitoring.AssistanceKind.values()) {
      kinds.put(k.name(), k.zh());
    }
    return new Household(visit.caller().username(), visit.csrf(), Long.toString(h.getId()), Masking.name(h.getName()),
        h.getIdNumberMasked(), MonitoringExport.status(h.getStatus()), h.getMembers(), year,
        ChineseText.yuan(income.getLong("totalFen")), ChineseText.yuan(income.getLong("perCapitaFen")), sources, items,
        "CLOSED".equals(chain.getString("state")) ? "风险已消除" : "跟踪中", notice, form, kinds, closureError);
  }

  private static final Map<String, String> INCOME_KINDS = Map.of(
      HouseholdIncomeQueries.DIVIDEND, "按股分红", HouseholdIncomeQueries.REBATE, "按交易额返还",
      HouseholdIncomeQueries.GUARANTEED_DIVIDEND, "保底分红", HouseholdIncomeQueries.WAGES, "工资和公益岗位",
      HouseholdIncomeQueries.LAND_RENT, "土地租金", HouseholdIncomeQueries.PRODUCE_PAID, "交售农产品的货款",
      HouseholdIncomeQueries.ASSISTANCE, "帮扶救助");

  private static final Map<String, String> STEPS = Map.of("STATUS_CHANGE", "户类型变更", "ALERT", "发出预警",
      "ALERT_ENDED", "预警结束", "EVENT", "风险事件", "MEASURE", "帮扶措施", "REFERRAL", "转办",
      "FOLLOW_UP", "跟进", "CLOSURE", "风险消除");

  private static ChainItem chainItem(JsonObject item) {
    String step = item.getString("step", "");
    StringBuilder detail = new StringBuilder();
    if (item.getString("kind") != null) {
      detail.append(chainKind(step, item.getString("kind")));
    }
    if (item.getString("department") != null) {
      detail.append(detail.isEmpty() ? "" : "，").append(item.getString("department"));
    }
    if (item.getValue("amountFen") instanceof Number fen) {
      detail.append(detail.isEmpty() ? "" : "，").append(ChineseText.yuan(fen.longValue())).append(" 元");
    }
    if (item.getString("detail") != null) {
      detail.append(detail.isEmpty() ? "" : "：").append(item.getString("detail"));
    }
    if (item.getString("dueOn") != null) {
      detail.append("，限 ").append(ChineseText.date(LocalDate.parse(item.getString("dueOn")))).append(" 前办结")
          .append(Boolean.TRUE.equals(item.getBoolean("overdue")) ? "（已超期）" : "");
    }
    if (item.getString("note") != null) {
      detail.append(detail.isEmpty() ? "" : "。").append(item.getString("note"));
    }
    if (item.getString("status") != null && "STATUS_CHANGE".equals(step)) {
      detail.append(detail.isEmpty() ? "" : "，").append(MonitoringExport.status(
          HouseholdStatus.valueOf(item.getString("status"))));
    }
    String at = item.getString("at");
    return new ChainItem(at == null ? "" : ChineseText.date(LocalDate.parse(at.substring(0, 10))),
        STEPS.getOrDefault(step, step), detail.toString(), item.getString("byName", ""));
  }

  private static String chainKind(String step, String kind) {
    try {
      return switch (step) {
        case "ALERT", "ALERT_ENDED" -> MonitoringExport.kind(AlertKind.valueOf(kind));
        case "MEASURE" -> cn.bangfu.monitoring.AssistanceKind.valueOf(kind).zh();
        default -> kind;
      };
    } catch (IllegalArgumentException e) {
      return kind;
    }
  }

  private static Procurement procurement(Pages.Visit visit, int year, JsonObject json) {
    List<BuyerRow> rows = slowestFirst(json.getJsonArray("buyers")).stream().map(b -> new BuyerRow(
        b.getString("name"), ChineseText.yuan(b.getLong("reservedTargetFen")), ChineseText.yuan(b.getLong("purchasedFen")),
        percent(b.getValue("percentOfTarget")), b.getInteger("settledOrders"))).toList();
    return new Procurement(visit.caller().username(), visit.csrf(), year, ChineseText.yuan(json.getLong("reservedTargetFen")),
        ChineseText.yuan(json.getLong("purchasedFen")), percent(json.getValue("percentOfTarget")), rows);
  }

  /** The 832 platform's 采购执行统计 order: the unit furthest from its reserved share first; no target last. */
  static List<JsonObject> slowestFirst(JsonArray buyers) {
    List<JsonObject> list = new ArrayList<>();
    buyers.forEach(o -> list.add((JsonObject) o));
    list.sort(Comparator.comparing((JsonObject b) -> percentOf(b.getValue("percentOfTarget")),
        Comparator.nullsLast(Comparator.naturalOrder())));
    return list;
  }

  private static BigDecimal percentOf(Object value) {
    return value == null ? null : new BigDecimal(value.toString());
  }

  private static String percent(Object value) {
    return value == null ? "未设目标" : percentOf(value).setScale(1, java.math.RoundingMode.HALF_UP) + "%";
  }

  private static Pages.Page download(Pages.Visit visit, byte[] bytes, String filename) {
    // a download, not a page: answered here, so Pages leaves the ended response alone
    visit.ctx().response().putHeader("Content-Type", MonitoringExport.CONTENT_TYPE)
        .putHeader("Content-Disposition", "attachment; filename=\"" + filename + "\"")
        .end(io.vertx.core.buffer.Buffer.buffer(bytes));
    return Pages.Page.ok("");
  }

  private static String ruleSetName(RuleSetCatalog ruleSets, DistributionRunRecord r) {
    return ruleSets.find(r.getRuleSetId()).map(RuleSet::nameZh).orElse(r.getRuleSetId());
  }

  private static String period(DistributionRunRecord run) {
    return ChineseText.date(run.getPeriodStart()) + "至" + ChineseText.date(run.getPeriodEnd());
  }

  private static String notice(String done) {
    if (done == null) {
      return null;
    }
    return switch (done) {
      case "approved" -> "已审批。合作社现在可以入账并发放。";
      case "rejected" -> "已退回合作社，并附上了理由；合作社改好后会重新公示。";
      default -> null;
    };
  }

  private static long runId(Pages.Visit visit) {
    return pathId(visit, "distribution run");
  }

  private static long pathId(Pages.Visit visit, String what) {
    Long id = Body.parseId(visit.ctx().pathParam("id"));
    if (id == null) {
      throw Problem.badRequest("id", what + " id must be a string of digits");
    }
    return id;
  }

  private static Pages.Page render(Pages pages, String template, Object view, int status) {
    Map<String, Object> params = new HashMap<>();
    params.put("view", view);
    return Pages.Page.of(status, pages.render(template, params));
  }
}
