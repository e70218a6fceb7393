package cn.bangfu.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.distribution.DraftJobs;
import cn.bangfu.distribution.DraftProgress;
import cn.bangfu.identity.Principal;
import cn.bangfu.identity.Role;
import cn.bangfu.support.Browser;
import cn.bangfu.support.ClassServer;
import cn.bangfu.support.Fixtures;
import cn.bangfu.support.Market;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * /coop in Debian's chromium (issue 16): the accountant of a grape cooperative signs in, posts 800 公斤 of
 * 一级 grapes at 12 元 with the form, then confirms, ships and delivers the canteen's order (placed through
 * the API) with the page's buttons. Screenshots of each step land in target/screenshots (coop-*).
 */
class CoopBrowserTest {
  private static final String PASSWORD = "coop-browser-2026";
  @ClassServer static TestServer server;

  private static String url(String path) {
    return "http://localhost:" + server.server().port() + path;
  }

  private static void signIn(Browser browser, String accountant) {
    browser.go(url("/login"));
    browser.driver().findElement(By.id("username")).sendKeys(accountant);
    browser.driver().findElement(By.id("password")).sendKeys(PASSWORD);
    browser.driver().findElement(By.cssSelector("button[type=submit]")).click();
    // the click returns before the sign-in's redirect has loaded: wait for the console (or fail after 10 s)
    new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(ExpectedConditions.urlMatches(".*/coop$"));
  }

  @Test
  void the_accountant_posts_a_lot_and_moves_an_order_through_confirm_ship_and_deliver() {
    Browser.requireChromium();
    Market market = Market.open(server, "岑丰村葡萄", Fixtures.REGION);
    String accountant = "coop-browser-" + System.nanoTime() % 100_000;
    server.http.post("/api/v1/users", server.adminToken, new JsonObject().put("username", accountant)
        .put("password", PASSWORD).put("role", "COOP").put("scopeId", market.coop)).expect(201);

    try (Browser browser = Browser.phone()) {
      signIn(browser, accountant);
      assertThat(browser.driver().getCurrentUrl()).endsWith("/coop");
      browser.screenshot("coop-1-landing");

      browser.driver().findElement(By.id("product")).sendKeys("葡萄");
      browser.driver().findElement(By.id("grade")).sendKeys("一级");
      browser.driver().findElement(By.id("quantity")).sendKeys("800");
      browser.driver().findElement(By.id("price")).sendKeys("12");
      browser.driver().findElement(By.cssSelector("input[value=POVERTY_PRODUCT]")).click();
      browser.driver().findElement(By.cssSelector("form[action='/coop/lots'] button")).click();
      new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
          .until(ExpectedConditions.textToBe(By.cssSelector(".ok"), "货品已发布，采购单位现在可以看到并下单。"));
      browser.screenshot("coop-2-lot-posted");

      JsonArray lots = server.http.get("/api/v1/lots?cooperativeId=" + market.coop, market.coopToken).expect(200)
          .body().getJsonArray("items");
      assertThat(lots).hasSize(1);
      assertThat(lots.getJsonObject(0).getLong("unitPriceFen")).isEqualTo(1200);
      String order = market.placedOrder(lots.getJsonObject(0).getString("id"), "150");

      browser.go(url("/coop"));
      assertThat(browser.driver().findElement(By.cssSelector("section.order")).getText())
          .contains("岑丰村葡萄中学食堂", "葡萄 150 公斤，金额 1,800.00 元", "待确认");
      browser.screenshot("coop-3-order-waiting");
      String[][] steps = {{"confirm", "CONFIRMED", "已确认接单。"}, {"ship", "SHIPPED", "已记为发货。"},
          {"deliver", "DELIVERED", "已记为送达，等采购单位验收。"}};
      int shot = 4;
      for (String[] step : steps) {
        browser.driver().findElement(By.cssSelector("form[action='/coop/orders/" + order + "/" + step[0] + "'] button"))
            .click();
        // the click returns before the next page has loaded: wait for its message (or fail after 10 s)
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
            .until(ExpectedConditions.textToBe(By.cssSelector(".ok"), step[2]));
        browser.screenshot("coop-" + shot++ + "-" + step[0]);
        assertThat(server.http.get("/api/v1/orders/" + order, market.buyerToken).expect(200).body()
            .getString("status")).isEqualTo(step[1]);
      }
      assertThat(browser.driver().findElements(By.cssSelector("section.order"))).isEmpty();
    }
  }

  /**
   * A draft in progress, as the accountant sees it on a phone: the bar, the stage in words, and the page
   * refreshing itself. The job is opened without being run, so the bar stays where the test put it.
   */
  @Test
  void a_draft_in_progress_shows_a_bar_that_an_accountant_can_read() {
    Browser.requireChromium();
    Market market = Market.open(server, "岑丰村葡萄", Fixtures.REGION);
    String accountant = "coop-job-" + System.nanoTime() % 100_000;
    String userId = server.http.post("/api/v1/users", server.adminToken, new JsonObject().put("username", accountant)
        .put("password", PASSWORD).put("role", "COOP").put("scopeId", market.coop)).expect(201).body().getString("id");
    DraftJobs jobs = server.server().draftJobs();
    long job = jobs.open(new Principal(Long.parseLong(userId), accountant, Role.COOP, market.coop),
        Long.parseLong(market.coop), "coop-surplus-60", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31))
        .await().id();
    jobs.reporter(job).at(DraftProgress.Stage.WRITING, 4_000, 10_000);

    try (Browser browser = Browser.phone()) {
      signIn(browser, accountant);
      browser.go(url("/coop/distributions"));
      browser.driver().findElement(By.cssSelector("#drafting a")).click();
      new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
          .until(ExpectedConditions.urlMatches(".*/coop/distributions/jobs/" + job + "$"));

      assertThat(browser.driver().findElement(By.tagName("progress")).isDisplayed()).isTrue();
      assertThat(browser.driver().findElement(By.tagName("progress")).getDomProperty("value")).isEqualTo("52");
      assertThat(browser.driver().findElement(By.cssSelector(".stage")).getText())
          .isEqualTo("正在保存每一笔的金额和说明：已保存 4,000 笔，共 10,000 笔。");
      browser.screenshot("coop-draft-job");
    }
  }
}
