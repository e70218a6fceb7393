package cn.bangfu.bench;

import cn.bangfu.LedgerServer;
import cn.bangfu.support.Http;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.sql.DataSource;

/**
 * The monitoring part of the county benchmark (issue 17), each beside a raw reference measured in the same
 * run on the same data:
 * 1. every alert indicator evaluated over the whole county (POST /monitoring/evaluations), first when it
 *    opens the alerts, then again when nothing changed, beside one raw SQL aggregate of the same income
 *    data (the year's posted distribution lines, deliveries and measures per watched household against
 *    the line: what BELOW_LINE computes);
 * 2. one household's chain (GET /households/{id}/chain) for random watched households, beside the same
 *    three indexed reads through raw JDBC;
 * 3. one household re-evaluated after a write: a risk event recorded (POST /households/{id}/events), which
 *    re-evaluates that household's alerts in its own transaction.
 * The line (7,000 元 per person) is written with JDBC, not over HTTP: setting it over HTTP would evaluate the
 * county, and that evaluation is what step 1 measures.
 */
final class MonitoringBench {
  static final long LINE_FEN = 700_000;
  static final int CHAIN_SAMPLES = 500;
  static final int EVENT_SAMPLES = 200;
  static final int WARM_UP = 20;

  private final LedgerServer server;
  private final Http http;
  private final CountyDataset county;
  private final List<String> table;

  MonitoringBench(LedgerServer server, Http http, CountyDataset county, List<String> table) {
    this.server = server;
    this.http = http;
    this.county = county;
    this.table = table;
  }

  void run(String regulatorToken) throws Exception {
    int year = county.today.getYear();
    DataSource ds = server.database().dataSource();
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
        "INSERT INTO monitoring_line (region_prefix, line_year, per_capita_income_fen, set_by, set_at)"
            + " VALUES (?, ?, ?, 0, UTC_TIMESTAMP(3))")) {
      ps.setString(1, CountyDataset.COUNTY);
      ps.setInt(2, year);
      ps.setLong(3, LINE_FEN);
      ps.executeUpdate();
    }
    long[] rawFirst = rawBelowLine(ds, year);
    JsonObject body = new JsonObject().put("regionPrefix", CountyDataset.COUNTY).put("year", year);
    long t0 = System.nanoTime();
    JsonObject first = http.post("/api/v1/monitoring/evaluations", regulatorToken, body).expect(200).body();
    double firstMs = (System.nanoTime() - t0) / 1e6;
    t0 = System.nanoTime();
    JsonObject again = http.post("/api/v1/monitoring/evaluations", regulatorToken, body).expect(200).body();
    double againMs = (System.nanoTime() - t0) / 1e6;
    long[] raw = rawBelowLine(ds, year);
    double rawMs = Math.min(rawFirst[0], raw[0]) / 1e6;
    System.out.printf("monitoring evaluation: first %,.0f ms %s, again %,.0f ms %s; raw aggregate %,.0f ms and"
        + " %,.0f ms (%,d households below the line)%n", firstMs, first.encode(), againMs, again.encode(),
        rawFirst[0] / 1e6, raw[0] / 1e6, raw[1]);
    table.add(String.format("monitoring: every alert over the county (%,d households, line %,d fen) | first"
        + " evaluation %,.0f ms (%,d opened), again %,.0f ms (%,d opened, %,d resolved; target < 60,000) | raw"
        + " BELOW_LINE aggregate of the same income %,.0f ms (%,d below) | first/raw %.1f, again/raw %.1f",
        county.households, LINE_FEN, firstMs, first.getInteger("opened"), againMs, again.getInteger("opened"),
        again.getInteger("resolved"), rawMs, raw[1], firstMs / rawMs, againMs / rawMs));

    List<Long> watched = watchedHouseholds(ds, Math.max(CHAIN_SAMPLES, EVENT_SAMPLES) + WARM_UP);
    long[] chain = new long[CHAIN_SAMPLES];
    long[] rawChain = new long[CHAIN_SAMPLES];
    for (int i = 0; i < WARM_UP; i++) {
      http.get("/api/v1/households/" + watched.get(i) + "/chain", regulatorToken).expect(200);
    }
    try (Connection c = ds.getConnection()) {
      for (int i = 0; i < WARM_UP; i++) {
        rawChain(c, watched.get(i));
      }
      for (int i = 0; i < CHAIN_SAMPLES; i++) {
        long household = watched.get(WARM_UP + i);
        long s = System.nanoTime();
        http.get("/api/v1/households/" + household + "/chain", regulatorToken).expect(200);
        chain[i] = System.nanoTime() - s;
        s = System.nanoTime();
        rawChain(c, household);
        rawChain[i] = System.nanoTime() - s;
      }
    }
    table.add(String.format("monitoring: one household's chain, %d random watched households | p50 %.1f ms, p99"
        + " %.1f ms (target < 50) | raw JDBC same 3 reads p50 %.1f ms, p99 %.1f ms | p99 ratio %.1f", CHAIN_SAMPLES,
        MarketBenchmark.ms(chain, 0.5), MarketBenchmark.ms(chain, 0.99), MarketBenchmark.ms(rawChain, 0.5),
        MarketBenchmark.ms(rawChain, 0.99), MarketBenchmark.ms(chain, 0.99) / MarketBenchmark.ms(rawChain, 0.99)));

    long[] events = new long[EVENT_SAMPLES];
    JsonObject event = new JsonObject().put("kind", "MEDICAL_EXPENSE").put("amountFen", 500_000)
        .put("date", county.today.toString()).put("note", "住院自付");
    for (int i = 0; i < EVENT_SAMPLES; i++) {
      long s = System.nanoTime();
      http.post("/api/v1/households/" + watched.get(i) + "/events", regulatorToken, event).expect(201);
      events[i] = System.nanoTime() - s;
    }
    table.add(String.format("monitoring: one household re-evaluated after a write (risk event recorded), %d"
        + " households | p50 %.1f ms, p99 %.1f ms (target < 50) | - | -", EVENT_SAMPLES,
        MarketBenchmark.ms(events, 0.5), MarketBenchmark.ms(events, 0.99)));
  }

  /** The raw reference: watched households of the county under the line, one aggregate; {nanos, count}. */
  private long[] rawBelowLine(DataSource ds, int year) throws SQLException {
    String sql = "SELECT COUNT(*) FROM (SELECT h.id FROM household h LEFT JOIN ("
        + " SELECT dl.household_id, dl.amount_fen AS amount FROM distribution_line dl"
        + "   JOIN distribution_run r ON r.id = dl.run_id WHERE r.status = 'POSTED' AND r.period_end BETWEEN ? AND ?"
        + " UNION ALL SELECT household_id, value_fen FROM delivery WHERE delivered_on BETWEEN ? AND ?"
        + " UNION ALL SELECT household_id, amount_fen FROM monitoring_step WHERE step = 'MEASURE'"
        + "   AND amount_fen IS NOT NULL AND start_on BETWEEN ? AND ?) p ON p.household_id = h.id"
        + " WHERE h.region_code LIKE ? AND h.status IN ('REGISTERED_POOR', 'MONITORED', 'LOW_INCOME', 'EXITED')"
        + " GROUP BY h.id, h.members HAVING COALESCE(SUM(p.amount), 0) < ? * h.members) below";
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      LocalDate first = LocalDate.of(year, 1, 1);
      LocalDate last = LocalDate.of(year, 12, 31);
      for (int i = 0; i < 3; i++) {
        ps.setObject(1 + 2 * i, first);
        ps.setObject(2 + 2 * i, last);
      }
      ps.setString(7, CountyDataset.COUNTY + "%");
      ps.setLong(8, LINE_FEN);
      long t0 = System.nanoTime();
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new long[] {System.nanoTime() - t0, rs.getLong(1)};
      }
    }
  }

  /** Random watched households of the county, from a fixed seed. */
  private List<Long> watchedHouseholds(DataSource ds, int count) throws SQLException {
    List<Long> all = new ArrayList<>();
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
        "SELECT id FROM household WHERE region_code LIKE ? AND status <> 'ORDINARY'")) {
      ps.setString(1, CountyDataset.COUNTY + "%");
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          all.add(rs.getLong(1));
        }
      }
    }
    Long[] shuffled = all.toArray(Long[]::new);
    Random random = new Random(17);
    for (int i = shuffled.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      Long swap = shuffled[i];
      shuffled[i] = shuffled[j];
      shuffled[j] = swap;
    }
    return Arrays.asList(shuffled).subList(0, Math.min(count, shuffled.length));
  }

  /** The chain's three reads, as MonitoringRepository issues them, read to the last row. */
  private static void rawChain(Connection c, long household) throws SQLException {
    String[] reads = {
        "SELECT * FROM household_status_change WHERE household_id = ? ORDER BY changed_at, id",
        "SELECT * FROM monitoring_alert WHERE household_id = ? ORDER BY since, id",
        "SELECT * FROM monitoring_step WHERE household_id = ? ORDER BY created_at, id"};
    for (String sql : reads) {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setLong(1, household);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rs.getLong(1);
          }
        }
      }
    }
  }
}
