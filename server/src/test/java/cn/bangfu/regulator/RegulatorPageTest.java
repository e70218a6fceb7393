package cn.bangfu.regulator;

import static cn.bangfu.support.PageClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.platform.ChineseText;
import cn.bangfu.support.ClassServer;
import cn.bangfu.support.DistributionSteps;
import cn.bangfu.support.GrapeHouseholds;
import cn.bangfu.support.PageClient;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The county regulator's console without a browser (issue 16): the 岑丰村 grape cooperative's September run
 * is in 公示 with an objection; the regulator finds it on /regulator, reads the objection and its answer,
 * approves once publicity is over (through the business clock), or sends a run back with a reason typed
 * beside the field; searches 杨 and sees masked names only; reads a household's income; reads the region's
 * procurement, slowest budget unit first, and opens its workbook. Another county's regulator sees none of it.
 */
class RegulatorPageTest {
  @ClassServer static TestServer server;
  static GrapeHouseholds world;
  static String regulator;

  @BeforeAll
  static void grapes() {
    world = new GrapeHouseholds(server);
    regulator = world.user("REGULATOR", "450123");
  }

  private static PageClient signedIn(String username) {
    PageClient browser = new PageClient(server.server().port());
    assertThat(browser.signIn(username, GrapeHouseholds.PASSWORD).location()).isEqualTo("/regulator");
    return browser;
  }

  /** October's grapes and 6,000.00 元 of sales, drafted and in 公示 for 7 days. */
  private static String publicizedOctober() {
    LocalDate day = LocalDate.of(2026, 10, 10);
    server.http.post("/api/v1/cooperatives/" + world.cooperative + "/deliveries", world.coopToken, new JsonObject()
        .put("householdId", world.households.get(0)).put("product", "葡萄").put("quantity", 200).put("unit", "KG")
        .put("valueFen", 240_000).put("date", day.toString())).expect(201);
    long coop = Long.parseLong(world.cooperative);
    server.server().database().dsl().transaction(tx -> server.server().ledger().post(tx.dsl(),
        DistributionSteps.settlement(9_200_010L, 0, coop, day.plusDays(5), 600_000)));
    String run = server.http.post("/api/v1/cooperatives/" + world.cooperative + "/distributions", world.coopToken,
        new JsonObject().put("ruleSetId", "coop-surplus-60").put("periodStart", "2026-10-01")
            .put("periodEnd", "2026-10-31")).expect(201).body().getString("id");
    server.http.post("/api/v1/distributions/" + run + "/publicize", world.coopToken, new JsonObject().put("days", 7))
        .expect(200);
    return run;
  }

  @Test
  void the_work_list_shows_the_run_in_publicity_and_its_page_the_objection_with_its_answer_then_approval() {
    String run = world.publicizedRun;
    String objection = server.http.post("/api/v1/distributions/" + run + "/objections", null,
        new JsonObject().put("text", "我家交售的葡萄少算了 50 公斤")).expect(201).body().getString("id");
    server.http.post("/api/v1/distributions/" + run + "/objections/" + objection + "/answer", world.coopToken,
        new JsonObject().put("answer", "已复核过磅单，数量无误")).expect(200);
    PageClient browser = signedIn(regulator);
    JsonObject api = server.http.get("/api/v1/distributions/" + run, world.regulatorToken).expect(200).body();

    PageClient.Page home = browser.get("/regulator");

    assertThat(home.status()).isEqualTo(200);
    int open = server.http.get("/api/v1/monitoring/alerts?year=" + server.today().getYear() + "&status=OPEN&limit=500",
        world.regulatorToken).expect(200).body().getJsonArray("items").size();
    assertThat(home.html().selectFirst("a[href=/regulator/alerts]").text()).isEqualTo("预警（" + open + "）");
    Element row = home.html().selectFirst("section.run:has(a[href=/regulator/runs/" + run + "])");
    assertThat(row).isNotNull();
    assertThat(row.text()).contains("岑丰村葡萄合作社", "2026年9月1日至2026年9月30日",
        ChineseText.yuan(api.getLong("poolFen")) + " 元",
        ChineseText.date(LocalDate.parse(api.getString("publicityEnd"))));
    PageClient.Page page = browser.get("/regulator/runs/" + run);
    assertThat(page.text()).contains("我家交售的葡萄少算了 50 公斤", "已答复", "答复：已复核过磅单，数量无误",
        "公示到" + ChineseText.date(LocalDate.parse(api.getString("publicityEnd"))) + "，期满后才能审批。");
    assertThat(page.html().select("form[action=/regulator/runs/" + run + "/approve]")).isEmpty();

    server.endPublicity(run, world.regulatorToken);
    browser = signedIn(regulator); // a week later the session has long expired
    PageClient.Page ended = browser.get("/regulator/runs/" + run);
    Element approve = ended.html().selectFirst("form[action=/regulator/runs/" + run + "/approve]");
    assertThat(approve).isNotNull();
    PageClient.Page approved = browser.post("/regulator/runs/" + run + "/approve",
        form("csrf", approve.select("[name=csrf]").val()));

    assertThat(approved.location()).isEqualTo("/regulator?done=approved");
    assertThat(server.http.get("/api/v1/distributions/" + run, world.regulatorToken).body().getString("status"))
        .isEqualTo("APPROVED");
    assertThat(browser.get(approved.location()).text()).contains("已审批。合作社现在可以入账并发放。");
    // a second click (another tab) changes nothing and says so
    PageClient.Page again = browser.post("/regulator/runs/" + run + "/approve", form("csrf", ended.csrf()));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.html().selectFirst(".error").text()).startsWith("这一步现在做不了");
  }

  @Test
  void sending_back_needs_a_reason_beside_the_field_then_the_run_is_rejected() {
    String run = publicizedOctober();
    PageClient browser = signedIn(regulator);
    String csrf = browser.get("/regulator/runs/" + run).csrf();

    PageClient.Page empty = browser.post("/regulator/runs/" + run + "/reject", form("csrf", csrf, "reason", "  "));

    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.html().selectFirst("#reason-error").text()).isEqualTo("请写明退回的理由，合作社要据此修改。");
    assertThat(empty.html().selectFirst("#reason").attr("aria-invalid")).isEqualTo("true");
    assertThat(server.http.get("/api/v1/distributions/" + run, world.regulatorToken).body().getString("status"))
        .isEqualTo("PUBLICIZED");

    PageClient.Page sent = browser.post("/regulator/runs/" + run + "/reject",
        form("csrf", csrf, "reason", "十月的成本没有计入，请补录后重新公示"));

    assertThat(sent.location()).isEqualTo("/regulator?done=rejected");
    JsonObject api = server.http.get("/api/v1/distributions/" + run, world.regulatorToken).body();
    assertThat(api.getString("status")).isEqualTo("REJECTED");
    assertThat(api.getString("rejectionReason")).isEqualTo("十月的成本没有计入，请补录后重新公示");
    assertThat(browser.get("/regulator").html().select("a[href=/regulator/runs/" + run + "]")).isEmpty();
  }

  @Test
  void household_search_finds_masked_names_in_the_region_and_opens_the_households_income() {
    PageClient browser = signedIn(regulator);

    PageClient.Page found = browser.get("/regulator/households?q=%E6%9D%A8"); // 杨

    assertThat(found.status()).isEqualTo(200);
    assertThat(found.html().select("tr.household td:first-child").eachText()).contains("杨*宇");
    assertThat(found.html().html()).doesNotContain("杨启宇");
    String link = found.html().selectFirst("tr.household:contains(杨*宇) a").attr("href");
    assertThat(link).isEqualTo("/regulator/households/" + world.households.get(0));
    JsonObject income = server.http.get("/api/v1/households/" + world.households.get(0) + "/income?year="
        + server.today().getYear(), world.regulatorToken).expect(200).body();
    PageClient.Page household = browser.get(link);
    assertThat(household.status()).isEqualTo(200);
    assertThat(household.html().selectFirst(".total").text())
        .isEqualTo(ChineseText.yuan(income.getLong("totalFen")) + " 元");
    assertThat(household.html().html()).doesNotContain("杨启宇");

    PageClient.Page nothing = browser.get("/regulator/households?q=%E6%AC%A7%E9%98%B3"); // 欧阳
    assertThat(nothing.text()).contains("本辖区没有找到“欧阳”");
    PageClient.Page blank = browser.get("/regulator/households?q=+");
    assertThat(blank.status()).isEqualTo(400);
    assertThat(blank.html().selectFirst("#q-error")).isNotNull();
  }

  @Test
  void a_measure_and_the_closure_are_recorded_from_the_households_page_with_errors_beside_the_fields() {
    String wang = world.households.get(2);
    PageClient browser = signedIn(regulator);
    PageClient.Page page = browser.get("/regulator/households/" + wang);
    String form = "/regulator/households/" + wang + "/measures";

    PageClient.Page wrong = browser.post(form, form("csrf", page.csrf(), "department", "县民政局",
        "kind", "TEMPORARY_RELIEF", "amount", "两千", "start", "2026-10-01", "end", "2026-10-31", "note", ""));

    assertThat(wrong.status()).isEqualTo(400);
    assertThat(wrong.html().selectFirst("#amount-error").text()).startsWith("金额请填元");
    assertThat(wrong.html().selectFirst("#department").val()).isEqualTo("县民政局");
    assertThat(wrong.html().selectFirst("#kind option[selected]").val()).isEqualTo("TEMPORARY_RELIEF");
    PageClient.Page noKind = browser.post(form, form("csrf", page.csrf(), "department", "县民政局", "kind", "",
        "amount", "2000", "start", "2026-10-01", "end", "2026-10-31", "note", ""));
    assertThat(noKind.html().selectFirst("#kind-error").text()).isEqualTo("请选择帮扶类型。");

    PageClient.Page recorded = browser.post(form, form("csrf", page.csrf(), "department", "县民政局",
        "kind", "TEMPORARY_RELIEF", "amount", "2000", "start", "2026-10-01", "end", "2026-10-31",
        "note", "因病临时救助"));

    assertThat(recorded.location()).isEqualTo("/regulator/households/" + wang + "?done=measure");
    JsonObject chain = server.http.get("/api/v1/households/" + wang + "/chain", world.regulatorToken).expect(200).body();
    JsonObject measure = chain.getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(i -> "MEASURE".equals(i.getString("step"))).findFirst().orElseThrow();
    assertThat(measure.getLong("amountFen")).isEqualTo(200_000);
    assertThat(measure.getString("department")).isEqualTo("县民政局");
    assertThat(browser.get(recorded.location()).html().select("ol.chain li").eachText())
        .anyMatch(item -> item.contains("帮扶措施") && item.contains("临时救助，县民政局，2,000.00 元"));

    PageClient.Page empty = browser.post("/regulator/households/" + wang + "/closure", form("csrf", page.csrf(),
        "note", ""));
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.html().selectFirst("#closure-error")).isNotNull();
    PageClient.Page closed = browser.post("/regulator/households/" + wang + "/closure", form("csrf", page.csrf(),
        "note", "临时救助已到位，家庭收入恢复"));
    assertThat(closed.location()).isEqualTo("/regulator/households/" + wang + "?done=closed");
    assertThat(browser.get(closed.location()).text()).contains("帮扶链（风险已消除）");
  }

  @Test
  void procurement_lists_the_regions_budget_units_and_its_workbook_opens() throws Exception {
    server.http.post("/api/v1/buyers", server.adminToken, cn.bangfu.support.Fixtures.buyer("岑巩县第一中学食堂"))
        .expect(201);
    PageClient browser = signedIn(regulator);

    PageClient.Page page = browser.get("/regulator/procurement");
    HttpResponse<byte[]> workbook = browser.bytes("/regulator/procurement.xlsx");

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.html().select("tr.buyer td:first-child").eachText()).contains("岑巩县第一中学食堂");
    assertThat(workbook.statusCode()).isEqualTo(200);
    assertThat(workbook.headers().firstValue("Content-Disposition").orElse("")).contains(".xlsx");
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(workbook.body()))) {
      Sheet sheet = book.getSheetAt(0);
      assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("预算单位");
      assertThat(sheet.getRow(0).getCell(1).getStringCellValue()).isEqualTo("预留份额目标（元）");
      assertThat(sheet.getLastRowNum()).isEqualTo(page.html().select("tr.buyer").size());
    }
    assertThat(browser.get("/regulator/alerts").status()).isEqualTo(200);
    assertThat(browser.bytes("/regulator/alerts.xlsx").statusCode()).isEqualTo(200);
  }

  @Test
  void another_countys_regulator_sees_nothing_of_this_one_and_other_roles_get_the_chinese_403() {
    String run = world.publicizedRun;
    PageClient other = signedIn(world.user("REGULATOR", "4401"));

    assertThat(other.get("/regulator").html().select("a[href=/regulator/runs/" + run + "]")).isEmpty();
    assertThat(other.get("/regulator/runs/" + run).status()).isEqualTo(404);
    assertThat(other.get("/regulator/households/" + world.households.get(0)).status()).isEqualTo(404);
    assertThat(other.get("/regulator/households?q=%E6%9D%A8").html().select("tr.household")).isEmpty();

    PageClient coop = new PageClient(server.server().port());
    coop.signIn(world.user("COOP", world.cooperative), GrapeHouseholds.PASSWORD);
    PageClient.Page typed = coop.get("/regulator/runs/" + run);
    assertThat(typed.status()).isEqualTo(403);
    assertThat(typed.html().selectFirst("h1").text()).isEqualTo("没有权限");
    PageClient.Page forged = signedIn(regulator).post("/regulator/runs/" + run + "/reject", form("reason", "不符"));
    assertThat(forged.status()).isEqualTo(403);
    assertThat(server.http.get("/api/v1/distributions/" + run, world.regulatorToken).body().getString("status"))
        .isNotEqualTo("REJECTED");
  }
}
