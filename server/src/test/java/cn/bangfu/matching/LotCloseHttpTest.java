package cn.bangfu.matching;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.support.ClassServer;
import cn.bangfu.support.Fixtures;
import cn.bangfu.support.Market;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * POST /lots/{id}/close (下架, issue 16): the 岑丰村 grape cooperative closes its 800 公斤 lot of 12 元 grapes
 * with a canteen order of 150 公斤 already placed. Nothing more can be ordered; the placed order keeps its
 * quantity; when the canteen cancels it later, the 150 公斤 do not come back to the closed lot (before, a
 * cancellation reopened a lot its cooperative had closed). Another cooperative may not close it (403).
 */
class LotCloseHttpTest {
  @ClassServer static TestServer server;

  @Test
  void a_closed_lot_takes_no_order_and_stays_closed_when_a_placed_order_is_cancelled() {
    Market market = Market.open(server, "岑丰村葡萄", Fixtures.REGION);
    String lot = market.lot("800");
    String order = market.placedOrder(lot, "150");

    JsonObject closed = server.http.post("/api/v1/lots/" + lot + "/close", market.coopToken, new JsonObject())
        .expect(200).body();

    assertThat(closed.getBoolean("closed")).isTrue();
    assertThat(closed.getString("availableQuantity")).isEqualTo("0");
    assertThat(market.order(lot, "10").status()).isEqualTo(409);
    assertThat(server.http.get("/api/v1/orders/" + order, market.buyerToken).expect(200).body().getString("quantity"))
        .isEqualTo("150");
    assertThat(market.act(market.buyerToken, order, "cancel", null).status()).isEqualTo(200);
    assertThat(server.http.get("/api/v1/lots/" + lot, market.buyerToken).expect(200).body()
        .getString("availableQuantity")).isEqualTo("0");
    // closing again answers the same closed lot
    server.http.post("/api/v1/lots/" + lot + "/close", market.coopToken, new JsonObject()).expect(200);
  }

  @Test
  void another_cooperative_may_not_close_a_lot_and_it_stays_open() {
    Market mine = Market.open(server, "岑丰村葡萄二", Fixtures.REGION);
    Market theirs = Market.open(server, "思旸镇茶叶", Fixtures.REGION);
    String lot = theirs.lot("500");

    server.http.post("/api/v1/lots/" + lot + "/close", mine.coopToken, new JsonObject()).expect(403);
    server.http.post("/api/v1/lots/" + lot + "/close", mine.buyerToken, new JsonObject()).expect(403);

    JsonObject still = server.http.get("/api/v1/lots/" + lot, theirs.buyerToken).expect(200).body();
    assertThat(still.getBoolean("closed")).isFalse();
    assertThat(still.getString("availableQuantity")).isEqualTo("500");
  }
}
