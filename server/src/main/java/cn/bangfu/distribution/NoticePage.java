package cn.bangfu.distribution;

import cn.bangfu.db.tables.records.DistributionRunRecord;
import cn.bangfu.platform.BusinessClock;
import cn.bangfu.platform.ChineseText;
import cn.bangfu.platform.Database;
import cn.bangfu.platform.Paging;
import cn.bangfu.platform.Problem;
import cn.bangfu.platform.QrCode;
import cn.bangfu.platform.WebPages;
import cn.bangfu.rules.load.RuleSetCatalog;
import cn.bangfu.rules.model.FixedRecipient;
import cn.bangfu.rules.model.RuleSet;
import cn.bangfu.rules.model.Step;
import cn.bangfu.rules.model.StepShare;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The publicity notice (公示) as a page anyone can open without signing in (issue 15, DESIGN.md 8.2):
 * on a phone in the village, and printed on A4 for the village notice board. Its figures are the
 * notice API's ({@link PublicNotice}: the same lines, masked names and household total), its words
 * come from the rule file the run was computed with; nothing here recomputes a share.
 *
 * <p>Mounted without a method, like static files, so it is no operation of the API's route table;
 * every refusal is a Chinese page, never problem+json: the reader is a person at a browser.
 */
public final class NoticePage {
  public static final String PATH = "/public/notices/";
  /** Lines per page: a village run fits on one; a county run of 200,000 lines stays under 50 KB a page. */
  public static final int LINES_PER_PAGE = 200;

  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-]+(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?");

  private final Database database;
  private final PublicNotice notices;
  private final DistributionRepository runs;
  private final RuleSetCatalog ruleSets;
  private final WebPages pages;
  private final BusinessClock clock;
  private final Optional<String> publicBaseUrl;

  public NoticePage(Database database, PublicNotice notices, DistributionRepository runs, RuleSetCatalog ruleSets,
      WebPages pages, BusinessClock clock, Optional<String> publicBaseUrl) {
    this.database = database;
    this.notices = notices;
    this.runs = runs;
    this.ruleSets = ruleSets;
    this.pages = pages;
    this.clock = clock;
    this.publicBaseUrl = publicBaseUrl;
  }

  /** One step of the rule as the notice shows it; {@code part} marks a split of the step above. */
  public record StepRow(String name, String how, String amountYuan, boolean part) {
  }

  /** One line of the notice: whom (masked), for what, how much, and the rule's own sentence why. */
  public record LineRow(String recipient, String item, String amountYuan, String explanation) {
  }

  /** A numbered link to another page of a long notice. */
  public record PageLink(int number, String href, boolean current) {
  }

  /** Everything the template shows, already in plain Chinese and 元. */
  public record View(String cooperative, String reference, String periodStart, String periodEnd, String ruleName, String ruleSource,
      String poolYuan, String poolExplanation, List<StepRow> steps, String householdTotalYuan, int lineCount,
      String publicityStart, String publicityEnd, boolean open, String status, List<LineRow> lines,
      List<PageLink> pageLinks, int firstLine, String csvHref, String address, String qrSvg) {
  }

  public void mount(Router router) {
    router.route(PATH + ":runId").handler(this::notice);
  }

  private void notice(RoutingContext ctx) {
    if (!readOnly(ctx)) {
      return;
    }
    String raw = ctx.pathParam("runId");
    if (raw == null || !DIGITS.matcher(raw).matches()) {
      notFound(ctx);
      return;
    }
    long runId = Long.parseLong(raw);
    int page = pageNumber(ctx.queryParams().get("page"));
    String address = baseUrl(ctx.request()) + PATH + runId;
    database.read(db -> {
      PublicNotice.Notice notice = notices.notice(db, runId,
          new Paging(LINES_PER_PAGE, (page - 1) * LINES_PER_PAGE));
      return view(notice, runs.nameOfCooperative(db, notice.run().getCooperativeId()), page, address);
    }).onComplete(done -> {
      if (ctx.response().ended() || ctx.response().closed()) {
        return;
      }
      if (done.succeeded()) {
        html(ctx, 200, pages.render("publicity/notice.jte", Map.of("v", done.result())));
      } else if (done.cause() instanceof Problem p && p.status() == 404) {
        notFound(ctx);
      } else {
        ctx.fail(done.cause());
      }
    });
  }

  View view(PublicNotice.Notice notice, String cooperative, int page, String address) {
    DistributionRunRecord run = notice.run();
    JsonObject summary = new JsonObject(run.getResultJson());
    Map<String, Step> ruleSteps = new HashMap<>();
    Optional<RuleSet> rule = ruleSets.find(run.getRuleSetId());
    rule.ifPresent(r -> collect(r.steps(), ruleSteps));
    Map<String, String> stepNames = new HashMap<>();
    List<StepRow> steps = new ArrayList<>();
    JsonArray stepArray = summary.getJsonArray("steps", new JsonArray());
    for (int i = 0; i < stepArray.size(); i++) {
      JsonObject s = stepArray.getJsonObject(i);
      String name = s.getString("nameZh", "分配");
      stepNames.put(s.getString("stepId"), name);
      steps.add(new StepRow(name, how(ruleSteps.get(s.getString("stepId")), s),
          ChineseText.yuan(s.getLong("amountFen", 0L)), s.getString("parentStepId") != null));
    }
    List<LineRow> lines = new ArrayList<>();
    for (int i = 0; i < notice.lines().size(); i++) {
      JsonObject line = notice.lines().getJsonObject(i);
      lines.add(new LineRow(recipient(line.getString("recipient")),
          stepNames.getOrDefault(line.getString("stepId"), "分配"),
          ChineseText.yuan(line.getLong("amountFen")), line.getString("explanation")));
    }
    int pageCount = Math.max(1, (int) ((run.getLineCount() + LINES_PER_PAGE - 1) / LINES_PER_PAGE));
    List<PageLink> links = new ArrayList<>();
    if (pageCount > 1) {
      for (int n = 1; n <= pageCount; n++) {
        links.add(new PageLink(n, PATH + run.getId() + (n == 1 ? "" : "?page=" + n), n == page));
      }
    }
    LocalDate today = clock.today();
    boolean open = RunStatus.PUBLICIZED == run.getStatus() && run.getPublicityEnd() != null
        && !today.isAfter(run.getPublicityEnd());
    return new View(cooperative == null ? "合作社" : cooperative, DistributionJson.noticeNumber(run),
        ChineseText.date(run.getPeriodStart()), ChineseText.date(run.getPeriodEnd()),
        rule.map(RuleSet::nameZh).orElse("合作社收益分配"), rule.map(RuleSet::sourceZh).orElse(null),
        ChineseText.yuan(run.getPoolFen()), summary.getString("poolExplanationZh"), steps,
        ChineseText.yuan(notice.householdTotalFen()), run.getLineCount(),
        run.getPublicityStart() == null ? null : ChineseText.date(run.getPublicityStart()),
        run.getPublicityEnd() == null ? null : ChineseText.date(run.getPublicityEnd()), open,
        status(run.getStatus(), open), lines, links, (page - 1) * LINES_PER_PAGE + 1,
        "/api/v1/public/distributions/" + run.getId() + "/notice?format=csv", address,
        QrCode.svg(address, "本公示网页的二维码"));
  }

  private static void collect(List<Step> steps, Map<String, Step> into) {
    for (Step step : steps) {
      into.put(step.id(), step);
      collect(step.children(), into);
    }
  }

  /** How a step takes its money and splits it, in words: "占 60%，按各户交售额的比例分给 3 户". */
  static String how(Step step, JsonObject amount) {
    List<String> parts = new ArrayList<>();
    if (step != null && step.share() != null) {
      StepShare share = step.share();
      switch (share.kind()) {
        case PERCENT -> parts.add("占 " + BigDecimal.valueOf(share.basisPoints(), 2).stripTrailingZeros().toPlainString()
            + "%");
        case REMAINING -> parts.add("余下的全部");
        case FIXED -> parts.add("固定 " + ChineseText.yuan(share.amountFen()) + " 元");
        case GUARANTEED -> parts.add("保底，先于其他分配支付");
        case EQUITY_FRACTION -> parts.add("按所占股份的比例");
      }
    }
    String basis = amount.getString("basis");
    int households = amount.getInteger("eligibleHouseholds", 0);
    if (basis != null && households > 0) {
      parts.add(basisWords(basis) + " " + households + " 户");
    } else if (step != null && step.recipient() != null) {
      parts.add("归" + step.recipient().nameZh());
    }
    return String.join("，", parts);
  }

  /** The rule files' basis codes as a reader says them. */
  static String basisWords(String basis) {
    return switch (basis) {
      case "delivery_value" -> "按各户交售额的比例分给";
      case "share_units" -> "按各户股份的比例分给";
      case "labor_days" -> "按各户劳动天数分给";
      case "land_mu" -> "按各户入股土地亩数分给";
      case "equal" -> "平均分给";
      default -> "分给";
    };
  }

  /** A household line's masked name; a fixed recipient (PROVIDENT_FUND …) by its Chinese name. */
  static String recipient(String recipient) {
    for (FixedRecipient fixed : FixedRecipient.values()) {
      if (fixed.name().equals(recipient)) {
        return fixed.nameZh();
      }
    }
    return recipient;
  }

  static String status(RunStatus status, boolean open) {
    return switch (status) {
      case PUBLICIZED -> open ? "正在公示" : "公示期已满，等待审批";
      case APPROVED -> "已审批，等待发放";
      case POSTED -> "已入账";
      case REVERSED -> "已撤销";
      case DRAFT -> "草稿";
      case REJECTED -> "已被监管部门退回，合作社将重新制定";
    };
  }

  /**
   * Where people reach this server: the configured public address, else the request's own, as a
   * proxy forwards it. A Host that is no host name gives localhost: the QR code never carries markup.
   */
  String baseUrl(HttpServerRequest request) {
    if (publicBaseUrl.isPresent()) {
      return publicBaseUrl.get();
    }
    String proto = first(request.getHeader("X-Forwarded-Proto"));
    String host = first(request.getHeader("X-Forwarded-Host"));
    if (host == null && request.authority() != null) {
      // Host of HTTP/1.1, :authority of HTTP/2
      host = request.authority().host() + (request.authority().port() > 0 ? ":" + request.authority().port() : "");
    }
    String scheme = "https".equalsIgnoreCase(proto) || "http".equalsIgnoreCase(proto) ? proto.toLowerCase()
        : request.isSSL() ? "https" : "http";
    return scheme + "://" + (host != null && HOST.matcher(host).matches() ? host : "localhost");
  }

  private static String first(String header) {
    if (header == null) {
      return null;
    }
    int comma = header.indexOf(',');
    return (comma < 0 ? header : header.substring(0, comma)).strip();
  }

  /** ?page=N, 1-based; anything else is the first page (a person typing an address gets a page, not an error). */
  private static int pageNumber(String raw) {
    if (raw == null || !DIGITS.matcher(raw).matches() || raw.length() > 6) {
      return 1;
    }
    return Math.max(1, Integer.parseInt(raw));
  }

  private boolean readOnly(RoutingContext ctx) {
    HttpMethod method = ctx.request().method();
    if (method == HttpMethod.GET || method == HttpMethod.HEAD) {
      return true;
    }
    ctx.response().putHeader("Allow", "GET, HEAD");
    html(ctx, 405, pages.render("publicity/missing.jte", Map.of("title", "不能这样打开",
        "message", "公示只能查看，不能在这里提交。要提出异议，请看公示页上的办法。")));
    return false;
  }

  private void notFound(RoutingContext ctx) {
    html(ctx, 404, pages.render("publicity/missing.jte", Map.of("title", "没有找到这份公示",
        "message", "这个网址没有正在公示或已公示的分配。请核对网址或二维码；公示还在准备时（草稿）也看不到。"
            + "有疑问请问村委会或合作社。")));
  }

  private static void html(RoutingContext ctx, int status, String body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "text/html; charset=utf-8").end(body);
  }

}
