package cn.bangfu.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.support.ClassServer;
import cn.bangfu.support.Fixtures;
import cn.bangfu.support.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The live feed (GET /monitoring/alerts/stream): a regulator subscribed for county 450123 receives the
 * alert a 50,000 元 hospital bill opens for a household of the county; a regulator of Guangzhou (4401)
 * subscribed at the same time does not. It proves the "does not" without waiting: alerts are published in
 * order, so Guangzhou's first alert event must be the one opened for its own household afterwards.
 */
@ExtendWith(VertxExtension.class)
class AlertStreamTest {
  @ClassServer static TestServer server;
  static String county;
  static String guangzhou;
  static String countyHousehold;
  static String guangzhouHousehold;

  @BeforeAll
  static void world() {
    county = server.userToken("county-regulator", "REGULATOR", "450123");
    guangzhou = server.userToken("guangzhou-regulator", "REGULATOR", "4401");
    countyHousehold = server.http.post("/api/v1/households", server.adminToken,
        Fixtures.household("杨秀英", Fixtures.idNumber())).expect(201).body().getString("id");
    guangzhouHousehold = server.http.post("/api/v1/households", server.adminToken,
        Fixtures.household("陈志强", Fixtures.idNumber()).put("regionCode", "440106000000")).expect(201).body()
        .getString("id");
  }

  /** Opens the stream as {@code token}; completes once the server says the subscription is in place. */
  private static Future<HttpClientResponse> subscribe(HttpClient client, String token, Consumer<JsonObject> alerts) {
    return subscribe(client, token, (name, data) -> {
      if (name.equals("alert")) {
        alerts.accept(data);
      }
    });
  }

  /**
   * The clients of open streams, held: Vert.x may close the pool of an HttpClient nobody references once the
   * garbage collector finds it, and a test method returns long before its stream is done ("Pool closed").
   */
  private static final java.util.List<HttpClient> OPEN = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** The same, handing every event to {@code events} with its name ({@code alert}, {@code alerts-opened}). */
  private static Future<HttpClientResponse> subscribe(HttpClient client, String token,
      java.util.function.BiConsumer<String, JsonObject> events) {
    OPEN.add(client);
    Promise<HttpClientResponse> subscribed = Promise.promise();
    StringBuilder received = new StringBuilder();
    client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1")
            .setPort(server.server().port()).setURI("/api/v1/monitoring/alerts/stream")
            .putHeader("Authorization", "Bearer " + token))
        .compose(request -> request.send())
        .onSuccess(response -> response.handler(chunk -> {
          received.append(chunk.toString());
          int end;
          while ((end = received.indexOf("\n\n")) >= 0) {
            String event = received.substring(0, end);
            received.delete(0, end + 2);
            if (event.startsWith(": subscribed")) {
              subscribed.tryComplete(response);
            } else if (event.contains("event: ")) {
              int name = event.indexOf("event: ") + 7;
              events.accept(event.substring(name, event.indexOf('\n', name)),
                  new JsonObject(event.substring(event.indexOf("data: ") + 6)));
            }
          }
        }))
        .onFailure(subscribed::tryFail);
    return subscribed.future();
  }

  private static JsonObject hospitalBill() {
    return new JsonObject().put("kind", "MEDICAL_EXPENSE").put("amountFen", 5_000_000).put("date", "2026-10-08")
        .put("note", "住院手术自付部分");
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  void a_new_alert_reaches_the_regulator_of_its_region_and_no_other(Vertx vertx, VertxTestContext test) {
    HttpClient client = vertx.createHttpClient();
    var countyGot = test.checkpoint();
    var guangzhouGot = test.checkpoint();
    Future<HttpClientResponse> countyStream = subscribe(client, county, alert -> test.verify(() -> {
      assertThat(alert.getString("householdId")).isEqualTo(countyHousehold);
      assertThat(alert.getString("kind")).isEqualTo("RIGID_EXPENDITURE");
      assertThat(alert.getString("detail")).contains("50000.00 元");
      assertThat(alert.containsKey("regionCode")).isFalse();
      countyGot.flag();
      // only now the Guangzhou household's bill: published after the county's alert
      vertx.executeBlocking(() -> server.http.post("/api/v1/households/" + guangzhouHousehold + "/events",
          guangzhou, hospitalBill()).expect(201)).onFailure(test::failNow);
    }));
    Future<HttpClientResponse> guangzhouStream = subscribe(client, guangzhou, alert -> test.verify(() -> {
      assertThat(alert.getString("householdId")).as("the county's alert never reaches Guangzhou")
          .isEqualTo(guangzhouHousehold);
      guangzhouGot.flag();
    }));
    Future.all(countyStream, guangzhouStream).onComplete(test.succeeding(both -> test.verify(() -> {
      assertThat(countyStream.result().statusCode()).isEqualTo(200);
      assertThat(countyStream.result().getHeader("Content-Type")).startsWith("text/event-stream");
      vertx.executeBlocking(() -> server.http.post("/api/v1/households/" + countyHousehold + "/events", county,
          hospitalBill()).expect(201)).onFailure(test::failNow);
    })));
  }

  /**
   * Many alerts opened at once reach the regulator as a count per village (event alerts-opened): the
   * county's regulator gets its village's count and never Guangzhou's, published first.
   */
  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  void a_count_of_many_new_alerts_reaches_the_regulator_of_its_region_and_no_other(Vertx vertx, VertxTestContext test) {
    subscribe(vertx.createHttpClient(), county, (name, count) -> {
      test.verify(() -> {
        assertThat(name).isEqualTo("alerts-opened");
        assertThat(count.getString("regionCode")).as("Guangzhou's count never reaches the county")
            .isEqualTo("450123001001");
        assertThat(count.getInteger("opened")).isEqualTo(61_240);
      });
      test.completeNow();
    }).onComplete(test.succeeding(subscribed -> {
      var bus = server.server().vertx().eventBus();
      bus.publish(AlertFeed.ADDRESS, new JsonObject().put("regionCode", "440106000000").put("year", 2026)
          .put("opened", 5_000));
      bus.publish(AlertFeed.ADDRESS, new JsonObject().put("regionCode", "450123001001").put("year", 2026)
          .put("opened", 61_240));
    }));
  }
}
