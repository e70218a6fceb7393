package cn.bangfu.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.support.Http;
import cn.bangfu.support.Market;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 19 point 2: ledger accounts are created on their own side connection, outside the posting
 * transaction; a conflict there (Galera's certification failure, 1213/40001) is run again like any
 * transaction, and a client never sees a 500 for it. The conflicts are raised by the real server, by
 * a trigger on ledger_account that fails the next N inserts (its counter lives in a MyISAM table, so
 * the rollback of the failed insert does not undo the count).
 */
class AccountCreationConflictTest {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    var db = server.server().database().dsl();
    db.execute("CREATE TABLE account_conflicts_left (n INT NOT NULL) ENGINE=MyISAM");
    db.execute("INSERT INTO account_conflicts_left VALUES (0)");
    db.execute("CREATE TRIGGER account_conflict BEFORE INSERT ON ledger_account FOR EACH ROW BEGIN "
        + "IF (SELECT n FROM account_conflicts_left) > 0 THEN "
        + "UPDATE account_conflicts_left SET n = n - 1; "
        + "SIGNAL SQLSTATE '40001' SET MYSQL_ERRNO = 1213, MESSAGE_TEXT = 'Deadlock found when trying to get lock'; "
        + "END IF; END");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void a_settlement_whose_first_account_creations_conflict_settles_once_and_the_retries_are_counted() {
    Market market = Market.open(server, "岑丰葡萄", "522626100201");
    String order = market.placedOrder(market.lot("450"), "100");
    JsonObject accepted = market.advance(order, "ACCEPTED");
    double before = metric("ledger_tx_retries_total");
    conflictsLeft(2);

    JsonObject settled = settle(market, order, accepted).expect(200).body();

    assertThat(settled.getString("status")).isEqualTo("SETTLED");
    assertThat(settled.getLong("amountFen")).isEqualTo(100 * 1200L);
    assertThat(server.server().database().dsl().fetchOne("SELECT n FROM account_conflicts_left").get(0, Integer.class))
        .as("both conflicts were met").isZero();
    assertThat(metric("ledger_tx_retries_total")).isGreaterThanOrEqualTo(before + 2);
    JsonObject verify = server.http.get("/api/v1/ledger/verify", server.adminToken).expect(200).body();
    assertThat(verify.getBoolean("ok")).isTrue();
  }

  @Test
  void a_settlement_whose_account_creation_keeps_conflicting_answers_503_and_writes_nothing() {
    Market market = Market.open(server, "岑丰葡萄二", "522626100201");
    String order = market.placedOrder(market.lot("450"), "50");
    JsonObject accepted = market.advance(order, "ACCEPTED");
    long entriesBefore = entries();
    conflictsLeft(1000);
    try {
      Http.Response settle = settle(market, order, accepted);

      assertThat(settle.status()).isEqualTo(503);
      assertThat(settle.isProblem()).isTrue();
    } finally {
      conflictsLeft(0);
    }
    assertThat(entries()).isEqualTo(entriesBefore);
    assertThat(server.http.get("/api/v1/orders/" + order, market.buyerToken).body().getString("status"))
        .isEqualTo("ACCEPTED");
  }

  private static Http.Response settle(Market market, String order, JsonObject accepted) {
    return market.act(market.buyerToken, order, "settle", new JsonObject()
        .put("amountFen", accepted.getLong("amountFen")).put("paymentRef", "BANK-" + order)
        .put("settledOn", server.today().toString()));
  }

  private static void conflictsLeft(int n) {
    server.server().database().dsl().execute("UPDATE account_conflicts_left SET n = " + n);
  }

  private static long entries() {
    return server.server().database().dsl().fetchOne("SELECT COUNT(*) FROM ledger_entry").get(0, Long.class);
  }

  private static double metric(String name) {
    Http.Response metrics = server.http.get("/metrics", null);
    Matcher m = Pattern.compile("(?m)^" + name + "(\\{[^}]*})? ([0-9.eE+-]+)$").matcher(metrics.text());
    assertThat(m.find()).as(name + " at /metrics").isTrue();
    return Double.parseDouble(m.group(2));
  }
}
