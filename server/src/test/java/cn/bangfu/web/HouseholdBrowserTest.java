package cn.bangfu.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.platform.ChineseText;
import cn.bangfu.support.Browser;
import cn.bangfu.support.ClassServer;
import cn.bangfu.support.GrapeHouseholds;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * /household in Debian's chromium on a phone (issue 15): 杨启宇 signs in on a 412×915 screen, reads the
 * statement (the API's figures), objects to the run in publicity and gets a receipt; the page keeps the
 * budgets of DESIGN.md 8.2 as the browser measures them. Screenshots land in target/screenshots.
 */
class HouseholdBrowserTest {
  @ClassServer static TestServer server;
  static GrapeHouseholds world;
  static String yang;
  static String yangToken;

  /** Every element with text of its own: its computed font size, and its contrast on the background it shows on. */
  private static final String TEXT_STYLES = """
      const lum = c => { const v = c.match(/[0-9.]+/g).slice(0, 3).map(x => { x = x / 255;
        return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); });
        return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
      const bg = e => { for (; e; e = e.parentElement) { const c = getComputedStyle(e).backgroundColor;
        if (c && c !== 'transparent' && !c.startsWith('rgba(0, 0, 0, 0)')) return c; } return 'rgb(255, 255, 255)'; };
      const out = [];
      for (const e of document.body.querySelectorAll('*')) {
        const own = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
        if (!own || e.offsetParent === null) continue;
        const s = getComputedStyle(e);
        const a = lum(s.color), b = lum(bg(e));
        out.push([e.tagName + ' ' + e.textContent.trim().slice(0, 20), parseFloat(s.fontSize),
          (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)]);
      }
      return out;""";

  private static final String TAP_TARGETS = """
      return [...document.querySelectorAll('a, button, input:not([type=hidden]), textarea')]
        .map(e => { const r = e.getBoundingClientRect(); return [e.tagName + ' ' + (e.textContent || e.name).trim(),
          Math.min(r.width, r.height)]; });""";

  @BeforeAll
  static void world() {
    world = new GrapeHouseholds(server);
    yang = world.householdUser(0);
    yangToken = server.http.login(yang, GrapeHouseholds.PASSWORD);
  }

  private static String url(String path) {
    return "http://localhost:" + server.server().port() + path;
  }

  /** Signs in through the form, as a person types it, and lands on /household. */
  private static void signIn(Browser browser) {
    browser.go(url("/login"));
    browser.driver().findElement(By.id("username")).sendKeys(yang);
    browser.driver().findElement(By.id("password")).sendKeys(GrapeHouseholds.PASSWORD);
    browser.driver().findElement(By.cssSelector("button[type=submit]")).click();
    after(browser).until(ExpectedConditions.urlMatches("/household$"));
  }

  /**
   * A click on a form's button returns before the next page has loaded when the machine is busy: wait for
   * the page the form leads to (a condition, not a sleep).
   */
  private static WebDriverWait after(Browser browser) {
    return new WebDriverWait(browser.driver(), Duration.ofSeconds(30));
  }

  @Test
  void a_household_signs_in_on_a_phone_and_reads_the_statements_figures() {
    long total = server.http.get("/api/v1/households/" + world.households.get(0) + "/statement?year="
        + server.today().getYear(), yangToken).expect(200).body().getLong("totalFen");
    try (Browser browser = Browser.phone()) {
      browser.go(url("/login"));
      browser.screenshot("household-1-login");
      signIn(browser);
      browser.screenshot("household-2-statement");

      assertThat(browser.driver().findElement(By.cssSelector(".total")).getText())
          .isEqualTo(ChineseText.yuan(total) + " 元");
      assertThat(browser.driver().findElement(By.tagName("main")).getText())
          .contains("按交易额返还：1,080.00 元", "您交售葡萄 3,000.00 元，占合作社交售额 25%。");
    }
  }

  @Test
  void a_household_objects_during_publicity_and_gets_a_receipt() {
    try (Browser browser = Browser.phone()) {
      signIn(browser);
      browser.driver().findElement(By.cssSelector("form[action='/household/objections'] textarea"))
          .sendKeys("九月我家交售了 150 公斤葡萄，这里只算了 100 公斤。");
      browser.driver().findElement(By.cssSelector("form[action='/household/objections'] button")).click();
      String receipt = after(browser).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".ok")))
          .getText();
      browser.screenshot("household-3-receipt");
      assertThat(receipt).matches("您的异议已收到。回执编号：[ACDEFHJKMNPQRTWXY34679]{6}。(?s).*");
      JsonObject filed = server.http.get("/api/v1/distributions/" + world.publicizedRun + "/objections",
          world.coopToken).expect(200).body().getJsonArray("items").getJsonObject(0);
      assertThat(filed.getString("text")).isEqualTo("九月我家交售了 150 公斤葡萄，这里只算了 100 公斤。");
      assertThat(receipt).contains("回执编号：" + filed.getString("receiptNumber") + "。");
    }
  }

  @Test
  void the_page_keeps_its_budgets_in_the_browser() {
    try (Browser browser = Browser.phone()) {
      signIn(browser);
      browser.go(url("/household")); // a fresh load: its own navigation entry and resources

      long transferred = browser.transferred();
      assertThat(transferred).as("bytes transferred, gzip").isPositive().isLessThanOrEqualTo(50 * 1024);
      @SuppressWarnings("unchecked")
      List<List<Object>> text = (List<List<Object>>) browser.script(TEXT_STYLES);
      assertThat(text).isNotEmpty();
      for (List<Object> element : text) {
        assertThat(((Number) element.get(1)).doubleValue()).as("font size of " + element.get(0)).isGreaterThanOrEqualTo(18);
        assertThat(((Number) element.get(2)).doubleValue()).as("contrast of " + element.get(0)).isGreaterThanOrEqualTo(4.5);
      }
      @SuppressWarnings("unchecked")
      List<List<Object>> targets = (List<List<Object>>) browser.script(TAP_TARGETS);
      assertThat(targets).hasSizeGreaterThanOrEqualTo(3);
      for (List<Object> target : targets) {
        assertThat(((Number) target.get(1)).doubleValue()).as("tap target " + target.get(0)).isGreaterThanOrEqualTo(44);
      }
    }
  }

  @Test
  void no_horizontal_scroll_at_360_px_nor_with_text_at_140_percent() {
    try (Browser narrow = Browser.open(360, 800, 1.0)) {
      signIn(narrow);
      narrow.screenshot("household-4-360px");
      assertThat(((Number) narrow.script("return document.documentElement.scrollWidth")).intValue())
          .isLessThanOrEqualTo(360);
    }
    try (Browser large = Browser.phoneWithLargeText(1.4)) {
      signIn(large);
      large.screenshot("household-5-text-140");
      assertThat(((Number) large.script("return document.documentElement.scrollWidth - window.innerWidth")).intValue())
          .isLessThanOrEqualTo(0);
    }
  }
}
