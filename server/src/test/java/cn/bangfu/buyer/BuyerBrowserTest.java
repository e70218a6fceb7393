package cn.bangfu.buyer;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.support.Browser;
import cn.bangfu.support.ClassServer;
import cn.bangfu.support.Fixtures;
import cn.bangfu.support.Market;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * /buyer in Debian's chromium on a phone (issue 16): the canteen's buyer signs in, finds 岑丰村 grapes,
 * orders 150 公斤 (a double click: one order), accepts 140 when the cooperative has delivered, settles with
 * the bank's reference and sees the month's bar in the reserved-share chart. Screenshots: buyer-*.
 */
class BuyerBrowserTest {
  private static final String PASSWORD = "buyer-browser-2026";
  @ClassServer static TestServer server;

  private static String url(String path) {
    return "http://localhost:" + server.server().port() + path;
  }

  @Test
  void the_canteen_finds_orders_accepts_and_settles() {
    Browser.requireChromium();
    Market market = Market.open(server, "岑丰村葡萄", Fixtures.REGION);
    String lot = market.lot("800");
    String buyer = "canteen-browser-" + System.nanoTime() % 100_000;
    server.http.post("/api/v1/users", server.adminToken, new JsonObject().put("username", buyer)
        .put("password", PASSWORD).put("role", "BUYER").put("scopeId", market.buyer)).expect(201);

    try (Browser browser = Browser.phone()) {
      WebDriverWait wait = new WebDriverWait(browser.driver(), Duration.ofSeconds(10));
      browser.go(url("/login"));
      browser.driver().findElement(By.id("username")).sendKeys(buyer);
      browser.driver().findElement(By.id("password")).sendKeys(PASSWORD);
      browser.driver().findElement(By.cssSelector("button[type=submit]")).click();
      wait.until(ExpectedConditions.urlMatches(".*/buyer$"));
      browser.screenshot("buyer-1-console");

      browser.go(url("/buyer?product=%E8%91%A1%E8%90%84#lots"));
      browser.driver().findElement(By.id("quantity-" + lot)).sendKeys("150");
      browser.screenshot("buyer-2-lot");
      // two clicks in a row, as an impatient hand does: the second posts the same one-time key
      browser.script("const f = document.querySelector(\"input[name=lotId][value='" + lot + "']\").form;"
          + " f.requestSubmit(); f.requestSubmit();");
      wait.until(ExpectedConditions.textToBe(By.cssSelector(".ok"), "订单已提交，等合作社确认。"));
      assertThat(server.http.get("/api/v1/orders", market.buyerToken).expect(200).body().getJsonArray("items"))
          .hasSize(1);
      String order = server.http.get("/api/v1/orders", market.buyerToken).body().getJsonArray("items")
          .getJsonObject(0).getString("id");
      market.advance(order, "DELIVERED");

      browser.go(url("/buyer#orders"));
      var accepted = browser.driver().findElement(By.id("accepted-" + order));
      accepted.clear();
      accepted.sendKeys("140");
      browser.driver().findElement(By.cssSelector("form[action='/buyer/orders/" + order + "/accept'] button")).click();
      wait.until(ExpectedConditions.textToBe(By.cssSelector(".ok"), "已验收。请付款后回来填写付款凭证号。"));
      browser.driver().findElement(By.id("ref-" + order)).sendKeys("NX20261203-0042");
      browser.screenshot("buyer-3-settle");
      browser.driver().findElement(By.cssSelector("form[action='/buyer/orders/" + order + "/settle'] button")).click();
      wait.until(ExpectedConditions.textToBe(By.cssSelector(".ok"), "已结算，计入本单位今年的预留份额采购。"));
      assertThat(browser.driver().findElement(By.id("share")).getText()).contains("已采购 1,680.00 元");
      browser.screenshot("buyer-4-share");
      Object overflow = browser.script(
          "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
      assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
    }
  }
}
