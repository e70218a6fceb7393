package cn.bangfu.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.platform.ChineseText;
import cn.bangfu.rules.result.Money;
import cn.bangfu.support.ClassServer;
import cn.bangfu.support.Http;
import cn.bangfu.support.TestServer;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.decoder.Decoder;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The publicity notice as a page (issue 15), read without a browser: a passer-by without an account
 * sees the 岑丰村 grape cooperative's surplus split exactly as the notice API and its CSV state it, in
 * plain Chinese, with masked names only; a draft or an unknown notice is a Chinese 404 page.
 */
class NoticePageTest {
  @ClassServer static TestServer server;

  static GrapeCooperative coop;
  static String runId;
  static JsonObject api;

  @BeforeAll
  static void aPublicizedSurplusRun() {
    coop = new GrapeCooperative(server, "岑丰村葡萄专业合作社", 3);
    // 3,600.00 元 of grapes sold to the school canteen, no costs: the whole is the period's surplus
    coop.settledOrder(915_001, 360_000, LocalDate.of(2026, 8, 30));
    runId = GrapeCooperative.created(coop.draft("coop-surplus-60", "2026-01-01", "2026-12-31"));
    coop.post("/api/v1/distributions/" + runId + "/publicize", coop.coopToken, new JsonObject().put("days", 7))
        .expect(200);
    api = server.http.get("/api/v1/public/distributions/" + runId + "/notice?limit=500", null).expect(200).body();
  }

  static Document page(String path) {
    Http.Response response = server.http.get(path, null);
    assertThat(response.contentType()).startsWith("text/html");
    return Jsoup.parse(response.text());
  }

  @Test
  void a_passer_by_reads_the_cooperative_the_period_the_rule_and_every_figure_of_the_notice_in_yuan() {
    Http.Response response = server.http.get("/public/notices/" + runId, null).expect(200);
    Document html = Jsoup.parse(response.text());

    assertThat(html.select("h1").text()).contains("岑丰村葡萄专业合作社").contains("收益分配公示");
    assertThat(html.text()).contains("分配期间：2026年1月1日至2026年12月31日")
        .contains("合作社盈余分配：提取公积金后 60% 按交易量返还、其余按股分红")
        .contains("可分配的钱：" + Money.yuan(api.getLong("poolFen")) + " 元")
        .contains("分到各户的钱合计：" + Money.yuan(api.getLong("householdTotalFen")) + " 元");
    // 3,600.00 元 of surplus: 10 % to the provident fund, of the rest 60 % rebated by deliveries, 40 % by shares
    assertThat(api.getLong("poolFen")).isEqualTo(360_000);
    Elements steps = html.select("table.steps tbody tr");
    assertThat(steps.eachText()).containsExactly(
        "提取公积金 占 10%，归公积金 360.00",
        "可分配盈余 余下的全部 3,240.00",
        "其中：按交易量（额）返还 占 60%，按各户交售额的比例分给 3 户 1,944.00",
        "其中：按股分红 余下的全部，按各户股份的比例分给 3 户 1,296.00");
  }

  @Test
  void every_line_of_the_notice_api_is_on_the_page_in_order_with_its_masked_name_and_amount() {
    Document html = page("/public/notices/" + runId);
    JsonArray lines = api.getJsonArray("lines");
    Elements rows = html.select("table.lines tbody tr");

    assertThat(rows).hasSize(lines.size());
    assertThat(html.select("#list").text()).isEqualTo("名单（共 " + lines.size() + " 行）");
    for (int i = 0; i < lines.size(); i++) {
      JsonObject line = lines.getJsonObject(i);
      Element row = rows.get(i);
      String who = "PROVIDENT_FUND".equals(line.getString("recipient")) ? "公积金" : line.getString("recipient");
      assertThat(row.select("td.who").text()).isEqualTo(who);
      assertThat(row.select("td.amount").text()).isEqualTo(Money.yuan(line.getLong("amountFen")));
      assertThat(row.select("td.why").text()).isEqualTo(line.getString("explanation"));
    }
    // the masked names are those of 杨启宇, 杨启守, 杨启安, whose full names appear nowhere in the page
    assertThat(rows.select("td.who").eachText()).contains("杨*宇", "杨*守", "杨*安");
    for (String fullName : List.of("杨启宇", "杨启守", "杨启安")) {
      assertThat(html.outerHtml()).doesNotContain(fullName);
    }
  }

  @Test
  void the_figures_equal_the_csv_the_page_links_to() {
    Document html = page("/public/notices/" + runId);
    String csvHref = html.select("a[href*=format=csv]").attr("href");
    String csv = server.http.get(csvHref, null).expect(200).text();

    List<String> pageAmounts = html.select("table.lines td.amount").eachText();
    List<String> csvAmounts = csv.lines().skip(3).map(row -> row.split(",")[5].replace("\"", "")).toList();
    assertThat(pageAmounts).hasSize(csvAmounts.size());
    for (int i = 0; i < csvAmounts.size(); i++) {
      // the CSV writes 1944.00 for spreadsheets, the page 1,944.00 for people: the same fen
      assertThat(pageAmounts.get(i).replace(",", "")).isEqualTo(csvAmounts.get(i));
    }
  }

  @Test
  void the_page_says_until_when_and_how_to_object_in_plain_chinese_without_codes_fen_or_ids() {
    Document html = page("/public/notices/" + runId);
    LocalDate end = LocalDate.parse(api.getString("publicityEnd"));

    assertThat(html.select("section.object").text())
        .contains("公示期：" + ChineseText.date(LocalDate.parse(api.getString("publicityStart"))) + "至"
            + ChineseText.date(end))
        .contains("请在" + ChineseText.date(end) + "以前提出")
        .contains("村委会或合作社")
        // the cooperative's first notice of the year, a number to say aloud, not the 18-digit run id
        .contains("公示编号 " + LocalDate.parse(api.getString("publicityStart")).getYear() + "-001")
        .doesNotContain(runId);
    assertThat(html.select("section.object a[href=/household]").text()).isEqualTo("打开我的账本");
    assertThat(html.select("script")).as("nothing needs JavaScript").isEmpty();
    // what a person reads: no English code (SHARE_UNITS, trade-rebate, PUBLICIZED…), no fen; only the page's
    // own address under its QR code is written in Latin letters
    html.select(".address").remove();
    String text = html.text();
    assertThat(text).doesNotContainPattern("[A-Za-z]");
    assertThat(text).doesNotContainPattern("[0-9]分").doesNotContain("（分）");
    String cooperativeId = api.getString("cooperativeId");
    assertThat(html.outerHtml()).doesNotContain(cooperativeId);
    for (String householdId : coop.households) {
      assertThat(html.outerHtml()).doesNotContain(householdId);
    }
  }

  @Test
  void the_qr_code_decodes_to_the_address_of_the_page_itself() throws Exception {
    Document html = page("/public/notices/" + runId);
    String expected = "http://127.0.0.1:" + server.server().port() + "/public/notices/" + runId;

    assertThat(decode(html)).isEqualTo(expected);
    assertThat(html.select(".address").text()).isEqualTo(expected);
  }

  @Test
  void behind_a_proxy_the_qr_code_carries_the_forwarded_address_and_never_a_forged_host() throws Exception {
    Http.Response proxied = server.http.send("GET", "/public/notices/" + runId, null, null, null,
        Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "gongshi.cengong.gov.cn"));
    Http.Response forged = server.http.send("GET", "/public/notices/" + runId, null, null, null,
        Map.of("X-Forwarded-Host", "\"><script>alert(1)</script>"));

    assertThat(decode(Jsoup.parse(proxied.text()))).isEqualTo("https://gongshi.cengong.gov.cn/public/notices/" + runId);
    assertThat(decode(Jsoup.parse(forged.text()))).isEqualTo("http://localhost/public/notices/" + runId);
    assertThat(forged.text()).doesNotContain("<script>");
  }

  @Test
  void a_draft_an_unknown_notice_and_a_malformed_address_are_chinese_404_pages_never_json() {
    String draft = GrapeCooperative.created(coop.draft("coop-surplus-60", "2026-01-01", "2026-06-30"));

    for (String path : List.of("/public/notices/" + draft, "/public/notices/999999999", "/public/notices/abc",
        "/public/notices/" + runId + "0")) {
      Http.Response response = server.http.get(path, null);
      assertThat(response.status()).as(path).isEqualTo(404);
      assertThat(response.contentType()).as(path).startsWith("text/html");
      Document html = Jsoup.parse(response.text());
      assertThat(html.select("h1").text()).as(path).isEqualTo("没有找到这份公示");
      assertThat(html.text()).as(path).contains("草稿").doesNotContainPattern("[A-Za-z]");
    }
  }

  @Test
  void the_notice_cannot_be_posted_to() {
    Http.Response response = server.http.send("POST", "/public/notices/" + runId, null,
        "application/x-www-form-urlencoded", "text=x");

    assertThat(response.status()).isEqualTo(405);
    assertThat(Jsoup.parse(response.text()).select("h1").text()).isEqualTo("不能这样打开");
  }

  /** The page's inline SVG back into modules (one "M x y h w v1 h-w z" per dark run), decoded by ZXing. */
  static String decode(Document html) throws Exception {
    Element svg = html.selectFirst(".qr svg");
    assertThat(svg).isNotNull();
    int size = Integer.parseInt(svg.attr("viewBox").split(" ")[2]);
    BitMatrix modules = new BitMatrix(size);
    Matcher run = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-\\d+z").matcher(svg.selectFirst("path").attr("d"));
    while (run.find()) {
      modules.setRegion(Integer.parseInt(run.group(1)), Integer.parseInt(run.group(2)),
          Integer.parseInt(run.group(3)), 1);
    }
    // the decoder wants the modules without the quiet zone
    int inner = size - 8;
    BitMatrix code = new BitMatrix(inner);
    for (int y = 0; y < inner; y++) {
      for (int x = 0; x < inner; x++) {
        if (modules.get(x + 4, y + 4)) {
          code.set(x, y);
        }
      }
    }
    return new Decoder().decode(code).getText();
  }
}
