package cn.bangfu.regulator;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.support.Browser;
import cn.bangfu.support.ClassServer;
import cn.bangfu.support.GrapeHouseholds;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * /regulator in Debian's chromium on a phone (issue 16): the county official signs in, finds the 岑丰村
 * grape cooperative's September run on the work list, opens it after its publicity ended (business clock),
 * approves it with the page's button, then looks a household up by its family name and opens the
 * procurement table. Screenshots of each step land in target/screenshots (regulator-*).
 */
class RegulatorBrowserTest {
  @ClassServer static TestServer server;

  private static String url(String path) {
    return "http://localhost:" + server.server().port() + path;
  }

  @Test
  void the_county_official_approves_a_run_then_looks_a_household_up() {
    Browser.requireChromium();
    GrapeHouseholds world = new GrapeHouseholds(server);
    String official = world.user("REGULATOR", "450123");
    String run = world.publicizedRun;
    server.endPublicity(run, world.regulatorToken);

    try (Browser browser = Browser.phone()) {
      WebDriverWait wait = new WebDriverWait(browser.driver(), Duration.ofSeconds(10));
      browser.go(url("/login"));
      browser.driver().findElement(By.id("username")).sendKeys(official);
      browser.driver().findElement(By.id("password")).sendKeys(GrapeHouseholds.PASSWORD);
      browser.driver().findElement(By.cssSelector("button[type=submit]")).click();
      wait.until(ExpectedConditions.urlMatches(".*/regulator$"));
      assertThat(browser.driver().findElement(By.cssSelector("section.run")).getText())
          .contains("岑丰村葡萄合作社", "已期满");
      browser.screenshot("regulator-1-work-list");

      browser.driver().findElement(By.cssSelector("a[href='/regulator/runs/" + run + "']")).click();
      wait.until(ExpectedConditions.urlMatches(".*/regulator/runs/" + run + "$"));
      browser.screenshot("regulator-2-run");
      browser.driver().findElement(By.cssSelector("form[action='/regulator/runs/" + run + "/approve'] button")).click();
      wait.until(ExpectedConditions.textToBe(By.cssSelector(".ok"), "已审批。合作社现在可以入账并发放。"));
      browser.screenshot("regulator-3-approved");
      assertThat(server.http.get("/api/v1/distributions/" + run, world.regulatorToken).expect(200).body()
          .getString("status")).isEqualTo("APPROVED");

      browser.go(url("/regulator/households"));
      browser.driver().findElement(By.id("q")).sendKeys("杨");
      browser.driver().findElement(By.cssSelector("form[action='/regulator/households'] button")).click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr.household")));
      assertThat(browser.driver().findElement(By.cssSelector("table.households")).getText()).contains("杨*宇")
          .doesNotContain("杨启宇");
      browser.screenshot("regulator-4-search");
      browser.driver().findElement(By.cssSelector("tr.household a")).click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".total")));
      browser.screenshot("regulator-5-household");

      server.http.post("/api/v1/buyers", server.adminToken, cn.bangfu.support.Fixtures.buyer("岑巩县第一中学食堂"))
          .expect(201);
      browser.go(url("/regulator/procurement"));
      assertThat(browser.driver().findElement(By.cssSelector("table.buyers")).getText()).contains("岑巩县第一中学食堂");
      browser.screenshot("regulator-6-procurement");
      // no sideways scrolling on the phone
      Object overflow = browser.script("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
      assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
    }
  }
}
