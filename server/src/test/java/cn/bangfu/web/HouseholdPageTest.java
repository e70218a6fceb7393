package cn.bangfu.web;

import static cn.bangfu.support.PageClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.support.ClassServer;
import cn.bangfu.support.GrapeHouseholds;
import cn.bangfu.support.PageClient;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * /household without a browser (issue 15): 杨启宇 of the 岑丰村 grape cooperative signs in with the form
 * and reads this year's money in plain Chinese, figures equal to the statement API's; objects to the run
 * in publicity and gets a receipt. Everything a phone without JavaScript does: GETs and form posts.
 */
class HouseholdPageTest {
  @ClassServer static TestServer server;
  static GrapeHouseholds world;
  static String yang;
  static String yangToken;

  @BeforeAll
  static void world() {
    world = new GrapeHouseholds(server);
    yang = world.householdUser(0);
    yangToken = server.http.login(yang, GrapeHouseholds.PASSWORD);
  }

  private static PageClient signedIn() {
    PageClient browser = new PageClient(server.server().port());
    PageClient.Page landed = browser.signIn(yang, GrapeHouseholds.PASSWORD);
    assertThat(landed.status()).isEqualTo(303);
    assertThat(landed.location()).isEqualTo("/household");
    return browser;
  }

  @Test
  void the_household_reads_this_years_money_with_the_statement_apis_figures_in_plain_words() {
    int year = server.today().getYear();
    JsonObject statement = server.http.get("/api/v1/households/" + world.households.get(0) + "/statement?year=" + year,
        yangToken).expect(200).body();
    // August: 1,080.00 rebate (25 % of 4,320.00) + 576.00 by land shares (10 of 50 亩), posted and paid
    assertThat(statement.getLong("totalFen")).isEqualTo(165_600);

    PageClient.Page page = signedIn().get("/household");

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.contentType()).startsWith("text/html");
    String text = page.text();
    assertThat(page.html().selectFirst(".total").text()).isEqualTo("1,656.00 元");
    assertThat(text).contains("杨*宇家 " + year + "年的钱", "岑丰村葡萄合作社", "已发放 1,656.00 元 未发放 0.00 元",
        "按交易额返还：1,080.00 元", "您交售葡萄 3,000.00 元，占合作社交售额 25%。",
        "按股分红：576.00 元", "按您在合作社的股份多少和持有天数分得，占全部股份的 20%。");
    // paid on the day the cooperative said, in Chinese
    assertThat(page.html().select(".item p.paid").eachText())
        .containsOnly("已发放（" + cn.bangfu.platform.ChineseText.date(server.today()) + "）");
    assertNoCodesOrIds(text);
    assertThat(page.html().html()).doesNotContain("杨启宇");
  }

  @Test
  void the_run_in_publicity_shows_what_is_due_the_last_day_and_an_objection_form_that_answers_with_a_receipt() {
    JsonObject statement = server.http.get("/api/v1/households/" + world.households.get(0) + "/statement",
        yangToken).expect(200).body();
    long due = statement.getJsonArray("pending").stream().mapToLong(o -> ((JsonObject) o).getLong("amountFen")).sum();
    String lastDay = ((JsonObject) statement.getJsonArray("pending").getValue(0)).getString("publicityEnd");
    // September: 1,350.00 rebate (half of 2,700.00) + 360.00 by land shares
    assertThat(due).isEqualTo(171_000);

    PageClient browser = signedIn();
    PageClient.Page page = browser.get("/household");
    assertThat(page.text()).contains("正在公示", "岑丰村葡萄合作社：您应得 1,710.00 元",
        cn.bangfu.platform.ChineseText.date(java.time.LocalDate.parse(lastDay)) + " 以前提出异议",
        "您交售葡萄 1,200.00 元，占合作社交售额 50%。");
    Element objection = page.html().selectFirst("form[action=/household/objections]");
    assertThat(objection).isNotNull();

    PageClient.Page receipt = browser.post("/household/objections", form("csrf", objection.select("[name=csrf]").val(),
        "run", objection.select("[name=run]").val(), "text", "我家九月交售的葡萄是 150 公斤，不是 100 公斤。"));

    assertThat(receipt.status()).isEqualTo(200);
    assertThat(receipt.html().selectFirst(".ok").text()).matches("您的异议已收到。回执编号：[ACDEFHJKMNPQRTWXY34679]{6}。.*")
        .contains("公示到 " + cn.bangfu.platform.ChineseText.date(java.time.LocalDate.parse(lastDay)) + " 结束");
    JsonArray filed = server.http.get("/api/v1/distributions/" + world.publicizedRun + "/objections", world.coopToken)
        .expect(200).body().getJsonArray("items");
    assertThat(filed).hasSize(1);
    assertThat(filed.getJsonObject(0).getString("householdId")).isEqualTo(world.households.get(0));
    // the receipt read out is the objection's own (6 characters, not the 18-digit ids)
    assertThat(receipt.html().selectFirst(".ok").text()).contains("回执编号：" + filed.getJsonObject(0).getString("receiptNumber") + "。");
  }

  /** Seed 000: the county's 临时救助 for a household is shown to it, on its own page, in plain words. */
  @Test
  void the_households_own_assistance_measures_show_in_plain_words() {
    String wang = world.householdUser(2);
    int year = server.today().getYear();
    server.http.post("/api/v1/households/" + world.households.get(2) + "/assistance", world.regulatorToken,
        new JsonObject().put("department", "县民政局").put("kind", "TEMPORARY_RELIEF").put("amountFen", 200_000)
            .put("start", year + "-10-01").put("end", year + "-10-31")).expect(201);
    PageClient browser = new PageClient(server.server().port());
    browser.signIn(wang, GrapeHouseholds.PASSWORD);

    PageClient.Page page = browser.get("/household");

    assertThat(page.html().select("p.measure").eachText())
        .containsExactly("临时救助（县民政局）：2,000.00 元，" + year + "年10月1日至" + year + "年10月31日。");
    assertNoCodes(page.text());
    // another household's measure is not on 杨启宇's page
    assertThat(signedIn().get("/household").html().select("p.measure")).isEmpty();
  }

  @Test
  void an_empty_objection_is_refused_beside_the_form_and_nothing_is_filed() {
    PageClient browser = signedIn();
    Element objection = browser.get("/household").html().selectFirst("form[action=/household/objections]");
    int before = objections();

    PageClient.Page refused = browser.post("/household/objections", form("csrf", objection.select("[name=csrf]").val(),
        "run", objection.select("[name=run]").val(), "text", "   "));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.html().selectFirst("form .error").text()).isEqualTo("请写下您的异议，再点“提交异议”。");
    PageClient.Page noSuchRun = browser.post("/household/objections", form("csrf", objection.select("[name=csrf]").val(),
        "run", "99999999999999999999", "text", "这一期的分红算错了"));
    assertThat(noSuchRun.status()).isEqualTo(400);
    assertThat(noSuchRun.html().selectFirst("h1").text()).isEqualTo("请求有误");
    assertThat(objections()).isEqualTo(before);
  }

  @Test
  void a_form_posted_without_its_token_is_refused_with_a_chinese_403_and_files_nothing() {
    PageClient browser = signedIn();
    Element objection = browser.get("/household").html().selectFirst("form[action=/household/objections]");
    int before = objections();

    PageClient.Page forged = browser.post("/household/objections", form("run", objection.select("[name=run]").val(),
        "text", "别的网站替您提交的异议"));
    PageClient.Page wrongToken = browser.post("/household/objections", form("csrf", "x" + objection.select("[name=csrf]").val(),
        "run", objection.select("[name=run]").val(), "text", "别的网站替您提交的异议"));

    for (PageClient.Page page : new PageClient.Page[] {forged, wrongToken}) {
      assertThat(page.status()).isEqualTo(403);
      assertThat(page.contentType()).startsWith("text/html");
      assertThat(page.html().selectFirst("h1").text()).isEqualTo("表单已失效");
    }
    assertThat(objections()).isEqualTo(before);
  }

  @Test
  void past_years_are_links_and_a_year_without_money_says_so() {
    PageClient browser = signedIn();
    int last = server.today().getYear() - 1;

    PageClient.Page page = browser.get("/household?year=" + last);

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.text()).contains(last + "年还没有入账的分红。");
    assertThat(page.html().select(".years a").eachAttr("href")).contains("/household?year=" + server.today().getYear());
    PageClient.Page bad = browser.get("/household?year=abc");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.html().selectFirst("h1").text()).isEqualTo("请求有误");
  }

  /** No English code and no long number (an id, or an amount in fen) in what the reader sees. */
  static void assertNoCodes(String text) {
    assertThat(text).doesNotContainPattern("[A-Za-z_]{3,}").doesNotContainPattern("[0-9]{7,}");
  }

  private static int objections() {
    return server.http.get("/api/v1/distributions/" + world.publicizedRun + "/objections", world.coopToken)
        .expect(200).body().getJsonArray("items").size();
  }

  /** No English code, no id and no fen amount in what the reader sees. */
  static void assertNoCodesOrIds(String text) {
    assertNoCodes(text);
    for (String id : world.households) {
      assertThat(text).doesNotContain(id);
    }
    assertThat(text).doesNotContain(world.cooperative, world.postedRun, world.publicizedRun, "165600", "Fen");
  }
}
