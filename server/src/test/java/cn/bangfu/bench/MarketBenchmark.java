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
import cn.bangfu.support.Fixtures;
import cn.bangfu.support.Http;
import cn.bangfu.support.TestDatabase;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Market benchmark (not a test; run: see README "Benchmarks"). Measures, in one run on the embedded
 * MariaDB:
 * 1. order placement over HTTP with 50 concurrent clients for a fixed time (wrk if installed, see
 *    {@link OrderLoad}), beside raw JDBC executing the same statements in the same transaction shape
 *    with 50 threads over the server's own (then idle) pool;
 * 2. matching: GET /demands/{id}/matches with 100,000 open lots in the database, spread over
 *    100 products and with all 100,000 of the demand's product, plus the in-memory ranking alone.
 * Sizes: -Dbench.seconds=20 per side (default, after an 8 s warm-up), -Dbench.lots=100000;
 * -Dbench.javaClient=true uses the Java harness even where wrk is installed.
 */
public final class MarketBenchmark {
  static final int CLIENTS = 50;
  static final int POOL = Integer.getInteger("bench.pool", 16);
  static final int SECONDS = Integer.getInteger("bench.seconds", 20);
  static final int WARM_UP_SECONDS = 8;
  static final int LOTS = Integer.getInteger("bench.lots", 100_000);
  static final int MATCH_SAMPLES = 300;

  public static void main(String[] args) {
    cn.bangfu.support.BenchReport.main("market", MarketBenchmark::benchmark);
  }

  /** Today in Beijing: the benchmark server runs on real time (its clock is never advanced). */
  static LocalDate today() {
    return LocalDate.now(cn.bangfu.platform.BusinessDay.ZONE);
  }

  static void benchmark() throws Exception {
    String jdbcUrl = TestDatabase.freshDatabase();
    Config config = TestServer.database(jdbcUrl, "market-bench").dbPoolSize(POOL)
        .adminPassword(TestServer.ADMIN_PASSWORD).masterKey(TestServer.randomKey()).tokenTtlSeconds(3600)
        .maxBodyBytes(1 << 20).build();
    LedgerServer server = new LedgerServer(config).start();
    Http http = new Http(server.port());
    String admin = http.login("admin", TestServer.ADMIN_PASSWORD);
    try {
      System.out.printf("machine: %d cores, %d MB max heap, java %s%n", Runtime.getRuntime().availableProcessors(),
          Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"));
      World world = World.create(http, admin);
      String loadBefore = loadAverage();
      OrderLoad.overHttp(server.port(), world.tokens(), world.lots(), CLIENTS, WARM_UP_SECONDS);
      OrderLoad.Result viaHttp = OrderLoad.overHttp(server.port(), world.tokens(), world.lots(), CLIENTS, SECONDS);
      // the other shape in the same run on the same database: one event loop (before issue 18 point 2)
      // or, where that is already the default, one per core
      int instances = LedgerServer.httpInstances();
      int otherInstances = instances == 1 ? Runtime.getRuntime().availableProcessors() : 1;
      OrderLoad.Result other = otherEventLoops(config, world, otherInstances);
      // and the default again: both servers share this JVM, so the one measured second runs on code the
      // first one's load compiled; the second default run is the one compared (runs of 2026-12-03)
      OrderLoad.Result first = viaHttp;
      viaHttp = OrderLoad.overHttp(server.port(), world.tokens(), world.lots(), CLIENTS, SECONDS);
      OrderLoad.rawJdbc(server.database().transactionDataSource(), world.buyers(), world.lots(), CLIENTS, WARM_UP_SECONDS);
      OrderLoad.Result raw = OrderLoad.rawJdbc(server.database().transactionDataSource(), world.buyers(), world.lots(), CLIENTS,
          SECONDS);
      System.out.println();
      System.out.println("order placement, " + CLIENTS + " concurrent clients, " + SECONDS + " s each way; load average "
          + loadBefore + " before, " + loadAverage() + " after");
      cn.bangfu.support.BenchReport.line("market", first.line("HTTP POST /orders, " + instances
          + " event loop(s), the default, first (JIT still warming)"));
      cn.bangfu.support.BenchReport.line("market", viaHttp.line("HTTP POST /orders, " + instances
          + " event loop(s), the default"));
      cn.bangfu.support.BenchReport.line("market", other.line("HTTP POST /orders, " + otherInstances + " event loop(s)"));
      cn.bangfu.support.BenchReport.line("market", raw.line("raw JDBC same statements"));
      cn.bangfu.support.BenchReport.line("market", String.format(
          "HTTP / raw throughput: %.1f%% (%d event loop(s): %.1f%%; target >= 75%%); HTTP p99 %.1f ms"
              + " (%d event loop(s): %.1f ms; target <= 50 ms)",
          100.0 * viaHttp.perSecond() / raw.perSecond(), otherInstances, 100.0 * other.perSecond() / raw.perSecond(),
          viaHttp.p99Ms(), otherInstances, other.p99Ms()));
      matching(server, http, world, admin);
    } finally {
      server.stop();
    }
    // the embedded database's process watchers are not daemon threads: end exec:java explicitly
    System.exit(0);
  }

  /**
   * The same placement load against a second server on the same database with {@code instances} HTTP
   * event loops, so one run shows the placement rate of both shapes (issue 18 point 2).
   */
  static OrderLoad.Result otherEventLoops(Config config, World world, int instances) throws Exception {
    String configured = System.getProperty("ledger.http.instances");
    System.setProperty("ledger.http.instances", Integer.toString(instances));
    LedgerServer single;
    try {
      single = new LedgerServer(config).start();
    } finally {
      if (configured == null) {
        System.clearProperty("ledger.http.instances");
      } else {
        System.setProperty("ledger.http.instances", configured);
      }
    }
    try {
      OrderLoad.overHttp(single.port(), world.tokens(), world.lots(), CLIENTS, WARM_UP_SECONDS);
      return OrderLoad.overHttp(single.port(), world.tokens(), world.lots(), CLIENTS, SECONDS);
    } finally {
      single.stop();
    }
  }

  /** The machine's 1-minute load average: on a shared 2-core machine it says whether a figure can be trusted. */
  static String loadAverage() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
    } catch (java.io.IOException | RuntimeException e) {
      return "unknown";
    }
  }

  /** 20 cooperatives with 10 lots each (large, so they never run out), 50 buyers each with its user. */
  record World(List<String> lots, List<String> buyers, List<String> tokens, List<String> coops) {
    static World create(Http http, String admin) {
      List<String> coops = new ArrayList<>();
      List<String> lots = new ArrayList<>();
      String today = today().toString();
      for (int c = 0; c < 20; c++) {
        String coop = http.post("/api/v1/cooperatives", admin, Fixtures.cooperative("合作社" + c)).body().getString("id");
        coops.add(coop);
        String token = user(http, admin, "bench-coop-" + c, "COOP", coop);
        for (int l = 0; l < 10; l++) {
          lots.add(http.post("/api/v1/lots", token, new JsonObject().put("cooperativeId", coop).put("product", "葡萄")
              .put("grade", "一级").put("quantity", "100000000").put("unit", "KG").put("unitPriceFen", 1200)
              .put("availableFrom", today).put("availableTo", today().plusDays(90).toString())
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

  /** 100,000 open lots: first spread over 100 products, then all of the demand's product. */
  static void matching(LedgerServer server, Http http, World world, String admin) throws Exception {
    String buyerToken = world.tokens().get(0);
    String buyer = world.buyers().get(0);
    for (int i = 0; i < 5; i++) {
      http.post("/api/v1/pairings", admin, new JsonObject().put("buyerId", buyer).put("cooperativeId",
          world.coops().get(i)).put("form", "POINT_TO_POINT"));
    }
    javax.sql.DataSource ds = server.database().dataSource();
    System.out.println();
    System.out.println("matching: GET /demands/{id}/matches (top 20) with " + LOTS + " open lots in the database");
    insertLots(ds, world, LOTS, 100, "品种");
    String spread = demand(http, buyerToken, buyer, "品种7");
    timeMatches(http, buyerToken, spread, LOTS / 100 + " candidates (100 products)");
    insertLots(ds, world, LOTS, 1, "荔枝");
    String all = demand(http, buyerToken, buyer, "荔枝");
    timeMatches(http, buyerToken, all, LOTS + " candidates (one product)");
    DemandService demands = new DemandService(server.database(), new DemandRepository(), new ParticipantRepository(),
        new LotService(server.database(), new LotRepository(), new ParticipantRepository(), new Ids(1), server.clock()),
        new Ids(1), server.clock());
    DemandFacts facts = new DemandFacts(1, Long.parseLong(buyer), "荔枝", new BigDecimal("2000"), Unit.KG, 1300,
        today().plusDays(20));
    long[] loads = new long[20];
    List<LotFacts> candidates = null;
    for (int i = 0; i < loads.length; i++) {
      long t0 = System.nanoTime();
      candidates = server.database().dsl().transactionResult(c -> new DemandRepository().openLots(c.dsl(), "荔枝",
          today()));
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
      server.database().dsl().transactionResult(c -> demands.rankLots(c.dsl(), facts, today(), 20));
      whole[i] = System.nanoTime() - t0;
    }
    System.out.println(String.format("  in-process, %d candidates: load (one indexed query) p50 %.1f ms; "
        + "score+rank in memory p50 %.1f ms, p99 %.1f ms; rankLots total p50 %.1f ms",
        candidates.size(), ms(loads, 0.5), ms(ranks, 0.5), ms(ranks, 0.99), ms(whole, 0.5)));
  }

  static String demand(Http http, String token, String buyer, String product) {
    return http.post("/api/v1/demands", token, new JsonObject().put("buyerId", buyer).put("product", product)
        .put("quantity", "2000").put("unit", "KG").put("maxUnitPriceFen", 1300)
        .put("deliverBy", today().plusDays(20).toString())).body().getString("id");
  }

  static void timeMatches(Http http, String token, String demand, String what) {
    long[] times = matchTimes(http, token, demand, MATCH_SAMPLES);
    cn.bangfu.support.BenchReport.line("market", String.format(
        "matching %s: p50 %.1f ms, p99 %.1f ms, max %.1f ms over %d requests (target < 50 ms)",
        what.strip(), ms(times, 0.5), ms(times, 0.99), ms(times, 1.0), times.length));
  }

  /**
   * {@code samples} GET /demands/{id}/matches one after another, after 20 unmeasured ones; nanoseconds
   * each. They span several seconds, so the snapshot's background refreshes (every second) fall among them.
   */
  static long[] matchTimes(Http http, String token, String demand, int samples) {
    for (int i = 0; i < 20; i++) {
      http.get("/api/v1/demands/" + demand + "/matches", token);
    }
    long[] times = new long[samples];
    for (int i = 0; i < times.length; i++) {
      long t0 = System.nanoTime();
      http.get("/api/v1/demands/" + demand + "/matches", token).expect(200);
      times[i] = System.nanoTime() - t0;
    }
    return times;
  }

  /** The {@code q} quantile of {@code nanos}, in milliseconds. */
  static double ms(long[] nanos, double q) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return OrderLoad.percentile(sorted, q);
  }

  static void insertLots(javax.sql.DataSource ds, World world, int count, int products, String prefix) throws Exception {
    Ids ids = new Ids(1022);
    LocalDate today = today();
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
