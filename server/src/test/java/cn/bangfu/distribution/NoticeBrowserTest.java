package cn.bangfu.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.rules.result.Money;
import cn.bangfu.support.Browser;
import cn.bangfu.support.ClassServer;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Pdf;
import org.openqa.selenium.print.PageMargin;
import org.openqa.selenium.print.PageSize;
import org.openqa.selenium.print.PrintOptions;

/**
 * The publicity notice in a real browser (issue 15): a passer-by scans the code on the village board
 * with a cheap phone, without an account, and reads the notice; the cooperative prints it on A4.
 * Given a grape cooperative of 100 member households, whose surplus run has 201 lines — the first
 * page of the notice is as long as a page gets (200 lines), so the budgets are checked at their worst.
 */
class NoticeBrowserTest {
  @ClassServer static TestServer server;

  static final int HOUSEHOLDS = 100;
  /** A4 in PostScript points, and the 12 mm margins the print options ask for. */
  static final float A4_WIDTH = 595.28f;
  static final float A4_HEIGHT = 841.89f;
  static final float MARGIN = 12 / 25.4f * 72;

  static String runId;
  static JsonArray firstPageLines;

  @BeforeAll
  static void aPublicizedRunOfAHundredHouseholds() {
    GrapeCooperative coop = new GrapeCooperative(server, "岑丰村葡萄专业合作社", HOUSEHOLDS);
    coop.settledOrder(915_101, 12_345_678, LocalDate.of(2026, 8, 30));
    runId = GrapeCooperative.created(coop.draft("coop-surplus-60", "2026-01-01", "2026-12-31"));
    coop.post("/api/v1/distributions/" + runId + "/publicize", coop.coopToken, new JsonObject().put("days", 7))
        .expect(200);
    firstPageLines = server.http.get("/api/v1/public/distributions/" + runId + "/notice?limit="
        + NoticePage.LINES_PER_PAGE, null).expect(200).body().getJsonArray("lines");
  }

  String url() {
    return "http://localhost:" + server.server().port() + NoticePage.PATH + runId;
  }

  @Test
  void a_passer_by_opens_the_notice_on_a_phone_without_signing_in_within_every_budget() {
    try (Browser browser = Browser.phone()) {
      browser.go(url());
      browser.screenshot("notice-phone-412");

      assertThat(browser.driver().getCurrentUrl()).as("no sign-in page in between").isEqualTo(url());
      assertThat(browser.driver().findElement(org.openqa.selenium.By.tagName("h1")).getText())
          .contains("岑丰村葡萄专业合作社");
      assertThat(rowCount(browser)).isEqualTo(NoticePage.LINES_PER_PAGE);
      assertThat(((Number) browser.script("return document.scripts.length")).intValue())
          .as("nothing needs JavaScript: the page has no script").isZero();
      assertNoHorizontalScroll(browser, Browser.PHONE_WIDTH);
      assertThat(smallestTextPx(browser)).as("smallest text, px").isGreaterThanOrEqualTo(18.0);
      assertThat(smallestTapTarget(browser)).as("smallest link, px").isGreaterThanOrEqualTo(44.0);
      assertThat(worstContrast(browser)).as("lowest text contrast").isGreaterThanOrEqualTo(4.5);

      // everything the phone downloaded for the page: the HTML (gzip) and its one style sheet
      @SuppressWarnings("unchecked")
      List<Number> sizes = (List<Number>) browser.script("const n = performance.getEntriesByType('navigation')[0];"
          + "const r = performance.getEntriesByType('resource');"
          + "return [n.transferSize + r.reduce((s, e) => s + e.transferSize, 0), n.encodedBodySize, n.decodedBodySize];");
      assertThat(sizes.get(0).longValue()).as("bytes transferred").isPositive().isLessThanOrEqualTo(50 * 1024);
      assertThat(sizes.get(1).longValue()).as("the HTML travels compressed").isLessThan(sizes.get(2).longValue() / 3);
    }
  }

  @Test
  void on_the_narrowest_phone_and_with_large_text_nothing_scrolls_sideways() {
    try (Browser browser = Browser.open(360, 780, 1.0)) {
      browser.go(url());
      assertNoHorizontalScroll(browser, 360);
      browser.script("document.querySelector('#list').scrollIntoView()");
      browser.screenshot("notice-phone-360-list");
    }
    try (Browser browser = Browser.phoneWithLargeText(1.4)) {
      browser.go(url());
      assertNoHorizontalScroll(browser, (int) Math.round(Browser.PHONE_WIDTH / 1.4));
      browser.screenshot("notice-phone-large-text");
    }
  }

  @Test
  void printed_on_a4_for_the_village_board_every_line_is_whole_within_the_page_and_each_sheet_has_the_header()
      throws IOException {
    try (Browser browser = Browser.phone()) {
      browser.go(url());
      PrintOptions a4 = new PrintOptions();
      a4.setPageSize(new PageSize(29.7, 21.0));
      a4.setPageMargin(new PageMargin(1.2, 1.2, 1.2, 1.2));
      // no shrinking: a table wider than the sheet must show as cut, not silently scaled down
      a4.setShrinkToFit(false);
      Pdf pdf = browser.driver().print(a4);
      byte[] bytes = Base64.getDecoder().decode(pdf.getContent());
      Files.createDirectories(Browser.SCREENSHOTS);
      Files.write(Browser.SCREENSHOTS.resolve("notice-a4.pdf"), bytes);

      try (PDDocument document = Loader.loadPDF(bytes)) {
        assertThat(document.getNumberOfPages()).as("200 lines take several sheets").isGreaterThan(2);
        List<String> sheets = new ArrayList<>();
        float[] rightmost = {0};
        PDFTextStripper stripper = new PDFTextStripper() {
          @Override
          protected void writeString(String text, List<TextPosition> positions) throws IOException {
            for (TextPosition p : positions) {
              rightmost[0] = Math.max(rightmost[0], p.getXDirAdj() + p.getWidthDirAdj());
            }
            super.writeString(text, positions);
          }
        };
        for (int i = 1; i <= document.getNumberOfPages(); i++) {
          PDPage page = document.getPage(i - 1);
          assertThat(page.getMediaBox().getWidth()).as("sheet %d is A4 wide", i).isCloseTo(A4_WIDTH, within(2f));
          assertThat(page.getMediaBox().getHeight()).as("sheet %d is A4 high", i).isCloseTo(A4_HEIGHT, within(2f));
          stripper.setStartPage(i);
          stripper.setEndPage(i);
          sheets.add(stripper.getText(document));
        }
        assertThat(rightmost[0]).as("no text past the printable width").isLessThanOrEqualTo(A4_WIDTH - MARGIN + 1);
        String all = String.join("\n", sheets);
        assertThat(all).as("no page links on paper").doesNotContain("第 2 页");
        for (int i = 1; i < sheets.size(); i++) {
          if (sheets.get(i).contains("杨*")) {
            assertThat(sheets.get(i)).as("sheet %d repeats the table header", i + 1).contains("户主").contains("金额（元）");
          }
        }
        // every line is on paper, each with its masked name and its amount
        String flat = all.replaceAll("\\s+", "");
        for (int i = 0; i < firstPageLines.size(); i++) {
          JsonObject line = firstPageLines.getJsonObject(i);
          String name = "PROVIDENT_FUND".equals(line.getString("recipient")) ? "公积金" : line.getString("recipient");
          assertThat(flat).contains(name).contains(Money.yuan(line.getLong("amountFen")));
        }
      }
    }
  }

  static org.assertj.core.data.Offset<Float> within(float offset) {
    return org.assertj.core.data.Offset.offset(offset);
  }

  static int rowCount(Browser browser) {
    return ((Number) browser.script("return document.querySelectorAll('table.lines tbody tr').length")).intValue();
  }

  static void assertNoHorizontalScroll(Browser browser, int width) {
    long scrollWidth = ((Number) browser.script("return document.documentElement.scrollWidth")).longValue();
    long innerWidth = ((Number) browser.script("return window.innerWidth")).longValue();
    assertThat(innerWidth).isEqualTo(width);
    assertThat(scrollWidth).as("page width at %d px", width).isLessThanOrEqualTo(innerWidth);
  }

  /** The smallest computed font size of any element that holds text of its own. */
  static double smallestTextPx(Browser browser) {
    return ((Number) browser.script("let min = 1e9; for (const el of document.querySelectorAll('body *')) {"
        + " if (![...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;"
        + " min = Math.min(min, parseFloat(getComputedStyle(el).fontSize)); } return min;")).doubleValue();
  }

  /** The smaller side of the smallest link or button on the page. */
  static double smallestTapTarget(Browser browser) {
    return ((Number) browser.script("let min = 1e9; for (const el of document.querySelectorAll('a, button')) {"
        + " const r = el.getBoundingClientRect(); if (r.width === 0) continue;"
        + " min = Math.min(min, r.width, r.height); } return min;")).doubleValue();
  }

  /** WCAG contrast of each text against the background it sits on; the lowest. */
  static double worstContrast(Browser browser) {
    return ((Number) browser.script("""
        const lum = c => { const [r, g, b] = c.match(/[\\d.]+/g).slice(0, 3).map(Number).map(v => { v /= 255;
          return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
        const bg = el => { for (; el; el = el.parentElement) { const c = getComputedStyle(el).backgroundColor;
          const m = c.match(/[\\d.]+/g); if (m && (m.length < 4 || +m[3] > 0)) return c; } return 'rgb(255, 255, 255)'; };
        let worst = 99;
        for (const el of document.querySelectorAll('body *')) {
          if (![...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
          const a = lum(getComputedStyle(el).color), b = lum(bg(el));
          worst = Math.min(worst, (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05));
        }
        return worst;""")).doubleValue();
  }
}
