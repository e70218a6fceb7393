package cn.bangfu.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.support.Browser;
import cn.bangfu.support.ClassServer;
import cn.bangfu.support.Fixtures;
import cn.bangfu.support.Market;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * /coop/book in Debian's chromium (issue 16): the accountant books 300 公斤 of grapes for 张秀英 at 3,600 元
 * with the form, uploads a season's deliveries through the page's file input (a file with a bad row first,
 * refused with its row named, then the corrected one), and opens the member's account. Screenshots
 * book-1..4 in target/screenshots.
 */
class BookBrowserTest {
  private static final String PASSWORD = "book-browser-2026";
  @ClassServer static TestServer server;

  private static String url(String path) {
    return "http://localhost:" + server.server().port() + path;
  }

  @Test
  void the_accountant_books_a_delivery_uploads_a_season_and_reads_the_member_account() throws Exception {
    Browser.requireChromium();
    Market market = Market.open(server, "岑丰村葡萄合作社", Fixtures.REGION);
    String idNumber = Fixtures.idNumber();
    String zhang = server.http.post("/api/v1/households", server.adminToken, Fixtures.household("张秀英", idNumber))
        .expect(201).body().getString("id");
    server.http.post("/api/v1/cooperatives/" + market.coop + "/members", market.coopToken,
        Fixtures.membership(zhang)).expect(201);
    String accountant = "book-browser-" + System.nanoTime() % 100_000;
    server.http.post("/api/v1/users", server.adminToken, new JsonObject().put("username", accountant)
        .put("password", PASSWORD).put("role", "COOP").put("scopeId", market.coop)).expect(201);
    String day = server.today().withMonth(8).withDayOfMonth(20).toString();
    Path dir = Files.createTempDirectory("book-upload");
    Path bad = dir.resolve("交售-有错.csv");
    Files.writeString(bad, "姓名,身份证号,品名,数量,单位,金额（元）,交售日期\n张秀英," + idNumber + ",葡萄,200,公斤,2400," + day
        + "\n张秀英," + idNumber + ",葡萄,100,公斤,一千二," + day + "\n", StandardCharsets.UTF_8);
    Path good = dir.resolve("交售.csv");
    Files.writeString(good, "姓名,身份证号,品名,数量,单位,金额（元）,交售日期\n张秀英," + idNumber + ",葡萄,200,公斤,2400," + day
        + "\n张秀英," + idNumber + ",葡萄,100,公斤,1200," + day + "\n", StandardCharsets.UTF_8);

    try (Browser browser = Browser.phone()) {
      WebDriverWait wait = new WebDriverWait(browser.driver(), Duration.ofSeconds(10));
      browser.go(url("/login"));
      browser.driver().findElement(By.id("username")).sendKeys(accountant);
      browser.driver().findElement(By.id("password")).sendKeys(PASSWORD);
      browser.driver().findElement(By.cssSelector("button[type=submit]")).click();
      wait.until(ExpectedConditions.urlMatches(".*/coop$"));
      browser.driver().findElement(By.linkText("成员和记账")).click();
      wait.until(ExpectedConditions.urlMatches(".*/coop/book$"));
      browser.screenshot("book-1-page");

      new Select(browser.driver().findElement(By.id("delivery-member"))).selectByValue(zhang);
      browser.driver().findElement(By.id("delivery-product")).sendKeys("葡萄");
      browser.driver().findElement(By.id("delivery-quantity")).sendKeys("300");
      browser.driver().findElement(By.id("delivery-value")).sendKeys("3600");
      browser.driver().findElement(By.cssSelector("#delivery-form button")).click();
      wait.until(ExpectedConditions.textToBe(By.cssSelector(".ok"), "交售已记账：合作社欠这户的货款记在成员往来上。"));

      browser.driver().findElement(By.id("upload-file")).sendKeys(bad.toString());
      browser.driver().findElement(By.cssSelector("#upload-form button")).click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("upload-error")));
      assertThat(browser.driver().findElement(By.id("upload-error")).getText())
          .startsWith("表格第 3 行“金额（元）”：金额请填大于 0 的元数");
      browser.screenshot("book-2-upload-refused");

      browser.driver().findElement(By.id("upload-file")).sendKeys(good.toString());
      browser.driver().findElement(By.cssSelector("#upload-form button")).click();
      wait.until(ExpectedConditions.textToBe(By.cssSelector(".ok"), "文件里的 2 笔交售都已记账。"));
      browser.screenshot("book-3-uploaded");

      browser.driver().findElement(By.cssSelector("section.member[data-member='" + zhang + "'] a")).click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("trade")));
      // 3,600 typed + 2,400 + 1,200 uploaded
      assertThat(browser.driver().findElement(By.id("trade")).getText()).isEqualTo("7,200.00 元");
      browser.screenshot("book-4-member-account");
    }
    long trade = server.http.get("/api/v1/cooperatives/" + market.coop + "/members/" + zhang + "/account?year="
        + server.today().getYear(), market.coopToken).expect(200).body().getLong("tradeVolumeFen");
    assertThat(trade).isEqualTo(720_000);
  }
}
