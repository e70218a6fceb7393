package cn.bangfu.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * The canonical text an Idempotency-Key's request hash is taken of. Stored hashes outlive a release,
 * so the text must not change when its making gets faster: scalars written without the JSON encoder
 * must read exactly as the encoder writes them.
 */
class IdempotencyCanonicalTest {

  @Test
  void scalars_written_directly_read_as_the_json_encoder_writes_them() {
    for (Object value : new Object[] {null, true, false, 0, -7, Integer.MAX_VALUE, Long.MIN_VALUE, 9_007_199_254_740_993L,
        "12.500", "岑丰村葡萄 \"一级\"\n", new BigDecimal("12.500"), 1.5}) {
      assertThat(Idempotency.canonical(value)).as(String.valueOf(value)).isEqualTo(Json.encode(value));
    }
  }

  @Test
  void the_same_order_sent_with_other_key_order_or_spacing_is_the_same_request() {
    JsonObject sent = new JsonObject("{\"quantity\": \"12.500\", \"lotId\": \"386778851599974400\", \"demandId\": null}");
    JsonObject again = new JsonObject("{\"demandId\":null,\"lotId\":\"386778851599974400\",\"quantity\":\"12.500\"}");
    assertThat(Idempotency.canonical(sent))
        .isEqualTo("{\"demandId\":null,\"lotId\":\"386778851599974400\",\"quantity\":\"12.500\"}")
        .isEqualTo(Idempotency.canonical(again));
    assertThat(Idempotency.canonical(new JsonObject().put("b", new JsonArray().add(2).add(true)).put("a", 1L)))
        .isEqualTo("{\"a\":1,\"b\":[2,true]}");
  }
}
