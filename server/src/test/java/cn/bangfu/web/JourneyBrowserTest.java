package cn.bangfu.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.LedgerServer;
import cn.bangfu.support.Browser;
import cn.bangfu.support.Http;
import cn.bangfu.support.MutableClock;
import cn.bangfu.support.TestDatabase;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The three consoles end to end on the demo world (issue 16): the 岑丰村 grape cooperative posts 30,000 公斤
 * of 特级 grapes at 12 元 → 贵州青酒集团's buyer posts a demand, finds the lot among its matches and orders it
 * all → the cooperative confirms, ships, delivers → the next day the winery accepts and settles → the
 * cooperative drafts that day's surplus (the sale less the year's costs not yet distributed) and publicizes it → a week passes on the business clock → the county
 * regulator approves → the cooperative posts and gets the payout file. Every step in the browser, on a
 * phone; screenshots journey-*.
 */
class JourneyBrowserTest {
  private static final String PASSWORD = "demo-password-2026";

  @Test
  void a_lot_becomes_a_sale_then_a_distribution_approved_posted_and_paid_out() {
    Browser.requireChromium();
    MutableClock clock = new MutableClock();
    LedgerServer server = new LedgerServer(TestServer.config(TestDatabase.freshDatabase(), TestServer.randomKey(), 3600)
        .demo(true).clock(clock).build()).start();
    String base = "http://localhost:" + server.port();
    try (Browser browser = Browser.phone(); Http http = new Http(server.port())) {
      WebDriverWait wait = new WebDriverWait(browser.driver(), Duration.ofSeconds(15));
      String coopToken = http.login("cenfeng-coop", PASSWORD);
      String wineryToken = http.login("qingjiu-buyer", PASSWORD);
      String coop = http.get("/api/v1/cooperatives", http.login("county-regulator", PASSWORD)).expect(200).body()
          .getJsonArray("items").getJsonObject(0).getString("id");
      LocalDate today = server.clock().today();

      // 1. the cooperative posts a lot
      signIn(browser, wait, base, "cenfeng-coop", "/coop");
      browser.driver().findElement(By.id("product")).sendKeys("葡萄");
      browser.driver().findElement(By.id("grade")).sendKeys("特级");
      browser.driver().findElement(By.id("quantity")).sendKeys("30000");
      browser.driver().findElement(By.id("price")).sendKeys("12");
      browser.driver().findElement(By.cssSelector("input[value=POVERTY_PRODUCT]")).click();
      browser.driver().findElement(By.cssSelector("form[action='/coop/lots'] button")).click();
      wait.until(ExpectedConditions.textToBe(By.cssSelector(".ok"), "货品已发布，采购单位现在可以看到并下单。"));
      shot(browser, "journey-1-lot-posted");
      String lot = http.get("/api/v1/lots?cooperativeId=" + coop + "&product=%E8%91%A1%E8%90%84", coopToken)
          .expect(200).body().getJsonArray("items").stream().map(JsonObject.class::cast)
          .filter(l -> l.getString("grade").equals("特级")).findFirst().orElseThrow().getString("id");

      // 2. the canteen finds it through its demand's matches and orders
      signIn(browser, wait, base, "qingjiu-buyer", "/buyer");
      browser.driver().findElement(By.id("d-product")).sendKeys("葡萄");
      browser.driver().findElement(By.id("d-quantity")).sendKeys("30000");
      browser.driver().findElement(By.id("d-maxPrice")).sendKeys("13");
      setValue(browser, "d-deliverBy", today.plusDays(20).toString());
      browser.driver().findElement(By.cssSelector("form[action='/buyer/demands'] button")).click();
      wait.until(ExpectedConditions.urlMatches(".*/buyer/demands/[0-9]+$"));
      assertThat(browser.driver().findElement(By.cssSelector("section.match:has(input[value='" + lot + "'])")).getText())
          .contains("单价 12.00 元/公斤，在预算 13.00 元以内", "能供 30,000 公斤（您要 30,000 公斤）");
      browser.driver().findElement(By.id("quantity-" + lot)).sendKeys("30000");
      shot(browser, "journey-2-matches");
      browser.script("document.querySelector(\"input[name=lotId][value='" + lot + "']\").form.requestSubmit();");
      wait.until(ExpectedConditions.textToBe(By.cssSelector(".ok"), "订单已提交，等合作社确认。"));
      String order = http.get("/api/v1/orders", wineryToken).expect(200).body().getJsonArray("items").stream()
          .map(JsonObject.class::cast).filter(o -> o.getString("lotId").equals(lot)).findFirst().orElseThrow()
          .getString("id");

      // 3. the cooperative confirms, ships, delivers
      signIn(browser, wait, base, "cenfeng-coop", "/coop");
      for (String[] step : new String[][] {{"confirm", "已确认接单。"}, {"ship", "已记为发货。"},
          {"deliver", "已记为送达，等采购单位验收。"}}) {
        browser.driver().findElement(By.cssSelector("form[action='/coop/orders/" + order + "/" + step[0] + "'] button"))
            .click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector(".ok"), step[1]));
      }
      shot(browser, "journey-3-delivered");

      // 4. the next day the canteen accepts and settles (the demo books its own year's costs today)
      clock.advance(Duration.ofDays(1));
      LocalDate saleDay = server.clock().today();
      signIn(browser, wait, base, "qingjiu-buyer", "/buyer");
      browser.driver().findElement(By.cssSelector("form[action='/buyer/orders/" + order + "/accept'] button")).click();
      wait.until(ExpectedConditions.textToBe(By.cssSelector(".ok"), "已验收。请付款后回来填写付款凭证号。"));
      browser.driver().findElement(By.id("ref-" + order)).sendKeys("青酒-2026-1205");
      browser.driver().findElement(By.cssSelector("form[action='/buyer/orders/" + order + "/settle'] button")).click();
      wait.until(ExpectedConditions.textToBe(By.cssSelector(".ok"), "已结算，计入本单位今年的预留份额采购。"));
      shot(browser, "journey-4-settled");
      assertThat(http.get("/api/v1/orders/" + order, wineryToken).body().getString("status")).isEqualTo("SETTLED");

      // 5. the cooperative drafts the sale day's surplus and publicizes it
      signIn(browser, wait, base, "cenfeng-coop", "/coop");
      browser.go(base + "/coop/distributions");
      browser.script("document.getElementById('ruleSetId').value = 'coop-surplus-60';");
      setValue(browser, "periodStart", saleDay.toString());
      setValue(browser, "periodEnd", saleDay.toString());
      browser.driver().findElement(By.cssSelector("form[action='/coop/distributions'] button")).click();
      wait.until(ExpectedConditions.urlMatches(".*/coop/distributions/[0-9]+$"));
      String url = browser.driver().getCurrentUrl();
      String run = url.substring(url.lastIndexOf('/') + 1);
      shot(browser, "journey-5-preview");
      browser.driver().findElement(By.cssSelector("form[action='/coop/distributions/" + run + "/publicize'] button"))
          .click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".ok")));
      shot(browser, "journey-6-publicized");
      JsonObject publicized = http.get("/api/v1/distributions/" + run, coopToken).expect(200).body();
      assertThat(publicized.getString("status")).isEqualTo("PUBLICIZED");
      // the winery's 30,000 公斤 at 12 元; the demo's year of costs, not yet distributed, comes off it
      assertThat(publicized.getLong("revenueFen")).isEqualTo(36_000_000);
      assertThat(publicized.getLong("poolFen")).isPositive();

      // 6. a week and a day pass (business clock); the regulator approves
      clock.advance(Duration.ofDays(8));
      signIn(browser, wait, base, "county-regulator", "/regulator");
      browser.driver().findElement(By.cssSelector("a[href='/regulator/runs/" + run + "']")).click();
      wait.until(ExpectedConditions.urlMatches(".*/regulator/runs/" + run + "$"));
      browser.driver().findElement(By.cssSelector("form[action='/regulator/runs/" + run + "/approve'] button")).click();
      wait.until(ExpectedConditions.textToBe(By.cssSelector(".ok"), "已审批。合作社现在可以入账并发放。"));
      shot(browser, "journey-7-approved");

      // 7. the cooperative posts and takes the payout file
      signIn(browser, wait, base, "cenfeng-coop", "/coop");
      browser.go(base + "/coop/distributions/" + run);
      browser.driver().findElement(By.cssSelector("form[action='/coop/distributions/" + run + "/post'] button")).click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("a[href='/coop/distributions/" + run
          + "/payout']")));
      shot(browser, "journey-8-posted");
      assertThat(http.get("/api/v1/distributions/" + run, coopToken).body().getString("status")).isEqualTo("POSTED");
      Http.Response payout = http.get("/api/v1/distributions/" + run + "/payout", coopToken).expect(200);
      assertThat(payout.text()).contains("合计");
    } finally {
      server.stop();
    }
  }

  /** Signs out whoever is signed in (or whose session expired) and signs {@code user} in. */
  /** A screenshot of the step, and the console page's weight: no page over 300 KB transferred (issue 16). */
  private static void shot(Browser browser, String name) {
    browser.screenshot(name);
    assertThat(browser.transferred()).as(name + ": bytes transferred").isPositive().isLessThanOrEqualTo(300 * 1024);
  }

  private static void signIn(Browser browser, WebDriverWait wait, String base, String user, String landing) {
    browser.driver().manage().deleteAllCookies();
    browser.go(base + "/login");
    browser.driver().findElement(By.id("username")).sendKeys(user);
    browser.driver().findElement(By.id("password")).sendKeys(PASSWORD);
    browser.driver().findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(ExpectedConditions.urlMatches(".*" + landing + "$"));
  }

  private static void setValue(Browser browser, String id, String value) {
    browser.script("document.getElementById(arguments[0]).value = arguments[1];", id, value);
  }
}
