package cn.bangfu.web;

import static cn.bangfu.support.PageClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.support.ClassServer;
import cn.bangfu.support.Fixtures;
import cn.bangfu.support.Market;
import cn.bangfu.support.PageClient;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.UUID;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * /coop without a browser (issue 16): the accountant of a grape cooperative posts a lot with the form
 * (12.50 元/公斤), is told beside the field what is wrong with a bad one, closes a lot, and moves the
 * school canteen's orders through confirm, ship and deliver; every change is seen through the API.
 */
class CoopPageTest {
  private static final String PASSWORD = "coop-password-2026";
  @ClassServer static TestServer server;

  /** A cooperative with its market and a page browser signed in as its accountant. */
  private record Desk(Market market, PageClient browser) {
    String csrf() {
      return browser.get("/coop").csrf();
    }
  }

  private static Desk desk(String name) {
    Market market = Market.open(server, name, Fixtures.REGION);
    String username = "coop-page-" + UUID.randomUUID().toString().substring(0, 8);
    user(username, "COOP", market.coop);
    PageClient browser = new PageClient(server.server().port());
    PageClient.Page landed = browser.signIn(username, PASSWORD);
    assertThat(landed.location()).isEqualTo("/coop");
    return new Desk(market, browser);
  }

  private static void user(String username, String role, String scope) {
    server.http.post("/api/v1/users", server.adminToken, new JsonObject().put("username", username)
        .put("password", PASSWORD).put("role", role).put("scopeId", scope)).expect(201);
  }

  private static JsonArray lots(Market market) {
    return server.http.get("/api/v1/lots?includeSoldOut=true&cooperativeId=" + market.coop, market.coopToken)
        .expect(200).body().getJsonArray("items");
  }

  private static Map<String, String> grapes(String csrf, String price) {
    return form("csrf", csrf, "product", "葡萄", "grade", "一级", "quantity", "500", "unit", "KG", "price", price,
        "availableFrom", server.today().toString(), "availableTo", server.today().plusDays(30).toString(),
        "minOrderQuantity", "10", "certifications", "POVERTY_PRODUCT");
  }

  @Test
  void the_accountant_posts_a_lot_in_yuan_and_the_api_holds_it_in_fen() {
    Desk desk = desk("岑丰村葡萄");

    PageClient.Page posted = desk.browser().post("/coop/lots", grapes(desk.csrf(), "12.50"));

    assertThat(posted.status()).isEqualTo(303);
    assertThat(posted.location()).isEqualTo("/coop?done=lot");
    JsonArray lots = lots(desk.market());
    assertThat(lots).hasSize(1);
    JsonObject lot = lots.getJsonObject(0);
    assertThat(lot.getLong("unitPriceFen")).isEqualTo(1250);
    assertThat(lot.getString("quantity")).isEqualTo("500");
    assertThat(lot.getJsonArray("certifications")).containsExactly("POVERTY_PRODUCT");
    PageClient.Page page = desk.browser().get(posted.location());
    assertThat(page.html().selectFirst(".ok").text()).isEqualTo("货品已发布，采购单位现在可以看到并下单。");
    Element card = page.html().selectFirst("section.lot");
    assertThat(card.text()).contains("葡萄（一级）", "单价 12.50 元/公斤", "共 500 公斤，还剩 500 公斤", "认证：扶贫产品认定");
  }

  @Test
  void a_bad_field_is_refused_in_chinese_beside_that_field_with_the_typed_values_kept_and_nothing_written() {
    Desk desk = desk("岑丰村葡萄二");
    String csrf = desk.csrf();

    PageClient.Page badPrice = desk.browser().post("/coop/lots", grapes(csrf, "12.345"));
    Map<String, String> backwards = grapes(csrf, "12");
    backwards.put("availableTo", server.today().minusDays(1).toString());
    PageClient.Page past = desk.browser().post("/coop/lots", backwards);
    Map<String, String> noProduct = grapes(csrf, "12");
    noProduct.put("product", "");
    PageClient.Page missing = desk.browser().post("/coop/lots", noProduct);
    Map<String, String> tooSmall = grapes(csrf, "12");
    tooSmall.put("minOrderQuantity", "600");
    PageClient.Page minimum = desk.browser().post("/coop/lots", tooSmall);

    assertThat(badPrice.status()).isEqualTo(400);
    assertThat(badPrice.html().selectFirst("#price-error").text()).isEqualTo("单价请填大于 0 的元数，最多两位小数，例如 12.50。");
    // beside the field: the message comes right before the input it is about
    assertThat(badPrice.html().selectFirst("#price-error").nextElementSibling().id()).isEqualTo("price");
    assertThat(badPrice.html().select(".error")).hasSize(1);
    assertThat(badPrice.html().selectFirst("#price").val()).isEqualTo("12.345");
    assertThat(badPrice.html().selectFirst("#product").val()).isEqualTo("葡萄");
    assertThat(badPrice.html().selectFirst("#quantity").val()).isEqualTo("500");
    assertThat(badPrice.html().selectFirst("#unit option[selected]").val()).isEqualTo("KG");
    assertThat(badPrice.html().selectFirst("input[value=POVERTY_PRODUCT]").hasAttr("checked")).isTrue();
    assertThat(past.status()).isEqualTo(400);
    assertThat(past.html().selectFirst("#availableTo-error").text()).isEqualTo("截止日期不能早于开始日期。");
    assertThat(missing.html().selectFirst("#product-error").text()).isEqualTo("请填写品名，例如“葡萄”。");
    assertThat(minimum.html().selectFirst("#minOrderQuantity-error").text()).isEqualTo("起订量不能大于总数量。");
    assertThat(lots(desk.market())).isEmpty();
  }

  @Test
  void a_closed_lot_takes_no_more_orders() {
    Desk desk = desk("岑丰村葡萄三");
    String lot = desk.market().lot("300");
    Element close = desk.browser().get("/coop").html().selectFirst("form[action=/coop/lots/" + lot + "/close]");

    PageClient.Page closed = desk.browser().post("/coop/lots/" + lot + "/close",
        form("csrf", close.select("[name=csrf]").val()));

    assertThat(closed.location()).isEqualTo("/coop?done=closed");
    assertThat(desk.market().lotNow(lot).getString("availableQuantity")).isEqualTo("0");
    assertThat(desk.market().order(lot, "20").status()).isEqualTo(409);
    PageClient.Page page = desk.browser().get("/coop");
    assertThat(page.html().selectFirst("section.lot").text()).contains("还剩 0 公斤", "已下架或已售完");
    assertThat(page.html().select("form[action=/coop/lots/" + lot + "/close]")).isEmpty();
  }

  @Test
  void orders_wait_oldest_first_with_the_buyer_and_amount_and_move_through_confirm_ship_and_deliver() {
    Desk desk = desk("岑丰村葡萄四");
    String lot = desk.market().lot("1000");
    String first = desk.market().placedOrder(lot, "100");
    String second = desk.market().placedOrder(lot, "250.5");

    PageClient.Page page = desk.browser().get("/coop");
    assertThat(page.html().select("section.order").eachAttr("data-order")).containsExactly(first, second);
    assertThat(page.html().selectFirst("section.order").text())
        .contains("岑丰村葡萄四中学食堂", "葡萄 100 公斤，金额 1,200.00 元", "待确认", "确认接单");
    assertThat(page.html().select("section.order").get(1).text()).contains("葡萄 250.5 公斤，金额 3,006.00 元");

    String[][] steps = {{"confirm", "CONFIRMED", "已确认接单。"}, {"ship", "SHIPPED", "已记为发货。"},
        {"deliver", "DELIVERED", "已记为送达，等采购单位验收。"}};
    for (String[] step : steps) {
      Element button = desk.browser().get("/coop").html()
          .selectFirst("form[action=/coop/orders/" + first + "/" + step[0] + "]");
      assertThat(button).as(step[0]).isNotNull();
      PageClient.Page moved = desk.browser().post("/coop/orders/" + first + "/" + step[0],
          form("csrf", button.select("[name=csrf]").val()));
      assertThat(moved.location()).isEqualTo("/coop?done=" + step[0]);
      assertThat(desk.browser().get(moved.location()).html().selectFirst(".ok").text()).isEqualTo(step[2]);
      assertThat(server.http.get("/api/v1/orders/" + first, desk.market().buyerToken).expect(200).body()
          .getString("status")).isEqualTo(step[1]);
    }
    // delivered, it waits for the buyer now: only the second order is left to act on
    assertThat(desk.browser().get("/coop").html().select("section.order").eachAttr("data-order")).containsExactly(second);

    // a second click on a button of a stale page changes nothing and says why
    PageClient.Page again = desk.browser().post("/coop/orders/" + first + "/confirm", form("csrf", desk.csrf()));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.html().selectFirst(".error").text()).startsWith("这笔订单的状态已经变了");
    assertThat(server.http.get("/api/v1/orders/" + first, desk.market().buyerToken).body().getString("status"))
        .isEqualTo("DELIVERED");
  }

  @Test
  void another_cooperatives_order_answers_as_unknown_and_its_public_lot_is_refused() {
    Desk mine = desk("岑丰村葡萄五");
    Desk theirs = desk("岑丰村葡萄六");
    String lot = theirs.market().lot("100");
    String order = theirs.market().placedOrder(lot, "10");
    String csrf = mine.csrf();

    PageClient.Page confirm = mine.browser().post("/coop/orders/" + order + "/confirm", form("csrf", csrf));
    PageClient.Page close = mine.browser().post("/coop/lots/" + lot + "/close", form("csrf", csrf));

    assertThat(confirm.status()).isEqualTo(404);
    // lots are public (anyone reads them), so closing another cooperative's lot is refused, not hidden
    assertThat(close.status()).isEqualTo(403);
    assertThat(confirm.html().selectFirst("h1").text()).isEqualTo("找不到这一页");
    assertThat(close.html().selectFirst("h1").text()).isEqualTo("没有权限");
    assertThat(theirs.market().lotNow(lot).getString("availableQuantity")).isEqualTo("90");
    assertThat(server.http.get("/api/v1/orders/" + order, theirs.market().buyerToken).body().getString("status"))
        .isEqualTo("PLACED");
  }

  @Test
  void other_roles_get_a_chinese_403_and_a_form_without_its_token_writes_nothing() {
    Desk desk = desk("岑丰村葡萄七");
    String buyerUser = "buyer-page-" + UUID.randomUUID().toString().substring(0, 8);
    user(buyerUser, "BUYER", desk.market().buyer);
    PageClient buyer = new PageClient(server.server().port());
    buyer.signIn(buyerUser, PASSWORD);
    String buyerCsrf = buyer.get("/buyer").csrf();

    PageClient.Page typed = buyer.get("/coop");
    PageClient.Page posted = buyer.post("/coop/lots", grapes(buyerCsrf, "12"));
    Map<String, String> forged = grapes("", "12");
    forged.remove("csrf");
    PageClient.Page noToken = desk.browser().post("/coop/lots", forged);
    PageClient.Page wrongToken = desk.browser().post("/coop/lots", grapes("x" + desk.csrf(), "12"));

    for (PageClient.Page refused : new PageClient.Page[] {typed, posted}) {
      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.html().selectFirst("h1").text()).isEqualTo("没有权限");
    }
    for (PageClient.Page refused : new PageClient.Page[] {noToken, wrongToken}) {
      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.html().selectFirst("h1").text()).isEqualTo("表单已失效");
    }
    assertThat(lots(desk.market())).isEmpty();
  }
}
