package cn.bangfu.bench;

import cn.bangfu.LedgerServer;
import cn.bangfu.matching.DemandRepository;
import cn.bangfu.matching.DemandService;
import cn.bangfu.matching.MatchScoring.CooperativeFacts;
import cn.bangfu.matching.MatchScoring.DemandFacts;
import cn.bangfu.matching.MatchScoring.LotFacts;
import cn.bangfu.matching.Ranking;
import cn.bangfu.platform.Config;
import cn.bangfu.platform.Ids;
import cn.bangfu.registry.ParticipantRepository;
import cn.bangfu.registry.Unit;
import cn.bangfu.supply.LotRepository;
import cn.bangfu.supply.LotService;
import cn.bangfu.supply.Params;
import cn.bangfu.support.Fixtures;
import cn.bangfu.support.Http;
import cn.bangfu.support.TestDatabase;
import cn.bangfu.support.TestServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Market benchmark (not a test; run: see README "Benchmarks"). Measures, in one run on the embedded
 * MariaDB:
 * 1. order placement over HTTP with 50 concurrent clients (a Java HttpClient harness, a fixed number
 *    of requests per client), beside raw JDBC executing the same statements in the same transaction
 *    shape with 50 threads over a pool of the server's size;
 * 2. matching: GET /demands/{id}/matches with 100,000 open lots in the database, spread over
 *    100 products and with all 100,000 of the demand's product, plus the in-memory ranking alone.
 * Sizes: -Dbench.requests=200 per client (default), -Dbench.lots=100000.
 */
public final class MarketBenchmark {
  static final int CLIENTS = 50;
  static final int POOL = 16;
  static final int REQUESTS = Integer.getInteger("bench.requests", 200);
  static final int LOTS = Integer.getInteger("bench.lots", 100_000);

  public static void main(String[] args) {
    cn.bangfu.support.BenchReport.main("market", MarketBenchmark::benchmark);
  }

  static void benchmark() throws Exception {
    String jdbcUrl = TestDatabase.freshDatabase();
    Config config = new Config(0, Files.createTempDirectory("market-bench"), Optional.of(jdbcUrl), TestDatabase.user(),
        TestDatabase.password(), POOL, Optional.of(TestServer.ADMIN_PASSWORD), Optional.of(TestServer.randomKey()),
        3600, 7, 1 << 20, false);
    LedgerServer server = new LedgerServer(config).start();
    Http http = new Http(server.port());
    String admin = http.login("admin", TestServer.ADMIN_PASSWORD);
    try {
      System.out.printf("machine: %d cores, %d MB max heap, java %s%n", Runtime.getRuntime().availableProcessors(),
          Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"));
      World world = World.create(http, admin);
      Result viaHttp = httpOrders(server.port(), world, 20);     // warm-up
      viaHttp = httpOrders(server.port(), world, REQUESTS);
      Result raw;
      try (HikariDataSource ds = pool(jdbcUrl)) {
        rawOrders(ds, world, 20);                                  // warm-up
        raw = rawOrders(ds, world, REQUESTS);
      }
      System.out.println();
      System.out.println("order placement, 50 concurrent clients, " + (CLIENTS * REQUESTS) + " orders each way");
      cn.bangfu.support.BenchReport.line("market", viaHttp.line("HTTP POST /orders"));
      cn.bangfu.support.BenchReport.line("market", raw.line("raw JDBC same statements"));
      cn.bangfu.support.BenchReport.line("market", String.format(
          "HTTP / raw throughput: %.1f%% (target >= 50%%); HTTP p99 %.1f ms (target <= 50 ms)",
          100.0 * viaHttp.perSecond() / raw.perSecond(), viaHttp.p(0.99)));
      matching(server, http, world, admin, jdbcUrl);
    } finally {
      server.stop();
    }
    // the embedded database's process watchers are not daemon threads: end exec:java explicitly
    System.exit(0);
  }

  record Result(int count, long wallNanos, long[] latencies) {
    double perSecond() {
      return count * 1e9 / wallNanos;
    }

    double p(double q) {
      long[] sorted = latencies.clone();
      Arrays.sort(sorted);
      return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    String line(String what) {
      return String.format("%-28s %8.0f orders/s   p50 %6.2f ms   p99 %6.2f ms", what, perSecond(), p(0.5), p(0.99));
    }
  }

  /** 20 cooperatives with 10 lots each (large, so they never run out), 50 buyers each with its user. */
  record World(List<String> lots, List<String> buyers, List<String> tokens, List<String> coops) {
    static World create(Http http, String admin) {
      List<String> coops = new ArrayList<>();
      List<String> lots = new ArrayList<>();
      String today = Params.today().toString();
      for (int c = 0; c < 20; c++) {
        String coop = http.post("/api/v1/cooperatives", admin, Fixtures.cooperative("合作社" + c)).body().getString("id");
        coops.add(coop);
        String token = user(http, admin, "bench-coop-" + c, "COOP", coop);
        for (int l = 0; l < 10; l++) {
          lots.add(http.post("/api/v1/lots", token, new JsonObject().put("cooperativeId", coop).put("product", "葡萄")
              .put("grade", "一级").put("quantity", "100000000").put("unit", "KG").put("unitPriceFen", 1200)
              .put("availableFrom", today).put("availableTo", Params.today().plusDays(90).toString())
              .put("minOrderQuantity", "1")).body().getString("id"));
        }
      }
      List<String> buyers = new ArrayList<>();
      List<String> tokens = new ArrayList<>();
      for (int b = 0; b < CLIENTS; b++) {
        String buyer = http.post("/api/v1/buyers", admin, Fixtures.buyer("食堂" + b)).body().getString("id");
        buyers.add(buyer);
        tokens.add(user(http, admin, "bench-buyer-" + b, "BUYER", buyer));
      }
      return new World(lots, buyers, tokens, coops);
    }

    static String user(Http http, String admin, String name, String role, String scope) {
      http.post("/api/v1/users", admin, new JsonObject().put("username", name).put("password", "password-" + name)
          .put("role", role).put("scopeId", scope));
      return http.login(name, "password-" + name);
    }
  }

  interface Call {
    void run(int client, int i) throws Exception;
  }

  static Result drive(int perClient, Call call) throws Exception {
    long[] latencies = new long[CLIENTS * perClient];
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    CountDownLatch gate = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(CLIENTS);
    List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int c = 0; c < CLIENTS; c++) {
      int client = c;
      pool.submit(() -> {
        try {
          gate.await();
          for (int i = 0; i < perClient; i++) {
            long t0 = System.nanoTime();
            call.run(client, i);
            latencies[client * perClient + i] = System.nanoTime() - t0;
          }
        } catch (Throwable e) {
          errors.add(e);
        } finally {
          done.countDown();
        }
      });
    }
    long start = System.nanoTime();
    gate.countDown();
    done.await(30, TimeUnit.MINUTES);
    long wall = System.nanoTime() - start;
    pool.shutdown();
    if (!errors.isEmpty()) {
      throw new IllegalStateException("benchmark client failed", errors.get(0));
    }
    return new Result(latencies.length, wall, latencies);
  }

  static Result httpOrders(int port, World world, int perClient) throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/orders");
    return drive(perClient, (c, i) -> {
      String lot = world.lots().get(ThreadLocalRandom.current().nextInt(world.lots().size()));
      HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + world.tokens().get(c))
          .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
          .POST(HttpRequest.BodyPublishers.ofString("{\"lotId\":\"" + lot + "\",\"quantity\":\"1.5\"}")).build();
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 201) {
        throw new IllegalStateException("order failed: " + response.statusCode() + " " + response.body());
      }
    });
  }

  static HikariDataSource pool(String jdbcUrl) {
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(jdbcUrl + "?rewriteBatchedStatements=true&useServerPrepStmts=false&cachePrepStmts=true"
        + "&characterEncoding=UTF-8&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true"
        + "&allowPublicKeyRetrieval=true&useSSL=false");
    c.setUsername(TestDatabase.user());
    c.setPassword(TestDatabase.password());
    c.setMaximumPoolSize(POOL);
    c.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    return new HikariDataSource(c);
  }

  /** The statements of one placement, as the server issues them, in one transaction, without the service around them. */
  static Result rawOrders(HikariDataSource ds, World world, int perClient) throws Exception {
    Ids ids = new Ids(1023);
    return drive(perClient, (c, i) -> {
      long buyer = Long.parseLong(world.buyers().get(c));
      long lot = Long.parseLong(world.lots().get(ThreadLocalRandom.current().nextInt(world.lots().size())));
      String key = UUID.randomUUID().toString();
      BigDecimal quantity = new BigDecimal("1.500");
      Timestamp now = Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC));
      try (Connection conn = ds.getConnection()) {
        conn.setAutoCommit(false);
        try (PreparedStatement s = conn.prepareStatement(
            "select * from idempotency_record where owner = ? and idem_key = ?")) {
          s.setString(1, "BUYER:" + buyer);
          s.setString(2, key);
          s.executeQuery().close();
        }
        try (PreparedStatement s = conn.prepareStatement("select * from buyer where id = ?")) {
          s.setLong(1, buyer);
          s.executeQuery().close();
        }
        long coop;
        long price;
        try (PreparedStatement s = conn.prepareStatement("select * from lot where id = ?")) {
          s.setLong(1, lot);
          try (ResultSet rs = s.executeQuery()) {
            rs.next();
            coop = rs.getLong("cooperative_id");
            price = rs.getLong("unit_price_fen");
          }
        }
        try (PreparedStatement s = conn.prepareStatement("update lot set available_quantity = available_quantity - ? "
            + "where id = ? and available_quantity >= ? and (min_order_quantity <= ? or available_quantity = ?)")) {
          s.setBigDecimal(1, quantity);
          s.setLong(2, lot);
          s.setBigDecimal(3, quantity);
          s.setBigDecimal(4, quantity);
          s.setBigDecimal(5, quantity);
          if (s.executeUpdate() != 1) {
            throw new IllegalStateException("lot ran out");
          }
        }
        long order = ids.next();
        try (PreparedStatement s = conn.prepareStatement("insert into purchase_order (id, cooperative_id, buyer_id, "
            + "lot_id, demand_id, product, unit, quantity, unit_price_fen, amount_fen, accepted_quantity, status, "
            + "payment_ref, settled_on, ledger_entry_id, created_at, created_by, updated_at) "
            + "values (?, ?, ?, ?, null, '葡萄', 'KG', ?, ?, ?, null, 'PLACED', null, null, null, ?, 1, ?)")) {
          s.setLong(1, order);
          s.setLong(2, coop);
          s.setLong(3, buyer);
          s.setLong(4, lot);
          s.setBigDecimal(5, quantity);
          s.setLong(6, price);
          s.setLong(7, 1800);
          s.setTimestamp(8, now);
          s.setTimestamp(9, now);
          s.executeUpdate();
        }
        try (PreparedStatement s = conn.prepareStatement("insert into order_history (id, order_id, cooperative_id, "
            + "from_status, to_status, actor_user_id, actor_role, note, at) values (?, ?, ?, null, 'PLACED', 1, 'BUYER', null, ?)")) {
          s.setLong(1, ids.next());
          s.setLong(2, order);
          s.setLong(3, coop);
          s.setTimestamp(4, now);
          s.executeUpdate();
        }
        try (PreparedStatement s = conn.prepareStatement("insert into idempotency_record (id, owner, idem_key, "
            + "request_hash, cooperative_id, response_status, response_body, created_at) values (?, ?, ?, ?, ?, 201, ?, ?)")) {
          s.setLong(1, ids.next());
          s.setString(2, "BUYER:" + buyer);
          s.setString(3, key);
          s.setString(4, "0".repeat(64));
          s.setLong(5, coop);
          s.setString(6, "{\"id\":\"" + order + "\",\"status\":\"PLACED\",\"amountFen\":1800}");
          s.setTimestamp(7, now);
          s.executeUpdate();
        }
        conn.commit();
      }
    });
  }

  /** 100,000 open lots: first spread over 100 products, then all of the demand's product. */
  static void matching(LedgerServer server, Http http, World world, String admin, String jdbcUrl) throws Exception {
    String buyerToken = world.tokens().get(0);
    String buyer = world.buyers().get(0);
    for (int i = 0; i < 5; i++) {
      http.post("/api/v1/pairings", admin, new JsonObject().put("buyerId", buyer).put("cooperativeId",
          world.coops().get(i)).put("form", "POINT_TO_POINT"));
    }
    try (HikariDataSource ds = pool(jdbcUrl)) {
      System.out.println();
      System.out.println("matching: GET /demands/{id}/matches (top 20) with " + LOTS + " open lots in the database");
      insertLots(ds, world, LOTS, 100, "品种");
      String spread = demand(http, buyerToken, buyer, "品种7");
      timeMatches(http, buyerToken, spread, LOTS / 100 + " candidates (100 products)");
      insertLots(ds, world, LOTS, 1, "荔枝");
      String all = demand(http, buyerToken, buyer, "荔枝");
      timeMatches(http, buyerToken, all, LOTS + " candidates (one product)");
    }
    DemandService demands = new DemandService(server.database(), new DemandRepository(), new ParticipantRepository(),
        new LotService(server.database(), new LotRepository(), new ParticipantRepository(), new Ids(1)), new Ids(1));
    DemandFacts facts = new DemandFacts(1, Long.parseLong(buyer), "荔枝", new BigDecimal("2000"), Unit.KG, 1300,
        Params.today().plusDays(20));
    long[] loads = new long[20];
    List<LotFacts> candidates = null;
    for (int i = 0; i < loads.length; i++) {
      long t0 = System.nanoTime();
      candidates = server.database().dsl().transactionResult(c -> new DemandRepository().openLots(c.dsl(), "荔枝",
          Params.today()));
      loads[i] = System.nanoTime() - t0;
    }
    Map<Long, CooperativeFacts> coops = new HashMap<>();
    for (String coop : world.coops()) {
      coops.put(Long.parseLong(coop), new CooperativeFacts(null, 10, 6));
    }
    long[] ranks = new long[50];
    for (int i = 0; i < ranks.length; i++) {
      long t0 = System.nanoTime();
      Ranking.topLots(facts, candidates, coops, 20);
      ranks[i] = System.nanoTime() - t0;
    }
    long[] whole = new long[20];
    for (int i = 0; i < whole.length; i++) {
      long t0 = System.nanoTime();
      server.database().dsl().transactionResult(c -> demands.rankLots(c.dsl(), facts, Params.today(), 20));
      whole[i] = System.nanoTime() - t0;
    }
    System.out.println(String.format("  in-process, %d candidates: load (one indexed query) p50 %.1f ms; "
        + "score+rank in memory p50 %.1f ms, p99 %.1f ms; rankLots total p50 %.1f ms",
        candidates.size(), new Result(20, 1, loads).p(0.5), new Result(50, 1, ranks).p(0.5),
        new Result(50, 1, ranks).p(0.99), new Result(20, 1, whole).p(0.5)));
  }

  static String demand(Http http, String token, String buyer, String product) {
    return http.post("/api/v1/demands", token, new JsonObject().put("buyerId", buyer).put("product", product)
        .put("quantity", "2000").put("unit", "KG").put("maxUnitPriceFen", 1300)
        .put("deliverBy", Params.today().plusDays(20).toString())).body().getString("id");
  }

  static void timeMatches(Http http, String token, String demand, String what) {
    Result result = matchTimes(http, token, demand, 30);
    cn.bangfu.support.BenchReport.line("market", String.format("matching %s: p50 %.1f ms, p99 %.1f ms (target < 50 ms)",
        what.strip(), result.p(0.5), result.p(0.99)));
  }

  /** {@code samples} GET /demands/{id}/matches one after another, after 5 unmeasured ones. */
  static Result matchTimes(Http http, String token, String demand, int samples) {
    for (int i = 0; i < 5; i++) {
      http.get("/api/v1/demands/" + demand + "/matches", token);
    }
    long[] times = new long[samples];
    for (int i = 0; i < times.length; i++) {
      long t0 = System.nanoTime();
      http.get("/api/v1/demands/" + demand + "/matches", token).expect(200);
      times[i] = System.nanoTime() - t0;
    }
    return new Result(times.length, 1, times);
  }

  static void insertLots(HikariDataSource ds, World world, int count, int products, String prefix) throws Exception {
    Ids ids = new Ids(1022);
    LocalDate today = Params.today();
    ThreadLocalRandom random = ThreadLocalRandom.current();
    LotRows.insert(ds, count, i -> {
      boolean jin = random.nextInt(4) == 0;
      BigDecimal quantity = BigDecimal.valueOf(random.nextInt(100, 5000));
      return new LotRows.Lot(ids.next(), Long.parseLong(world.coops().get(i % world.coops().size())), Fixtures.REGION,
          products == 1 ? prefix : prefix + (i % products), "一级", jin ? "JIN" : "KG", quantity, BigDecimal.ZERO,
          jin ? random.nextInt(400, 800) : random.nextInt(800, 1600), today.minusDays(random.nextInt(0, 30)),
          today.plusDays(random.nextInt(1, 60)), random.nextBoolean() ? "POVERTY_PRODUCT" : "GREEN");
    });
  }
}
