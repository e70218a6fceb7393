package cn.bangfu.web;

import static cn.bangfu.support.PageClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import static cn.bangfu.db.Tables.APP_USER;

import cn.bangfu.distribution.DraftJobs;
import cn.bangfu.distribution.DraftProgress;
import cn.bangfu.identity.Principal;
import cn.bangfu.identity.Role;
import cn.bangfu.platform.ChineseText;
import cn.bangfu.support.ClassServer;
import cn.bangfu.support.DistributionSteps;
import cn.bangfu.support.GrapeHouseholds;
import cn.bangfu.support.PageClient;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The distribution wizard of /coop without a browser (issue 16): the 岑丰村 grape cooperative's accountant
 * drafts October's surplus under coop-surplus-60 (6,000.00 元 of canteen sales, 杨启宇 and 陈志强 delivered
 * 2,400.00 and 1,200.00 元 of grapes) and reads each household's line with the same explanation the API
 * gives; November's (the same again) is publicized, posting is refused in words until the regulator
 * approves, then posted, and the payout file is the one the API serves.
 */
class CoopDistributionPageTest {
  @ClassServer static TestServer server;
  static GrapeHouseholds world;
  static String accountant;

  @BeforeAll
  static void october() {
    world = new GrapeHouseholds(server);
    accountant = world.user("COOP", world.cooperative);
    // October is previewed only; November (the same sales) is publicized and posted, July is objected to, answered,
    // posted and paid, so the tests run in any order
    for (int month : new int[] {7, 10, 11}) {
      deliver(world.households.get(0), 200, LocalDate.of(2026, month, 10));
      deliver(world.households.get(1), 100, LocalDate.of(2026, month, 10));
      long coop = Long.parseLong(world.cooperative);
      server.server().database().dsl().transaction(tx -> server.server().ledger().post(tx.dsl(),
          DistributionSteps.settlement(9_000_000L + month, 0, coop, LocalDate.of(2026, month, 20), 600_000)));
    }
  }

  private static void deliver(String household, int kilograms, LocalDate day) {
    server.http.post("/api/v1/cooperatives/" + world.cooperative + "/deliveries", world.coopToken, new JsonObject()
        .put("householdId", household).put("product", "葡萄").put("quantity", kilograms).put("unit", "KG")
        .put("valueFen", kilograms * 1200L).put("date", day.toString())).expect(201);
  }

  private static PageClient signedIn() {
    PageClient browser = new PageClient(server.server().port());
    assertThat(browser.signIn(accountant, GrapeHouseholds.PASSWORD).location()).isEqualTo("/coop");
    return browser;
  }

  private static PageClient.Page draft(PageClient browser, String start, String end) {
    String csrf = browser.get("/coop/distributions").csrf();
    return browser.post("/coop/distributions", form("csrf", csrf, "ruleSetId", "coop-surplus-60",
        "periodStart", start, "periodEnd", end));
  }

  /** The run a draft job made: the job awaited through the server (no polling), then its page followed as a browser would. */
  private static String runOf(PageClient browser, PageClient.Page drafted) {
    assertThat(drafted.location()).matches("/coop/distributions/jobs/[0-9]+");
    long job = Long.parseLong(drafted.location().substring("/coop/distributions/jobs/".length()));
    DraftJobs.Job ended = server.server().draftJobs().ended(job).await();
    assertThat(ended.status()).isEqualTo(DraftProgress.JobStatus.DONE);
    PageClient.Page done = browser.get(drafted.location());
    assertThat(done.status()).isEqualTo(303);
    return done.location().substring("/coop/distributions/".length());
  }

  private static Principal accountantPrincipal() {
    long userId = server.server().database().dsl().select(APP_USER.ID).from(APP_USER)
        .where(APP_USER.USERNAME.eq(accountant)).fetchOne(APP_USER.ID);
    return new Principal(userId, accountant, Role.COOP, world.cooperative);
  }

  @Test
  void the_preview_shows_the_pool_steps_and_each_households_line_with_the_apis_explanation() {
    PageClient browser = signedIn();
    PageClient.Page start = browser.get("/coop/distributions");
    assertThat(start.html().select("tr.run td:last-child").eachText()).contains("已入账", "正在公示");

    PageClient.Page drafted = draft(browser, "2026-10-01", "2026-10-31");

    assertThat(drafted.status()).isEqualTo(303);
    String run = runOf(browser, drafted);
    JsonObject api = server.http.get("/api/v1/distributions/" + run, world.coopToken).expect(200).body();
    assertThat(api.getString("status")).isEqualTo("DRAFT");
    assertThat(api.getLong("revenueFen")).isEqualTo(600_000);
    PageClient.Page preview = browser.get("/coop/distributions/" + run);
    assertThat(preview.status()).isEqualTo(200);
    assertThat(preview.text()).contains("收益分配：2026年10月1日至2026年10月31日", "状态：草稿",
        "收入 6,000.00 元，成本 0.00 元");
    assertThat(preview.html().selectFirst(".pool .total").text())
        .isEqualTo(ChineseText.yuan(api.getLong("poolFen")) + " 元");
    assertThat(preview.html().select("table.steps tbody tr")).hasSize(api.getJsonArray("steps").size());
    JsonArray allocations = api.getJsonArray("allocations");
    List<String> explanations = preview.html().select("tr.line td:last-child").eachText();
    for (int i = 0; i < allocations.size(); i++) {
      JsonObject line = allocations.getJsonObject(i);
      if (line.getLong("amountFen") > 0) {
        assertThat(explanations).contains(line.getString("explanation"));
      }
    }
    // 杨启宇 delivered two thirds of October's grapes: his trade rebate line is there, masked
    Element yang = preview.html().select("tr.line").stream().filter(tr -> tr.text().startsWith("杨*宇")).findFirst()
        .orElseThrow();
    assertThat(yang.text()).contains("按交易额返还");
    assertThat(preview.html().html()).doesNotContain("杨启宇", "陈志强");
    assertThat(preview.html().selectFirst("form[action=/coop/distributions/" + run + "/publicize]")).isNotNull();
    assertThat(preview.html().select("form[action=/coop/distributions/" + run + "/post]")).isEmpty();
  }

  @Test
  void publicize_then_post_after_approval_then_download_the_payout_file() {
    PageClient browser = signedIn();
    String run = runOf(browser, draft(browser, "2026-11-01", "2026-11-30"));
    Element publicize = browser.get("/coop/distributions/" + run).html()
        .selectFirst("form[action=/coop/distributions/" + run + "/publicize]");

    PageClient.Page publicized = browser.post("/coop/distributions/" + run + "/publicize",
        form("csrf", publicize.select("[name=csrf]").val(), "days", "7"));

    assertThat(publicized.location()).isEqualTo("/coop/distributions/" + run + "?done=publicized");
    JsonObject api = server.http.get("/api/v1/distributions/" + run, world.coopToken).expect(200).body();
    assertThat(api.getString("status")).isEqualTo("PUBLICIZED");
    PageClient.Page inPublicity = browser.get(publicized.location());
    assertThat(inPublicity.text()).contains("状态：正在公示",
        "公示到 " + ChineseText.date(LocalDate.parse(api.getString("publicityEnd"))));
    // posting before the regulator approves: refused in words, nothing posted
    PageClient.Page early = browser.post("/coop/distributions/" + run + "/post", form("csrf", inPublicity.csrf()));
    assertThat(early.status()).isEqualTo(409);
    assertThat(early.html().selectFirst(".error").text()).isEqualTo("现在不能做这一步：要等公示期满、监管部门审批以后才能入账。");

    server.endPublicity(run, world.coopToken);
    server.http.post("/api/v1/distributions/" + run + "/approve", world.regulatorToken, new JsonObject()).expect(200);
    // a week later the session has long expired: the accountant signs in again
    browser = signedIn();
    PageClient.Page approved = browser.get("/coop/distributions/" + run);
    assertThat(approved.text()).contains("监管部门已审批");
    PageClient.Page posted = browser.post("/coop/distributions/" + run + "/post",
        form("csrf", approved.html().selectFirst("form[action=/coop/distributions/" + run + "/post] [name=csrf]").val()));

    assertThat(posted.location()).isEqualTo("/coop/distributions/" + run + "?done=posted");
    assertThat(server.http.get("/api/v1/distributions/" + run, world.coopToken).body().getString("status"))
        .isEqualTo("POSTED");
    assertThat(browser.get(posted.location()).html().selectFirst("a[href=/coop/distributions/" + run + "/payout]"))
        .isNotNull();
    PageClient.Page payout = browser.get("/coop/distributions/" + run + "/payout");
    assertThat(payout.status()).isEqualTo(200);
    assertThat(payout.contentType()).startsWith("text/csv");
    assertThat(payout.response().body()).isEqualTo(
        server.http.get("/api/v1/distributions/" + run + "/payout", world.coopToken).expect(200).text());
  }

  @Test
  void the_accountant_answers_an_objection_and_after_posting_marks_the_run_paid() {
    PageClient browser = signedIn();
    String run = runOf(browser, draft(browser, "2026-07-01", "2026-07-31"));
    server.http.post("/api/v1/distributions/" + run + "/publicize", world.coopToken, new JsonObject().put("days", 7))
        .expect(200);
    String objection = server.http.post("/api/v1/distributions/" + run + "/objections", null,
        new JsonObject().put("text", "七月我家交了 200 公斤葡萄，名单上只算了 100 公斤")).expect(201).body().getString("id");
    PageClient.Page publicized = browser.get("/coop/distributions/" + run);
    Element form = publicized.html().selectFirst("form[action=/coop/distributions/" + run + "/objections/" + objection
        + "/answer]");
    assertThat(form).isNotNull();
    assertThat(publicized.text()).contains("七月我家交了 200 公斤葡萄，名单上只算了 100 公斤");

    PageClient.Page empty = browser.post(form.attr("action"), form("csrf", publicized.csrf(), "answer", " "));
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.html().selectFirst(".error").text()).isEqualTo("请写下给提异议村民的答复，再点“答复”。");
    PageClient.Page answered = browser.post(form.attr("action"),
        form("csrf", publicized.csrf(), "answer", "已核对过磅单，7月12日交售 200 公斤，已更正为 200 公斤"));

    assertThat(answered.location()).isEqualTo("/coop/distributions/" + run + "?done=answered");
    JsonObject filed = server.http.get("/api/v1/distributions/" + run + "/objections", world.coopToken).expect(200)
        .body().getJsonArray("items").getJsonObject(0);
    assertThat(filed.getString("status")).isEqualTo("ANSWERED");
    assertThat(browser.get(answered.location()).html().select("form[action$=/answer]")).isEmpty();

    server.endPublicity(run, world.coopToken);
    server.http.post("/api/v1/distributions/" + run + "/approve", world.regulatorToken, new JsonObject()).expect(200);
    server.http.post("/api/v1/distributions/" + run + "/post", world.coopToken, new JsonObject()).expect(200);
    browser = signedIn(); // the publicity took a week: a new session
    PageClient.Page posted = browser.get("/coop/distributions/" + run);
    Element paid = posted.html().selectFirst("form[action=/coop/distributions/" + run + "/paid]");
    assertThat(paid.selectFirst("#paidOn").val()).isEqualTo(server.today().toString());
    PageClient.Page future = browser.post(paid.attr("action"),
        form("csrf", posted.csrf(), "paidOn", server.today().plusDays(1).toString()));
    assertThat(future.status()).isEqualTo(400);
    assertThat(server.http.get("/api/v1/distributions/" + run, world.coopToken).body().getValue("paidAt")).isNull();

    PageClient.Page marked = browser.post(paid.attr("action"), form("csrf", posted.csrf(), "paidOn",
        server.today().toString()));

    assertThat(marked.location()).isEqualTo("/coop/distributions/" + run + "?done=paid");
    assertThat(server.http.get("/api/v1/distributions/" + run, world.coopToken).body().getValue("paidAt")).isNotNull();
    assertThat(browser.get(marked.location()).html().selectFirst(".paid").text()).isEqualTo("已发放");
  }

  /** /coop/reports: the year's surplus as the API's statement gives it, and the three statutory workbooks. */
  @Test
  void the_reports_page_shows_the_years_surplus_and_hands_out_the_statutory_workbooks() throws Exception {
    PageClient browser = signedIn();
    JsonObject surplus = server.http.get("/api/v1/cooperatives/" + world.cooperative + "/reports/surplus?year=2026",
        world.coopToken).expect(200).body();

    PageClient.Page page = browser.get("/coop/reports?year=2026");

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.html().selectFirst(".card .total").text()).isEqualTo(ChineseText.yuan(surplus.getLong("surplusFen"))
        + " 元");
    assertThat(page.text()).contains("收入 " + ChineseText.yuan(surplus.getLong("revenueFen")) + " 元");
    for (String link : page.html().select("a[href^=/coop/reports/]").eachAttr("href")) {
      var workbook = browser.bytes(link);
      assertThat(workbook.statusCode()).as(link).isEqualTo(200);
      try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(workbook.body()))) {
        assertThat(book.getSheetAt(0).getPhysicalNumberOfRows()).as(link).isPositive();
      }
    }
    assertThat(page.html().select("a[href^=/coop/reports/]")).hasSize(4);
    // the sales summary adds up to the page's total; the member sheet names the members for their accountant
    try (var sales = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(
        browser.bytes("/coop/reports/sales.xlsx?year=2026").body()))) {
      var sheet = sales.getSheetAt(0);
      var total = sheet.getRow(sheet.getLastRowNum());
      assertThat(total.getCell(0).getStringCellValue()).isEqualTo("合计");
      assertThat(ChineseText.yuan(Math.round(total.getCell(2).getNumericCellValue() * 100))).isEqualTo(
          page.html().selectFirst(".sold").text());
    }
    try (var equity = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(
        browser.bytes("/coop/reports/member-equity.xlsx?year=2026").body()))) {
      List<String> members = new java.util.ArrayList<>();
      equity.getSheet("成员账户").forEach(row -> members.add(row.getCell(0) == null ? "" : row.getCell(0).toString()));
      assertThat(members).contains("杨启宇", "陈志强");
    }
    assertThat(browser.get("/coop/reports?year=two").status()).isEqualTo(400);
  }

  /**
   * A draft is a job (a large cooperative takes minutes): its page shows how far it is from the job's row, so a
   * reload, or the wizard's first page, finds it again; a second click on the same draft joins it. The job is
   * opened without being run, so the page is read at a known point rather than raced.
   */
  @Test
  void a_draft_in_progress_shows_its_bar_survives_a_reload_and_a_double_click_joins_it() {
    PageClient browser = signedIn();
    DraftJobs jobs = server.server().draftJobs();
    long job = jobs.open(accountantPrincipal(), Long.parseLong(world.cooperative), "coop-surplus-60",
        LocalDate.of(2025, 1, 1), LocalDate.of(2025, 1, 31)).await().id();
    jobs.reporter(job).at(DraftProgress.Stage.WRITING, 3_000, 12_000);

    PageClient.Page page = browser.get("/coop/distributions/jobs/" + job);
    PageClient.Page reloaded = browser.get("/coop/distributions/jobs/" + job);

    for (PageClient.Page shown : List.of(page, reloaded)) {
      assertThat(shown.status()).isEqualTo(200);
      // reading and allocating are the first 20 %, writing 3,000 of 12,000 lines a quarter of the other 80
      assertThat(shown.html().selectFirst("progress").attr("value")).isEqualTo("40");
      assertThat(shown.html().selectFirst(".stage").text()).isEqualTo("正在保存每一笔的金额和说明：已保存 3,000 笔，共 12,000 笔。");
      assertThat(shown.html().selectFirst("meta[http-equiv=refresh]").attr("content")).isEqualTo("2");
      assertThat(shown.text()).contains("合作社盈余分配", "2025年1月1日至2025年1月31日");
    }
    PageClient.Page start = browser.get("/coop/distributions");
    assertThat(start.html().selectFirst("#drafting a").attr("href")).isEqualTo("/coop/distributions/jobs/" + job);
    PageClient.Page again = draft(browser, "2025-01-01", "2025-01-31");
    assertThat(again.location()).isEqualTo("/coop/distributions/jobs/" + job);
    PageClient household = new PageClient(server.server().port());
    household.signIn(world.householdUser(0), GrapeHouseholds.PASSWORD);
    assertThat(household.get("/coop/distributions/jobs/" + job).status()).isEqualTo(403);
  }

  /**
   * A job whose server died stops beating: seen five minutes later it is interrupted, its page says so with the
   * choices kept, and the same draft requested again runs as a new job to its end.
   */
  @Test
  void a_job_whose_server_stopped_is_shown_interrupted_and_the_same_draft_runs_again() {
    PageClient browser = signedIn();
    DraftJobs jobs = server.server().draftJobs();
    Principal caller = accountantPrincipal();
    long coop = Long.parseLong(world.cooperative);
    LocalDate from = LocalDate.of(2025, 2, 1);
    LocalDate to = LocalDate.of(2025, 2, 28);
    long dead = jobs.open(caller, coop, "coop-surplus-60", from, to).await().id();
    DraftJobs later = jobs.seenAt(java.time.Clock.offset(java.time.Clock.systemUTC(), java.time.Duration.ofMinutes(6)));

    assertThat(later.view(caller, dead).await().interrupted()).isTrue();
    long retried = later.start(caller, coop, "coop-surplus-60", from, to).await();

    assertThat(retried).isNotEqualTo(dead);
    assertThat(later.ended(retried).await().status()).isEqualTo(DraftProgress.JobStatus.DONE);
    PageClient.Page old = browser.get("/coop/distributions/jobs/" + dead);
    assertThat(old.status()).isEqualTo(200);
    assertThat(old.html().selectFirst("form[action=/coop/distributions] .error").text()).contains("上次没有算完");
    assertThat(old.html().selectFirst("#periodStart").val()).isEqualTo("2025-02-01");
  }

  /** The finished job's row holds the last report: every line written, as many as the run has. */
  @Test
  void a_finished_draft_reported_every_line_it_wrote() {
    PageClient browser = signedIn();
    PageClient.Page drafted = draft(browser, "2026-10-01", "2026-10-20");
    long job = Long.parseLong(drafted.location().substring("/coop/distributions/jobs/".length()));

    DraftJobs.Job ended = server.server().draftJobs().ended(job).await();

    JsonObject run = server.http.get("/api/v1/distributions/" + ended.runId(), world.coopToken).expect(200).body();
    assertThat(ended.stage()).isEqualTo(DraftProgress.Stage.WRITING);
    assertThat(ended.total()).isPositive().isEqualTo(run.getInteger("allocationsTotal"));
    assertThat(ended.done()).isEqualTo(ended.total());
  }

  @Test
  void a_bad_draft_form_is_refused_beside_the_field_with_the_choices_kept() {
    PageClient browser = signedIn();
    String csrf = browser.get("/coop/distributions").csrf();

    PageClient.Page backwards = browser.post("/coop/distributions", form("csrf", csrf, "ruleSetId", "coop-surplus-60",
        "periodStart", "2026-10-31", "periodEnd", "2026-10-01"));
    PageClient.Page noRule = browser.post("/coop/distributions", form("csrf", csrf, "ruleSetId", "",
        "periodStart", "2026-10-01", "periodEnd", "2026-10-31"));
    PageClient.Page badDate = browser.post("/coop/distributions", form("csrf", csrf, "ruleSetId", "coop-surplus-60",
        "periodStart", "10/01/2026", "periodEnd", "2026-10-31"));

    assertThat(backwards.status()).isEqualTo(400);
    assertThat(backwards.html().selectFirst("#periodEnd-error").text()).isEqualTo("结束日期不能早于开始日期。");
    assertThat(backwards.html().selectFirst("#ruleSetId option[selected]").val()).isEqualTo("coop-surplus-60");
    assertThat(backwards.html().selectFirst("#periodStart").val()).isEqualTo("2026-10-31");
    assertThat(noRule.html().selectFirst("#ruleSetId-error").text()).isEqualTo("请选择分配办法。");
    assertThat(badDate.html().selectFirst("#periodStart-error").text()).isEqualTo("开始日期要写成 2026-08-01 这样。");
  }

  @Test
  void the_wizard_refuses_other_roles_and_forms_without_their_token() {
    PageClient household = new PageClient(server.server().port());
    household.signIn(world.householdUser(0), GrapeHouseholds.PASSWORD);
    PageClient browser = signedIn();
    int before = browser.get("/coop/distributions").html().select("tr.run").size();

    PageClient.Page typed = household.get("/coop/distributions");
    PageClient.Page payout = household.get("/coop/distributions/" + world.postedRun + "/payout");
    PageClient.Page forged = browser.post("/coop/distributions", form("ruleSetId", "coop-surplus-60",
        "periodStart", "2026-10-01", "periodEnd", "2026-10-31"));

    assertThat(typed.status()).isEqualTo(403);
    assertThat(typed.html().selectFirst("h1").text()).isEqualTo("没有权限");
    assertThat(payout.status()).isEqualTo(403);
    assertThat(forged.status()).isEqualTo(403);
    assertThat(forged.html().selectFirst("h1").text()).isEqualTo("表单已失效");
    assertThat(browser.get("/coop/distributions").html().select("tr.run")).hasSize(before);
  }
}
