package cn.bangfu.coop;

import cn.bangfu.db.tables.records.DistributionLineRecord;
import cn.bangfu.db.tables.records.DistributionRunRecord;
import cn.bangfu.distribution.DistributionService;
import cn.bangfu.distribution.DraftJobs;
import cn.bangfu.distribution.DraftProgress;
import cn.bangfu.distribution.PayoutFile;
import cn.bangfu.distribution.PlainWords;
import cn.bangfu.distribution.RunStatus;
import cn.bangfu.identity.Role;
import cn.bangfu.platform.Body;
import cn.bangfu.platform.BusinessClock;
import cn.bangfu.platform.ChineseText;
import cn.bangfu.platform.Problem;
import cn.bangfu.rules.load.RuleSetCatalog;
import cn.bangfu.rules.model.FixedRecipient;
import cn.bangfu.rules.model.RuleSet;
import cn.bangfu.web.Pages;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The distribution wizard of {@code /coop} (issue 16): pick a rule set and a period → the draft's preview
 * (pool, steps, each household's line with its explanation, warnings and exclusions) → publicize (公示) →
 * after the publicity and the regulator's approval (through the API or the regulator's page) → post →
 * the payout file. Drafting, publicizing, posting and the file are the API's services, called with the
 * signed-in accountant, so the same rules, scopes and status checks apply.
 */
public final class DistributionWizard {
  static final String PATH = "/coop/distributions";
  /** Lines shown on the preview; the public notice and the payout file hold every line. */
  static final int PREVIEW_LINES = 500;
  private static final int RUNS_LISTED = 50;
  /** Longest answer to an objection, as the API takes it. */
  private static final int MAX_ANSWER_CHARS = 2000;
  private static final int OBJECTIONS_LISTED = 100;

  private DistributionWizard() {
  }

  public record RunRow(String id, String ruleSet, String period, String status, String pool) {
  }

  /** The draft form as typed, with the Chinese message for the field refused. */
  public record DraftForm(String ruleSetId, String periodStart, String periodEnd, String errorField, String error) {
    public String errorFor(String field) {
      return field.equals(errorField) ? error : null;
    }
  }

  public record Start(String user, String csrf, Map<String, String> ruleSets, DraftForm form, List<RunRow> runs,
      List<Drafting> drafting) {
  }

  /** A draft still being worked out, as its progress page and the wizard's first page show it. */
  public record Drafting(String user, String csrf, String id, String ruleSet, String period, int percent,
      String stage) {
  }

  public record Step(String name, String how, String amount) {
  }

  public record Line(String household, String kind, String amount, String explanation) {
  }

  /** An objection still waiting for the cooperative's answer. */
  public record OpenObjection(String id, String text, String raised) {
  }

  public record Run(String user, String csrf, String id, String ruleSet, String period, String status, String revenue,
      String cost, String pool, String poolExplanation, List<Step> steps, List<Line> lines, int lineCount,
      List<String> warnings, List<String> exclusions, String publicityEnd, int openObjections,
      boolean draft, boolean publicized, boolean approved, boolean posted, boolean paid, int minDays,
      String notice, String error, List<OpenObjection> objections, String rejection, String today) {
  }

  public static void mount(Pages pages, RuleSetCatalog ruleSets, DraftJobs jobs, DistributionService runs,
      PayoutFile payouts) {
    Set<Role> coop = Set.of(Role.COOP);
    pages.signedIn(HttpMethod.GET, PATH, coop, visit -> {
      LocalDate today = BusinessClock.of(visit.ctx()).today();
      LocalDate monthStart = today.withDayOfMonth(1).minusMonths(1);
      return start(pages, ruleSets, runs, jobs, visit, new DraftForm("", monthStart.toString(),
          monthStart.plusMonths(1).minusDays(1).toString(), null, null), 200);
    });
    pages.signedIn(HttpMethod.POST, PATH, coop, visit -> {
      DraftForm typed = new DraftForm(field(visit, "ruleSetId"), field(visit, "periodStart"), field(visit, "periodEnd"),
          null, null);
      try {
        if (typed.ruleSetId().isEmpty()) {
          throw Problem.badRequest("ruleSetId", "ruleSetId is required");
        }
        LocalDate from = date(typed.periodStart(), "periodStart");
        LocalDate to = date(typed.periodEnd(), "periodEnd");
        // a job: a large cooperative's draft takes minutes, its page shows the progress and survives a reload
        return jobs.start(visit.caller(), visit.caller().scopeEntityId(), typed.ruleSetId(), from, to)
            .map(job -> Pages.Page.redirect(PATH + "/jobs/" + job))
            .recover(failure -> refused(pages, ruleSets, runs, jobs, visit, typed, failure));
      } catch (Problem p) {
        return refused(pages, ruleSets, runs, jobs, visit, typed, p);
      }
    });
    pages.signedIn(HttpMethod.GET, PATH + "/jobs/:id", coop, visit -> {
      Long id = Body.parseId(visit.ctx().pathParam("id"));
      if (id == null) {
        throw Problem.badRequest("id", "draft job id must be a string of digits");
      }
      return jobs.view(visit.caller(), id).compose(job -> job(pages, ruleSets, runs, jobs, visit, job));
    });
    pages.signedIn(HttpMethod.GET, PATH + "/:id", coop, visit ->
        run(pages, ruleSets, runs, visit, runId(visit), notice(visit.ctx().queryParams().get("done")), null, 200));
    pages.signedIn(HttpMethod.POST, PATH + "/:id/publicize", coop, visit -> {
      long id = runId(visit);
      String days = field(visit, "days");
      if (!days.matches("[0-9]{1,4}") || Integer.parseInt(days) < runs.minPublicityDays()) {
        return run(pages, ruleSets, runs, visit, id, null,
            "公示天数请填整数，至少 " + runs.minPublicityDays() + " 天。", 400);
      }
      return step(pages, ruleSets, runs, visit, id, runs.publicize(visit.caller(), id, Long.parseLong(days)),
          "publicized", "只有草稿才能开始公示。");
    });
    pages.signedIn(HttpMethod.POST, PATH + "/:id/post", coop, visit -> {
      long id = runId(visit);
      return step(pages, ruleSets, runs, visit, id, runs.post(visit.caller(), id), "posted",
          "要等公示期满、监管部门审批以后才能入账。");
    });
    pages.signedIn(HttpMethod.POST, PATH + "/:id/objections/:objectionId/answer", coop, visit -> {
      long id = runId(visit);
      Long objection = Body.parseId(visit.ctx().pathParam("objectionId"));
      if (objection == null) {
        throw Problem.badRequest("objectionId", "objection id must be a string of digits");
      }
      String answer = field(visit, "answer");
      if (answer.isEmpty() || answer.codePointCount(0, answer.length()) > MAX_ANSWER_CHARS) {
        return run(pages, ruleSets, runs, visit, id, null, answer.isEmpty() ? "请写下给提异议村民的答复，再点“答复”。"
            : "答复最多写 " + MAX_ANSWER_CHARS + " 个字。", 400);
      }
      return step(pages, ruleSets, runs, visit, id, runs.answer(visit.caller(), id, objection, answer)
          .map(changed -> null), "answered", "这条异议已经答复过或已被监管部门驳回。");
    });
    pages.signedIn(HttpMethod.POST, PATH + "/:id/paid", coop, visit -> {
      long id = runId(visit);
      LocalDate today = BusinessClock.of(visit.ctx()).today();
      LocalDate paidOn;
      try {
        paidOn = LocalDate.parse(field(visit, "paidOn"));
      } catch (DateTimeParseException e) {
        return run(pages, ruleSets, runs, visit, id, null, "发放日期要写成 " + today + " 这样。", 400);
      }
      if (paidOn.isAfter(today)) {
        return run(pages, ruleSets, runs, visit, id, null, "发放日期不能晚于今天。", 400);
      }
      return step(pages, ruleSets, runs, visit, id, runs.markPaid(visit.caller(), id, paidOn), "paid",
          "只有已入账的分配才能记为已发放。");
    });
    pages.signedIn(HttpMethod.GET, PATH + "/:id/payout", coop, visit -> {
      long id = runId(visit);
      return payouts.csv(visit.caller(), id).map(file -> {
        // a download, not a page: answered here, so Pages leaves the ended response alone
        visit.ctx().response().putHeader("Content-Type", "text/csv; charset=utf-8")
            .putHeader("Content-Disposition", "attachment; filename=\"payout-" + id + ".csv\"").end(file);
        return Pages.Page.ok("");
      });
    });
  }

  private static Future<Pages.Page> step(Pages pages, RuleSetCatalog ruleSets, DistributionService runs,
      Pages.Visit visit, long id, Future<?> change, String done, String when) {
    return change.map(view -> Pages.Page.redirect(PATH + "/" + id + "?done=" + done)).recover(failure -> {
      // a run not at this step (another tab, approval still missing): the run as it is, with the reason
      if (failure instanceof Problem p && (p.status() == 409 || p.status() == 422)) {
        return run(pages, ruleSets, runs, visit, id, null, "现在不能做这一步：" + when, 409);
      }
      return Future.failedFuture(failure);
    });
  }

  private static String notice(String done) {
    if (done == null) {
      return null;
    }
    return switch (done) {
      case "publicized" -> "已开始公示。请把公示打印贴到村务公开栏；公示期满、监管部门审批后就可以入账。";
      case "posted" -> "已入账。现在可以下载发放清单，交给银行或村里发放。";
      case "answered" -> "已答复。提异议的村民和监管部门都能看到答复。";
      case "paid" -> "已记为发放。农户在自己的页面上能看到“已发放”。";
      default -> null;
    };
  }

  private static long runId(Pages.Visit visit) {
    Long id = Body.parseId(visit.ctx().pathParam("id"));
    if (id == null) {
      throw Problem.badRequest("id", "distribution run id must be a string of digits");
    }
    return id;
  }

  private static String field(Pages.Visit visit, String name) {
    String value = visit.form(name);
    return value == null ? "" : value.strip();
  }

  private static LocalDate date(String raw, String field) {
    if (raw.isEmpty()) {
      throw Problem.badRequest(field, field + " is required");
    }
    try {
      return LocalDate.parse(raw);
    } catch (DateTimeParseException e) {
      throw Problem.badRequest(field, field + " must be a date YYYY-MM-DD");
    }
  }

  /**
   * A job's page: a finished draft opens its preview; a refused one brings back the form as typed, the
   * reason beside its field; a running one shows how far it is and looks again every few seconds by
   * itself (a meta refresh: no JavaScript needed).
   */
  private static Future<Pages.Page> job(Pages pages, RuleSetCatalog ruleSets, DistributionService runs, DraftJobs jobs,
      Pages.Visit visit, DraftJobs.Job job) {
    if (job.status() == DraftProgress.JobStatus.DONE) {
      return Future.succeededFuture(Pages.Page.redirect(PATH + "/" + job.runId()));
    }
    if (job.status() == DraftProgress.JobStatus.FAILED || job.interrupted()) {
      DraftForm typed = new DraftForm(job.ruleSetId(), job.periodStart().toString(), job.periodEnd().toString(),
          null, null);
      if (job.interrupted() || job.errorHttpCode() == null || job.errorHttpCode() >= 500) {
        return start(pages, ruleSets, runs, jobs, visit, new DraftForm(typed.ruleSetId(), typed.periodStart(),
            typed.periodEnd(), null, "上次没有算完（服务器中途停了）。请再点一次“算出草稿”。"), 200);
      }
      return refused(pages, ruleSets, runs, jobs, visit, typed,
          new Problem(job.errorHttpCode(), "draft-refused", "Draft refused", job.errorMessage(), job.errorField()));
    }
    Map<String, Object> params = new HashMap<>();
    params.put("view", drafting(visit, ruleSets, job));
    return Future.succeededFuture(Pages.Page.of(200, pages.render("coop-draft-job.jte", params)));
  }

  private static Drafting drafting(Pages.Visit visit, RuleSetCatalog ruleSets, DraftJobs.Job job) {
    String ruleSet = ruleSets.find(job.ruleSetId()).map(RuleSet::nameZh).orElse(job.ruleSetId());
    String period = ChineseText.date(job.periodStart()) + "至" + ChineseText.date(job.periodEnd());
    return new Drafting(visit.caller().username(), visit.csrf(), Long.toString(job.id()), ruleSet, period,
        percent(job.stage(), job.done(), job.total()), stage(job.stage(), job.done(), job.total()));
  }

  /** Reading and allocating are quick beside writing thousands of lines with their explanations: the bar is mostly the writing. */
  static int percent(DraftProgress.Stage stage, int done, int total) {
    return switch (stage) {
      case GATHERING -> 5;
      case ALLOCATING -> 15;
      case WRITING -> 20 + (total == 0 ? 80 : (int) (80L * done / total));
    };
  }

  static String stage(DraftProgress.Stage stage, int done, int total) {
    return switch (stage) {
      case GATHERING -> "正在读取这一期的销售、收入、成本和成员的股份……";
      case ALLOCATING -> total == 0 ? "正在按分配办法计算……"
          : String.format("正在按分配办法计算 %,d 户成员各分多少……", total);
      case WRITING -> String.format("正在保存每一笔的金额和说明：已保存 %,d 笔，共 %,d 笔。", done, total);
    };
  }

  private static Future<Pages.Page> refused(Pages pages, RuleSetCatalog ruleSets, DistributionService runs,
      DraftJobs jobs, Pages.Visit visit, DraftForm typed, Throwable failure) {
    if (failure instanceof Problem p && (p.status() == 400 || p.status() == 409) && p.field() != null) {
      String message = switch (p.field()) {
        case "ruleSetId" -> "请选择分配办法。";
        case "periodStart" -> p.status() == 409 ? "这一年已经结账，请选结账以后的期间。" : "开始日期要写成 2026-08-01 这样。";
        case "periodEnd" -> p.status() == 409 ? "这一年已经结账，请选结账以后的期间。"
            : p.getMessage() != null && p.getMessage().contains("before") ? "结束日期不能早于开始日期。"
            : p.getMessage() != null && p.getMessage().contains("five") ? "一期最长五年。"
            : "结束日期要写成 2026-08-31 这样。";
        default -> "这一项填得不对，请检查。";
      };
      return start(pages, ruleSets, runs, jobs, visit,
          new DraftForm(typed.ruleSetId(), typed.periodStart(), typed.periodEnd(), p.field(), message), p.status());
    }
    return Future.failedFuture(failure);
  }

  private static Future<Pages.Page> start(Pages pages, RuleSetCatalog ruleSets, DistributionService runs,
      DraftJobs jobs, Pages.Visit visit, DraftForm form, int status) {
    return runs.runsOf(visit.caller(), RUNS_LISTED).compose(rows -> jobs.runningOf(visit.caller(),
        visit.caller().scopeEntityId()).map(running -> {
      Map<String, String> names = new LinkedHashMap<>();
      for (RuleSet ruleSet : ruleSets.all()) {
        names.put(ruleSet.id(), ruleSet.nameZh());
      }
      List<RunRow> list = rows.stream().map(r -> new RunRow(Long.toString(r.getId()),
          names.getOrDefault(r.getRuleSetId(), r.getRuleSetId()), period(r), PlainWords.RUN_STATUS.get(r.getStatus()),
          ChineseText.yuan(r.getPoolFen()))).toList();
      Map<String, Object> params = new HashMap<>();
      params.put("view", new Start(visit.caller().username(), visit.csrf(), names, form, list,
          running.stream().map(job -> drafting(visit, ruleSets, job)).toList()));
      return Pages.Page.of(status, pages.render("coop-distributions.jte", params));
    }));
  }

  private static Future<Pages.Page> run(Pages pages, RuleSetCatalog ruleSets, DistributionService runs,
      Pages.Visit visit, long id, String notice, String error, int status) {
    return runs.preview(visit.caller(), id, PREVIEW_LINES, 0).compose(preview -> runs.objections(visit.caller(), id,
        cn.bangfu.distribution.ObjectionStatus.OPEN, OBJECTIONS_LISTED, 0).map(waiting -> {
      DistributionRunRecord run = preview.view().run();
      JsonObject summary = new JsonObject(run.getResultJson());
      List<Step> steps = new ArrayList<>();
      for (Object o : summary.getJsonArray("steps", new JsonArray())) {
        JsonObject s = (JsonObject) o;
        steps.add(new Step(s.getString("nameZh"), PlainWords.basis(s.getString("basis")),
            ChineseText.yuan(s.getLong("amountFen", 0L))));
      }
      List<String> warnings = new ArrayList<>();
      List<String> exclusions = new ArrayList<>();
      for (Object o : summary.getJsonArray("warnings", new JsonArray())) {
        JsonObject w = (JsonObject) o;
        String household = w.getString("householdId") == null ? null
            : preview.names().get(Long.parseLong(w.getString("householdId")));
        String text = (household == null ? "" : household + "：") + w.getString("messageZh");
        warnings.add(text);
      }
      List<Line> lines = new ArrayList<>();
      for (DistributionLineRecord line : preview.view().lines()) {
        String who = line.getHouseholdId() == null ? recipient(line.getRecipient())
            : preview.names().getOrDefault(line.getHouseholdId(), "");
        if (line.getAmountFen() == 0 && line.getHouseholdId() != null) {
          // an excluded household (失信, 过渡期满 …): its line says why it gets nothing from the step
          exclusions.add(who + "：" + line.getExplanationZh());
        } else {
          lines.add(new Line(who, PlainWords.kind(line.getStepId(), line.getBasis()),
              ChineseText.yuan(line.getAmountFen()), line.getExplanationZh()));
        }
      }
      RunStatus s = run.getStatus();
      String ruleSet = ruleSets.find(run.getRuleSetId()).map(RuleSet::nameZh).orElse(run.getRuleSetId());
      int open = preview.view().objections().getOrDefault(cn.bangfu.distribution.ObjectionStatus.OPEN, 0);
      Run view = new Run(visit.caller().username(), visit.csrf(), Long.toString(run.getId()), ruleSet, period(run),
          PlainWords.RUN_STATUS.get(s), ChineseText.yuan(run.getRevenueFen()), ChineseText.yuan(run.getCostFen()),
          ChineseText.yuan(run.getPoolFen()), summary.getString("poolExplanationZh"), steps, lines,
          run.getLineCount(), warnings, exclusions,
          run.getPublicityEnd() == null ? null : ChineseText.date(run.getPublicityEnd()), open,
          s == RunStatus.DRAFT, s == RunStatus.PUBLICIZED, s == RunStatus.APPROVED, s == RunStatus.POSTED,
          run.getPaidAt() != null, runs.minPublicityDays(), notice, error,
          waiting.items().stream().map(o -> new OpenObjection(Long.toString(o.getId()), o.getText(),
              ChineseText.date(o.getRaisedAt().toLocalDate()))).toList(),
          s == RunStatus.REJECTED ? run.getRejectionReason() : null,
          BusinessClock.of(visit.ctx()).today().toString());
      Map<String, Object> params = new HashMap<>();
      params.put("view", view);
      return Pages.Page.of(status, pages.render("coop-run.jte", params));
    }));
  }

  /** A line paid to a fixed recipient (村集体, 公积金, 经营主体) rather than a household. */
  private static String recipient(String code) {
    for (FixedRecipient fixed : FixedRecipient.values()) {
      if (fixed.name().equals(code)) {
        return fixed.nameZh();
      }
    }
    return "合作社";
  }

  private static String period(DistributionRunRecord run) {
    return ChineseText.date(run.getPeriodStart()) + "至" + ChineseText.date(run.getPeriodEnd());
  }
}
