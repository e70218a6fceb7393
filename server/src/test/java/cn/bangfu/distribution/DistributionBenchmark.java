package cn.bangfu.distribution;

import static cn.bangfu.db.Tables.COOPERATIVE;
import static cn.bangfu.db.Tables.DELIVERY;
import static cn.bangfu.db.Tables.HOUSEHOLD;
import static cn.bangfu.db.Tables.MEMBERSHIP;
import static cn.bangfu.db.Tables.SHARE_HOLDING;

import cn.bangfu.LedgerServer;
import cn.bangfu.ledger.AccountRef;
import cn.bangfu.ledger.EntryDraft;
import cn.bangfu.ledger.Posting;
import cn.bangfu.platform.Config;
import cn.bangfu.registry.Uscc;
import cn.bangfu.support.Http;
import cn.bangfu.support.TestDatabase;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.jooq.DSLContext;
import org.jooq.Query;

/**
 * Distribution at county scale (not a unit test; run with the bench profile, see BENCHMARKS.md):
 * a cooperative of 100,000 member households, a run drafted and posted over HTTP, each posting
 * timed beside a raw batched JDBC insert of the same ledger rows in the same run; then the ledger
 * is filled to 10 million postings and household statements are read over HTTP for p50/p99.
 */
public final class DistributionBenchmark {
  static final int HOUSEHOLDS = Integer.getInteger("bench.households", 100_000);
  static final long FILLER_POSTINGS = Long.getLong("bench.postings", 10_000_000L);
  static final int STATEMENT_READS = Integer.getInteger("bench.statementReads", 4_000);
  static final int CLIENTS = Integer.getInteger("bench.clients", 4);

  private final LedgerServer server;
  private final DSLContext db;
  private final Http http;
  private final List<String> results = new ArrayList<>();
  private long cooperativeId;
  private long firstHousehold;
  private String coopToken;
  private String regulatorToken;

  DistributionBenchmark(LedgerServer server) {
    this.server = server;
    this.db = server.database().dsl();
    this.http = new Http(server.port(), java.time.Duration.ofMinutes(10));
  }

  public static void main(String[] args) {
    cn.bangfu.support.BenchReport.main("distribution", DistributionBenchmark::benchmark);
  }

  static void benchmark() throws Exception {
    System.setProperty("ledger.test.dataDir", "target/bench-db");
    Config config = new Config(0, Files.createTempDirectory("ledger-bench"), Optional.of(TestDatabase.freshDatabase()),
        TestDatabase.user(), TestDatabase.password(), 16, Optional.of("bench-admin-password"),
        Optional.of(TestServer.randomKey()), 3600, 7, 1024 * 1024, false);
    LedgerServer server = new LedgerServer(config).start();
    try {
      DistributionBenchmark bench = new DistributionBenchmark(server);
      bench.run();
      bench.results.forEach(r -> cn.bangfu.support.BenchReport.line("distribution", r));
    } finally {
      server.stop();
    }
    System.exit(0);
  }

  void run() throws Exception {
    long setup = System.nanoTime();
    createCooperative();
    String admin = http.login("admin", "bench-admin-password");
    coopToken = user(admin, "bench-coop", "COOP", Long.toString(cooperativeId));
    regulatorToken = user(admin, "bench-regulator", "REGULATOR", "52");
    System.out.printf("setup: %,d households in %d ms%n", HOUSEHOLDS, (System.nanoTime() - setup) / 1_000_000);

    // Cold: the first distribution creates every household's dividend account; warm: a later period.
    runOnce("cold (household accounts created)", "2026-01-01", "2026-12-31", true);
    runOnce("warm (accounts exist)", "2026-01-01", "2026-06-30", false);

    long fill = System.nanoTime();
    fillLedger(FILLER_POSTINGS);
    System.out.printf("ledger filled with %,d more postings in %d ms%n", FILLER_POSTINGS,
        (System.nanoTime() - fill) / 1_000_000);
    readStatements();
  }

  private void runOnce(String label, String start, String end, boolean cold) throws Exception {
    long t0 = System.nanoTime();
    Http.Response draft = http.post("/api/v1/cooperatives/" + cooperativeId + "/distributions?limit=1", coopToken,
        new JsonObject().put("ruleSetId", "coop-surplus-60").put("periodStart", start).put("periodEnd", end));
    double draftMs = (System.nanoTime() - t0) / 1e6;
    require(draft, 201);
    String runId = draft.body().getString("id");
    require(http.post("/api/v1/distributions/" + runId + "/publicize", coopToken, new JsonObject().put("days", 7)), 200);
    db.execute("UPDATE distribution_run SET publicity_end = publicity_end - INTERVAL 30 DAY WHERE id = " + runId);
    require(http.post("/api/v1/distributions/" + runId + "/approve", regulatorToken, new JsonObject()), 200);
    long t1 = System.nanoTime();
    require(http.post("/api/v1/distributions/" + runId + "/post", coopToken, new JsonObject()), 200);
    double postMs = (System.nanoTime() - t1) / 1e6;
    double rawMs = rawPostingInsert(HOUSEHOLDS + 2, cold);
    results.add(String.format("distribution %s | draft %,d households %.0f ms | post %.0f ms | raw batched insert of"
        + " the same rows %.0f ms | post/raw %.2f (target <= 1.50)", label, HOUSEHOLDS, draftMs, postMs, rawMs,
        postMs / rawMs));
  }

  /** The rows posting writes (one entry, HOUSEHOLDS+2 postings, and on first use the accounts), raw JDBC. */
  private double rawPostingInsert(int rows, boolean withAccounts) throws Exception {
    try (Connection c = server.database().dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS raw_posting LIKE ledger_posting");
      s.execute("CREATE TABLE IF NOT EXISTS raw_account LIKE ledger_account");
      s.execute("TRUNCATE raw_posting");
      s.execute("TRUNCATE raw_account");
      long entry = ThreadLocalRandom.current().nextLong(1L << 40);
      long t0 = System.nanoTime();
      c.setAutoCommit(false);
      if (withAccounts) {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO raw_account (id, owner_type, owner_id, purpose,"
            + " cooperative_id, currency, created_at) VALUES (?, 'HOUSEHOLD', ?, 'DIVIDEND_PAYABLE', NULL, 'CNY', ?)")) {
          java.sql.Timestamp now = java.sql.Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC));
          for (int i = 0; i < rows; i++) {
            p.setLong(1, entry + i);
            p.setLong(2, firstHousehold + i);
            p.setTimestamp(3, now);
            p.addBatch();
            if (i % 5000 == 4999) {
              p.executeBatch();
            }
          }
          p.executeBatch();
        }
      }
      try (PreparedStatement p = c.prepareStatement("INSERT INTO raw_posting (entry_id, line_no, account_id,"
          + " amount_fen, cooperative_id, effective_date) VALUES (?, ?, ?, ?, ?, ?)")) {
        java.sql.Date date = java.sql.Date.valueOf(LocalDate.of(2026, 12, 31));
        for (int i = 0; i < rows; i++) {
          p.setLong(1, entry);
          p.setInt(2, i + 1);
          p.setLong(3, entry + i);
          p.setLong(4, i == 0 ? rows - 1 : -1);
          p.setLong(5, cooperativeId);
          p.setDate(6, date);
          p.addBatch();
          if (i % 5000 == 4999) {
            p.executeBatch();
          }
        }
        p.executeBatch();
      }
      c.commit();
      return (System.nanoTime() - t0) / 1e6;
    }
  }

  private void readStatements() throws Exception {
    for (int i = 0; i < 300; i++) { // warm-up: JIT and connection pool, not measured
      http.get("/api/v1/households/" + (firstHousehold + i) + "/statement?year=2026", regulatorToken);
    }
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    List<Future<long[]>> futures = new ArrayList<>();
    int perClient = STATEMENT_READS / CLIENTS;
    for (int c = 0; c < CLIENTS; c++) {
      futures.add(clients.submit(() -> {
        long[] latencies = new long[perClient];
        for (int i = 0; i < perClient; i++) {
          long household = firstHousehold + ThreadLocalRandom.current().nextInt(HOUSEHOLDS);
          long t0 = System.nanoTime();
          Http.Response r = http.get("/api/v1/households/" + household + "/statement?year=2026", regulatorToken);
          latencies[i] = System.nanoTime() - t0;
          if (r.status() != 200) {
            throw new IllegalStateException("statement " + r.status() + " " + r.text());
          }
        }
        return latencies;
      }));
    }
    long[] all = new long[perClient * CLIENTS];
    int k = 0;
    long t0 = System.nanoTime();
    for (Future<long[]> f : futures) {
      for (long l : f.get()) {
        all[k++] = l;
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    clients.shutdown();
    Arrays.sort(all);
    long postings = db.fetchCount(cn.bangfu.db.Tables.LEDGER_POSTING);
    results.add(String.format("statement reads, %,d ledger postings present, %d clients | %,d reads | p50 %.1f ms |"
        + " p99 %.1f ms (target <= 20) | %.0f reads/s", postings, CLIENTS, all.length, all[all.length / 2] / 1e6,
        all[(int) (all.length * 0.99)] / 1e6, all.length / seconds));
  }

  /** Unrelated postings (pairs of +100/−100 fen, so the trial balance stays 0) spread over 300,000 accounts. */
  private void fillLedger(long postings) {
    db.execute("INSERT INTO ledger_posting (entry_id, line_no, account_id, amount_fen, cooperative_id, effective_date)"
        + " SELECT 900000000000 + (seq DIV 1000), seq MOD 1000, 7000000000 + (seq MOD 300000),"
        + " IF(seq MOD 2 = 0, 100, -100), 1, '2025-06-01' FROM seq_0_to_" + (postings - 1));
  }

  private void createCooperative() {
    cooperativeId = 4_000_000_000L + ThreadLocalRandom.current().nextInt(1_000_000);
    firstHousehold = cooperativeId * 1000;
    LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
    db.insertInto(COOPERATIVE).set(COOPERATIVE.ID, cooperativeId).set(COOPERATIVE.NAME, "压测合作社")
        .set(COOPERATIVE.USCC, Uscc.withCheckCode("93522626MA6BENCH0".replace("BENCH", "B0000")))
        .set(COOPERATIVE.REGION_CODE, "522626100201").set(COOPERATIVE.CREATED_AT, now).set(COOPERATIVE.CREATED_BY, 0L)
        .execute();
    List<Query> batch = new ArrayList<>();
    for (int from = 0; from < HOUSEHOLDS; from += 2000) {
      int to = Math.min(HOUSEHOLDS, from + 2000);
      var households = db.insertInto(HOUSEHOLD, HOUSEHOLD.ID, HOUSEHOLD.NAME, HOUSEHOLD.ID_NUMBER_CIPHER,
          HOUSEHOLD.ID_NUMBER_HASH, HOUSEHOLD.ID_NUMBER_MASKED, HOUSEHOLD.REGION_CODE, HOUSEHOLD.MEMBERS,
          HOUSEHOLD.LABOR_CAPACITY, HOUSEHOLD.STATUS, HOUSEHOLD.BLACKLISTED, HOUSEHOLD.CREATED_AT, HOUSEHOLD.CREATED_BY);
      var members = db.insertInto(MEMBERSHIP, MEMBERSHIP.ID, MEMBERSHIP.COOPERATIVE_ID, MEMBERSHIP.HOUSEHOLD_ID,
          MEMBERSHIP.JOINED_ON, MEMBERSHIP.CREATED_AT, MEMBERSHIP.CREATED_BY);
      var shares = db.insertInto(SHARE_HOLDING, SHARE_HOLDING.ID, SHARE_HOLDING.COOPERATIVE_ID,
          SHARE_HOLDING.HOUSEHOLD_ID, SHARE_HOLDING.SHARE_CLASS, SHARE_HOLDING.UNITS, SHARE_HOLDING.SINCE,
          SHARE_HOLDING.CREATED_AT, SHARE_HOLDING.CREATED_BY);
      var deliveries = db.insertInto(DELIVERY, DELIVERY.ID, DELIVERY.COOPERATIVE_ID, DELIVERY.HOUSEHOLD_ID,
          DELIVERY.PRODUCT, DELIVERY.QUANTITY, DELIVERY.UNIT, DELIVERY.VALUE_FEN, DELIVERY.DELIVERED_ON,
          DELIVERY.CREATED_AT, DELIVERY.CREATED_BY);
      for (int i = from; i < to; i++) {
        long id = firstHousehold + i;
        byte[] hash = ByteBuffer.allocate(32).putLong(id).putLong(cooperativeId).array();
        households = households.values(id, "户" + i, hash, hash, "5226**********0000", "522626100201", 3, "FULL",
            i % 3 == 0 ? "REGISTERED_POOR" : "ORDINARY", false, now, 0L);
        members = members.values(id, cooperativeId, id, LocalDate.of(2026, 1, 1), now, 0L);
        shares = shares.values(id, cooperativeId, id, "LAND", BigDecimal.valueOf(1 + i % 20), LocalDate.of(2026, 1, 1),
            now, 0L);
        long kilograms = 50 + i % 400;
        deliveries = deliveries.values(id, cooperativeId, id, "葡萄", BigDecimal.valueOf(kilograms), "KG",
            kilograms * 1200, LocalDate.of(2026, 5, 20), now, 0L);
      }
      batch.add(households);
      batch.add(members);
      batch.add(shares);
      batch.add(deliveries);
    }
    db.batch(batch).execute();
    // A year of settled sales: 5,000,000 元 of grapes.
    EntryDraft sales = new EntryDraft("ORDER_SETTLEMENT", "ORDER", 1, "bench-order:1", cooperativeId,
        LocalDate.of(2026, 6, 1), 0, "bench", List.of(
            new Posting(new AccountRef(AccountRef.OwnerType.BUYER, 1, AccountRef.Purpose.BUYER_PROCUREMENT), 500_000_000L),
            new Posting(new AccountRef(AccountRef.OwnerType.COOPERATIVE, cooperativeId, AccountRef.Purpose.COOP_REVENUE),
                -500_000_000L)));
    db.transaction(tx -> server.ledger().post(tx.dsl(), sales));
  }

  private String user(String adminToken, String username, String role, String scope) {
    require(http.post("/api/v1/users", adminToken, new JsonObject().put("username", username)
        .put("password", "bench-password-1").put("role", role).put("scopeId", scope)), 201);
    return http.login(username, "bench-password-1");
  }

  private static void require(Http.Response response, int status) {
    if (response.status() != status) {
      throw new IllegalStateException("expected " + status + ", got " + response.status() + ": " + response.text());
    }
  }
}
