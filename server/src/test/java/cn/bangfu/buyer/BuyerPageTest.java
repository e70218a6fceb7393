package cn.bangfu.buyer;

import static cn.bangfu.support.PageClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.support.ClassServer;
import cn.bangfu.support.Fixtures;
import cn.bangfu.support.Market;
import cn.bangfu.support.PageClient;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * The buyer's console without a browser (issue 16): a school canteen finds the 岑丰村 grape cooperative's
 * 一级 grapes at 12 元/公斤, orders 150 公斤 with a double click that places one order, accepts 140 公斤 when
 * 10 arrive spoiled (1,680.00 元), settles with the bank's reference and sees it in its reserved share and
 * in the finance office's workbook; posts a demand and reads the match's reasons in plain Chinese.
 */
class BuyerPageTest {
  private static final String PASSWORD = "buyer-page-2026";
  @ClassServer static TestServer server;

  private static String user(Market market) {
    String name = "canteen-" + System.nanoTime() % 1_000_000;
    server.http.post("/api/v1/users", server.adminToken, new JsonObject().put("username", name)
        .put("password", PASSWORD).put("role", "BUYER").put("scopeId", market.buyer)).expect(201);
    return name;
  }

  private static PageClient signedIn(Market market) {
    PageClient browser = new PageClient(server.server().port());
    assertThat(browser.signIn(user(market), PASSWORD).location()).isEqualTo("/buyer");
    return browser;
  }

  private static JsonArray orders(Market market) {
    return server.http.get("/api/v1/orders", market.buyerToken).expect(200).body().getJsonArray("items");
  }

  @Test
  void a_double_click_on_order_places_one_order_then_partial_acceptance_and_settlement() throws Exception {
    Market market = Market.open(server, "岑丰村葡萄", Fixtures.REGION);
    String lot = market.lot("800");
    PageClient browser = signedIn(market);

    PageClient.Page found = browser.get("/buyer?product=%E8%91%A1%E8%90%84"); // 葡萄
    Element card = found.html().selectFirst("section.lot:has(input[name=lotId][value=" + lot + "])");
    assertThat(card.text()).contains("葡萄 · 一级", "岑丰村葡萄", "12.00 元/公斤", "还有 800 公斤");
    Element order = card.selectFirst("form[action=/buyer/orders]");
    var fields = form("csrf", order.select("[name=csrf]").val(), "lotId", lot,
        "key", order.select("[name=key]").val(), "quantity", "150");

    PageClient.Page first = browser.post("/buyer/orders", fields);
    PageClient.Page second = browser.post("/buyer/orders", fields); // the double click

    assertThat(first.location()).isEqualTo("/buyer?done=ordered");
    assertThat(second.location()).isEqualTo("/buyer?done=ordered");
    assertThat(orders(market)).hasSize(1);
    assertThat(market.lotNow(lot).getString("availableQuantity")).isEqualTo("650");
    String id = orders(market).getJsonObject(0).getString("id");
    market.advance(id, "DELIVERED");

    PageClient.Page delivered = browser.get("/buyer");
    Element accept = delivered.html().selectFirst("form[action=/buyer/orders/" + id + "/accept]");
    assertThat(accept.selectFirst("input[name=acceptedQuantity]").val()).isEqualTo("150");
    PageClient.Page accepted = browser.post(accept.attr("action"),
        form("csrf", delivered.csrf(), "acceptedQuantity", "140"));
    assertThat(accepted.location()).isEqualTo("/buyer?done=accepted");
    JsonObject api = server.http.get("/api/v1/orders/" + id, market.buyerToken).expect(200).body();
    assertThat(api.getString("status")).isEqualTo("ACCEPTED");
    assertThat(api.getLong("amountFen")).isEqualTo(168_000);

    PageClient.Page toPay = browser.get("/buyer");
    assertThat(toPay.html().selectFirst("form[action=/buyer/orders/" + id + "/settle]").text()).contains("应付 1,680.00 元");
    PageClient.Page noRef = browser.post("/buyer/orders/" + id + "/settle", form("csrf", toPay.csrf(), "paymentRef", ""));
    assertThat(noRef.status()).isEqualTo(400);
    PageClient.Page settled = browser.post("/buyer/orders/" + id + "/settle",
        form("csrf", toPay.csrf(), "paymentRef", "NX20261203-0042"));

    assertThat(settled.location()).isEqualTo("/buyer?done=settled");
    api = server.http.get("/api/v1/orders/" + id, market.buyerToken).expect(200).body();
    assertThat(api.getString("status")).isEqualTo("SETTLED");
    assertThat(api.getString("paymentRef")).isEqualTo("NX20261203-0042");
    assertThat(browser.get("/buyer").html().selectFirst("#share").text()).contains("已采购 1,680.00 元");
    HttpResponse<byte[]> workbook = browser.bytes("/buyer/purchases.xlsx");
    assertThat(workbook.statusCode()).isEqualTo(200);
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(workbook.body()))) {
      Sheet sheet = book.getSheetAt(0);
      assertThat(sheet.getRow(0).getCell(2).getStringCellValue()).isEqualTo("供货合作社");
      assertThat(sheet.getRow(1).getCell(3).getStringCellValue()).isEqualTo("葡萄");
      assertThat(sheet.getRow(1).getCell(5).getNumericCellValue()).isEqualTo(1680.00);
      assertThat(sheet.getRow(1).getCell(6).getStringCellValue()).isEqualTo("NX20261203-0042");
      assertThat(sheet.getRow(2).getCell(0).getStringCellValue()).isEqualTo("合计");
    }
  }

  /** 产地 by name, as a canteen's buyer knows it (榕江, not 522632): the cooperatives' registered names carry their place. */
  @Test
  void lots_are_found_by_the_name_of_their_place_or_by_a_region_code() {
    Market rongjiang = Market.open(server, "榕江县栽麻镇葡萄", Fixtures.REGION);
    Market congjiang = Market.open(server, "从江县丙妹镇葡萄", Fixtures.REGION);
    String here = rongjiang.lot("300");
    String there = congjiang.lot("200");
    PageClient browser = signedIn(rongjiang);

    PageClient.Page byName = browser.get("/buyer?region=" + java.net.URLEncoder.encode("榕江", java.nio.charset.StandardCharsets.UTF_8));
    PageClient.Page byCode = browser.get("/buyer?region=" + Fixtures.REGION.substring(0, 4));

    assertThat(byName.html().select("section.lot input[name=lotId]").eachAttr("value")).contains(here)
        .doesNotContain(there);
    assertThat(byName.html().selectFirst("#region").val()).isEqualTo("榕江");
    assertThat(byCode.html().select("section.lot input[name=lotId]").eachAttr("value")).contains(here, there);
  }

  @Test
  void a_demand_is_checked_beside_its_fields_and_its_matches_give_reasons_in_plain_chinese() {
    Market market = Market.open(server, "思旸镇葡萄", Fixtures.REGION);
    String lot = market.lot("2000");
    PageClient browser = signedIn(market);
    String csrf = browser.get("/buyer").csrf();
    String deliverBy = server.today().plusDays(20).toString();

    PageClient.Page wrong = browser.post("/buyer/demands", form("csrf", csrf, "product", "葡萄", "quantity", "500",
        "unit", "KG", "maxPrice", "十三元", "deliverBy", deliverBy));

    assertThat(wrong.status()).isEqualTo(400);
    assertThat(wrong.html().selectFirst("#d-maxPrice-error").text()).startsWith("最高单价请填元");
    assertThat(wrong.html().selectFirst("#d-product").val()).isEqualTo("葡萄");
    assertThat(wrong.html().selectFirst("#d-quantity").val()).isEqualTo("500");

    PageClient.Page posted = browser.post("/buyer/demands", form("csrf", csrf, "product", "葡萄", "quantity", "500",
        "unit", "KG", "maxPrice", "13", "deliverBy", deliverBy));

    assertThat(posted.location()).startsWith("/buyer/demands/");
    PageClient.Page matches = browser.get(posted.location());
    Element match = matches.html().selectFirst("section.match:has(input[name=lotId][value=" + lot + "])");
    assertThat(match).isNotNull();
    assertThat(match.select("ul.reasons li").eachText()).contains("单价 12.00 元/公斤，在预算 13.00 元以内",
        "能供 500 公斤（您要 500 公斤）", "已认定为扶贫产品");
    assertThat(matches.text()).doesNotContain("fen", "KG", "window");
  }

  @Test
  void other_roles_get_the_chinese_403_and_another_buyers_order_is_unknown() {
    Market mine = Market.open(server, "岑丰村葡萄三", Fixtures.REGION);
    Market theirs = Market.open(server, "岑丰村葡萄四", Fixtures.REGION);
    String theirOrder = theirs.placedOrder(theirs.lot("100"), "10");
    theirs.advance(theirOrder, "DELIVERED");
    PageClient browser = signedIn(mine);

    PageClient.Page foreign = browser.post("/buyer/orders/" + theirOrder + "/accept",
        form("csrf", browser.get("/buyer").csrf(), "acceptedQuantity", "10"));

    assertThat(foreign.status()).isEqualTo(404);
    assertThat(server.http.get("/api/v1/orders/" + theirOrder, theirs.buyerToken).body().getString("status"))
        .isEqualTo("DELIVERED");
    PageClient coop = new PageClient(server.server().port());
    String accountant = "coop-" + System.nanoTime() % 1_000_000;
    server.http.post("/api/v1/users", server.adminToken, new JsonObject().put("username", accountant)
        .put("password", PASSWORD).put("role", "COOP").put("scopeId", mine.coop)).expect(201);
    coop.signIn(accountant, PASSWORD);
    PageClient.Page typed = coop.get("/buyer");
    assertThat(typed.status()).isEqualTo(403);
    assertThat(typed.html().selectFirst("h1").text()).isEqualTo("没有权限");
  }
}
