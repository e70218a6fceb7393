package cn.bangfu.platform;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** What a handler answers: a status and a body, written by {@link Api} so handlers never touch the response. */
public record Reply(int status, String contentType, Buffer body) {

  public static Reply ok(JsonObject json) {
    return new Reply(200, "application/json; charset=utf-8", json.toBuffer());
  }

  public static Reply ok(JsonArray json) {
    return new Reply(200, "application/json; charset=utf-8", json.toBuffer());
  }

  public static Reply created(JsonObject json) {
    return new Reply(201, "application/json; charset=utf-8", json.toBuffer());
  }

  public static Reply file(String contentType, Buffer body) {
    return new Reply(200, contentType, body);
  }
}
