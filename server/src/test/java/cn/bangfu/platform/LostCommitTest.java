package cn.bangfu.platform;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.support.Http;
import cn.bangfu.support.Market;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 19: a database node killed while a COMMIT is on its way leaves the server not knowing
 * whether the transaction went through. For an order placed with an Idempotency-Key the server
 * finds out by running it again (the key's unique record tells), so the buyer gets its order, once,
 * instead of a 503; without a key it cannot know and answers 503 with Retry-After.
 *
 * <p>The loss is made the way a killed node makes it: the JDBC COMMIT fails with SQLState 08S01
 * ("communications link failure"), either after the server committed (the answer was lost) or
 * before (the COMMIT never arrived), only for the transaction carrying this test's key.
 */
class LostCommitTest {
  private static TestServer server;
  private static Database database;
  private static Market market;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    database = server.server().database();
    market = Market.open(server, "岑峰村葡萄", cn.bangfu.support.Fixtures.REGION);
  }

  @AfterEach
  void commitNormally() {
    database.committer(Connection::commit);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void given_the_answer_to_the_commit_is_lost_after_it_committed_then_the_buyer_gets_its_one_order() {
    String lot = market.lot("100");
    AtomicInteger lost = loseCommitOf("canteen-lost-after", true);

    Http.Response placed = market.order(market.buyerToken, "canteen-lost-after",
        new JsonObject().put("lotId", lot).put("quantity", "12.5"));

    assertThat(lost.get()).as("the COMMIT's answer was lost once").isEqualTo(1);
    assertThat(placed.status()).isEqualTo(201);
    // the repeat found the first one's key and answered with what it stored: the same order, sold once
    assertThat(market.lotNow(lot).getString("availableQuantity")).isEqualTo("87.5");
    assertThat(ordersOf(lot)).isEqualTo(1);
    Http.Response again = market.order(market.buyerToken, "canteen-lost-after",
        new JsonObject().put("lotId", lot).put("quantity", "12.5"));
    assertThat(again.body().getString("id")).isEqualTo(placed.body().getString("id"));
    assertThat(metric("ledger_tx_lost_commits_total")).isGreaterThanOrEqualTo(1);
  }

  @Test
  void given_the_connection_is_lost_before_the_commit_arrived_then_the_repeat_places_the_order_once() {
    String lot = market.lot("100");
    AtomicInteger lost = loseCommitOf("canteen-lost-before", false);

    Http.Response placed = market.order(market.buyerToken, "canteen-lost-before",
        new JsonObject().put("lotId", lot).put("quantity", "12.5"));

    assertThat(lost.get()).isEqualTo(1);
    assertThat(placed.status()).isEqualTo(201);
    assertThat(market.lotNow(lot).getString("availableQuantity")).isEqualTo("87.5");
    assertThat(ordersOf(lot)).isEqualTo(1);
  }

  @Test
  void given_a_lost_commit_without_an_idempotency_key_then_503_with_retry_after_and_no_guess() {
    String lot = market.lot("100");
    String order = market.placedOrder(lot, "10");
    AtomicInteger lost = new AtomicInteger();
    // the cancellation carries no key: nothing can tell a repeat from the first, so the server must not guess
    database.committer(connection -> {
      if (lost.getAndIncrement() == 0) {
        connection.commit();
        throw new SQLNonTransientConnectionException("Communications link failure (test: answer lost)", "08S01");
      }
      connection.commit();
    });

    Http.Response cancelled = market.act(market.buyerToken, order, "cancel", null);

    assertThat(cancelled.status()).isEqualTo(503);
    assertThat(cancelled.isProblem()).isTrue();
    assertThat(cancelled.body().getString("type")).endsWith("temporarily-unavailable");
  }

  /**
   * From now on, the COMMIT of the one transaction that writes {@code key}'s idempotency record fails
   * as if its node died: after committing ({@code committed}) or before. Counts the losses.
   */
  private static AtomicInteger loseCommitOf(String key, boolean committed) {
    AtomicInteger lost = new AtomicInteger();
    database.committer(connection -> {
      if (lost.get() == 0 && writes(connection, key)) {
        lost.incrementAndGet();
        if (committed) {
          connection.commit();
        } else {
          connection.rollback();
        }
        throw new SQLNonTransientConnectionException("Communications link failure (test: node killed)", "08S01");
      }
      connection.commit();
    });
    return lost;
  }

  /** Whether the transaction open on {@code connection} has written {@code key}'s record (it sees its own rows). */
  private static boolean writes(Connection connection, String key) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("SELECT 1 FROM idempotency_record WHERE idem_key = ?")) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static long ordersOf(String lot) {
    return database.dsl().fetchCount(cn.bangfu.db.Tables.PURCHASE_ORDER,
        cn.bangfu.db.Tables.PURCHASE_ORDER.LOT_ID.eq(Long.parseLong(lot)));
  }

  private static double metric(String name) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^" + name + "(\\{[^}]*})? ([0-9.E+-]+)$")
        .matcher(server.http.get("/metrics", null).text());
    return m.find() ? Double.parseDouble(m.group(2)) : -1;
  }
}
