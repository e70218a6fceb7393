package cn.bangfu.bench;

import cn.bangfu.platform.Ids;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Order placement load, shared by the market and county benchmarks: {@code POST /api/v1/orders} from
 * N keep-alive clients for a fixed time, beside the same placement statements sent with raw JDBC
 * from N threads on the same database. Closed loop on both sides (each client sends its next request
 * when the previous one is answered), no pacing.
 *
 * <p>The HTTP load comes from wrk (Debian package {@code wrk}) with a generated Lua script when it is
 * installed: a C load generator costs the 2 shared cores far less than a JVM client would, so the
 * server is measured rather than the harness. Without wrk a Java {@link HttpClient} harness is used
 * and the result says so.
 */
public final class OrderLoad {
  private OrderLoad() {
  }

  /** What one side achieved: completed requests, wall time, latency percentiles, failed requests. */
  public record Result(String tool, long count, double seconds, double p50Ms, double p99Ms, long failures) {
    public double perSecond() {
      return count / seconds;
    }

    public String line(String what) {
      return String.format("%-28s %8.0f orders/s   p50 %6.2f ms   p99 %6.2f ms   (%s, %,d orders, %d failed)", what,
          perSecond(), p50Ms, p99Ms, tool, count, failures);
    }
  }

  public static boolean wrkInstalled() {
    return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, "wrk")));
  }

  /** POST /api/v1/orders {lotId, quantity 1.5} from {@code clients} connections for {@code seconds}. */
  public static Result overHttp(int port, List<String> buyerTokens, List<String> lotIds, int clients, int seconds)
      throws Exception {
    return wrkInstalled() && !Boolean.getBoolean("bench.javaClient")
        ? wrk(port, buyerTokens, lotIds, clients, seconds)
        : javaClient(port, buyerTokens, lotIds, clients, seconds);
  }

  // --- wrk ---

  private static final Pattern WRK_RESULT = Pattern.compile(
      "RESULT count=(\\d+) duration_us=(\\d+) p50_us=(\\d+) p99_us=(\\d+) non2xx=(\\d+) socket_errors=(\\d+)");

  static Result wrk(int port, List<String> tokens, List<String> lots, int clients, int seconds) throws Exception {
    return wrk("http://127.0.0.1:" + port + "/api/v1/orders",
        luaScript(tokens, lots, UUID.randomUUID().toString().substring(0, 8)), clients, seconds);
  }

  /**
   * wrk with {@code clients} connections for {@code seconds} on {@code url}, its requests made by the Lua
   * {@code script}, which ends with {@link #WRK_DONE} (the RESULT line read here).
   */
  static Result wrk(String url, String script, int clients, int seconds) throws Exception {
    Path file = Files.createTempFile("wrk", ".lua");
    Files.writeString(file, script, StandardCharsets.UTF_8);
    int threads = Math.min(clients, Math.max(1, Runtime.getRuntime().availableProcessors()));
    Process wrk = new ProcessBuilder("wrk", "-t" + threads, "-c" + clients, "-d" + seconds + "s", "--latency",
        "-s", file.toString(), url)
        .redirectErrorStream(true).start();
    String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (wrk.waitFor() != 0) {
      throw new IOException("wrk failed: " + output);
    }
    Files.deleteIfExists(file);
    Matcher m = WRK_RESULT.matcher(output);
    if (!m.find()) {
      throw new IOException("no RESULT line in wrk's output: " + output);
    }
    return new Result("wrk", Long.parseLong(m.group(1)), Long.parseLong(m.group(2)) / 1e6,
        Long.parseLong(m.group(3)) / 1e3, Long.parseLong(m.group(4)) / 1e3,
        Long.parseLong(m.group(5)) + Long.parseLong(m.group(6)));
  }

  /** Lua giving each wrk thread its number ({@code tid}) and its own random sequence. */
  static final String WRK_THREADS = """
      local threads = 0
      function setup(thread)
        threads = threads + 1
        thread:set("tid", threads)
      end
      function init(args)
        math.randomseed(tid * 7919)
      end
      """;

  /** The Lua done() every script ends with: one RESULT line of counts and latency percentiles. */
  static final String WRK_DONE = """
      function done(summary, latency, requests)
        local e = summary.errors
        io.write(string.format("RESULT count=%d duration_us=%d p50_us=%d p99_us=%d non2xx=%d socket_errors=%d\\n",
          summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), e.status,
          e.connect + e.read + e.write + e.timeout))
      end
      """;

  /** Each request a fresh Idempotency-Key (run, thread, counter), a rotating buyer token, a random lot. */
  static String luaScript(List<String> tokens, List<String> lots, String run) {
    String quoted = tokens.stream().map(t -> "\"" + t + "\"").collect(Collectors.joining(",\n"));
    String lotList = lots.stream().map(l -> "\"" + l + "\"").collect(Collectors.joining(","));
    return """
        local tokens = {%s}
        local lots = {%s}
        local counter = 0
        function request()
          counter = counter + 1
          local token = tokens[(counter %% #tokens) + 1]
          local lot = lots[math.random(#lots)]
          return wrk.format("POST", nil, {
            ["Authorization"] = "Bearer " .. token,
            ["Content-Type"] = "application/json",
            ["Idempotency-Key"] = "%s-" .. tid .. "-" .. counter
          }, '{"lotId":"' .. lot .. '","quantity":"1.5"}')
        end
        """.formatted(quoted, lotList, run) + WRK_THREADS + WRK_DONE;
  }

  // --- Java harness (fallback without wrk, and the raw JDBC side) ---

  interface Call {
    /** One request of client {@code client}; false if it was answered but failed. */
    boolean run(int client) throws Exception;
  }

  /** Runs {@code call} from {@code clients} threads for {@code seconds}, each as fast as it is answered. */
  static Result drive(String tool, int clients, int seconds, Call call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    CountDownLatch gate = new CountDownLatch(1);
    AtomicLong failures = new AtomicLong();
    List<Future<long[]>> futures = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int client = c;
      futures.add(pool.submit(() -> {
        long[] latencies = new long[1024];
        int n = 0;
        gate.await();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
          long t0 = System.nanoTime();
          if (!call.run(client)) {
            failures.incrementAndGet();
            continue;
          }
          if (n == latencies.length) {
            latencies = Arrays.copyOf(latencies, n * 2);
          }
          latencies[n++] = System.nanoTime() - t0;
        }
        return Arrays.copyOf(latencies, n);
      }));
    }
    long start = System.nanoTime();
    gate.countDown();
    long[] all = new long[0];
    try {
      for (Future<long[]> f : futures) {
        long[] part = f.get();
        int from = all.length;
        all = Arrays.copyOf(all, from + part.length);
        System.arraycopy(part, 0, all, from, part.length);
      }
    } finally {
      pool.shutdownNow();
    }
    double wall = (System.nanoTime() - start) / 1e9;
    Arrays.sort(all);
    return new Result(tool, all.length, wall, percentile(all, 0.50), percentile(all, 0.99), failures.get());
  }

  static double percentile(long[] sortedNanos, double q) {
    if (sortedNanos.length == 0) {
      return Double.NaN;
    }
    return sortedNanos[Math.min(sortedNanos.length - 1, (int) Math.ceil(q * sortedNanos.length) - 1)] / 1e6;
  }

  static Result javaClient(int port, List<String> tokens, List<String> lots, int clients, int seconds)
      throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/orders");
    return drive("java HttpClient", clients, seconds, c -> {
      String lot = lots.get(ThreadLocalRandom.current().nextInt(lots.size()));
      HttpRequest request = HttpRequest.newBuilder(uri)
          .header("Authorization", "Bearer " + tokens.get(c % tokens.size()))
          .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
          .POST(HttpRequest.BodyPublishers.ofString("{\"lotId\":\"" + lot + "\",\"quantity\":\"1.5\"}")).build();
      return client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 201;
    });
  }

  /**
   * The statements of one placement as the server issues them (conditional decrement, order,
   * history, idempotency record, commit) in one transaction, without the service around them, from
   * {@code clients} threads on {@code dataSource} (pass the server's own transaction pool, idle
   * meanwhile, so both sides use the same pool size, driver settings and autocommit state). Like the
   * server, which reads a lot's fixed terms once per instance, it reads them once before the load.
   */
  public static Result rawJdbc(DataSource dataSource, List<String> buyerIds, List<String> lotIds, int clients,
      int seconds) throws Exception {
    Ids ids = new Ids(1023);
    BigDecimal quantity = new BigDecimal("1.500");
    Map<Long, LotTerms> terms = lotTerms(dataSource, lotIds);
    return drive("raw JDBC", clients, seconds, c -> {
      long buyer = Long.parseLong(buyerIds.get(c % buyerIds.size()));
      long lot = Long.parseLong(lotIds.get(ThreadLocalRandom.current().nextInt(lotIds.size())));
      String key = UUID.randomUUID().toString();
      Timestamp now = Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC));
      try (Connection conn = dataSource.getConnection()) {
        conn.setAutoCommit(false);
        LotTerms known = terms.get(lot);
        long coop = known.cooperativeId();
        long price = known.unitPriceFen();
        String product = known.product();
        String unit = known.unit();
        try (PreparedStatement s = conn.prepareStatement("update lot set available_quantity = available_quantity - ? "
            + "where id = ? and available_quantity >= ? and (min_order_quantity <= ? or available_quantity = ?)")) {
          s.setBigDecimal(1, quantity);
          s.setLong(2, lot);
          s.setBigDecimal(3, quantity);
          s.setBigDecimal(4, quantity);
          s.setBigDecimal(5, quantity);
          if (s.executeUpdate() != 1) {
            conn.rollback();
            return false;
          }
        }
        long order = ids.next();
        try (PreparedStatement s = conn.prepareStatement("insert into purchase_order (id, cooperative_id, buyer_id, "
            + "lot_id, demand_id, product, unit, quantity, unit_price_fen, amount_fen, accepted_quantity, status, "
            + "payment_ref, settled_on, ledger_entry_id, created_at, created_by, updated_at) "
            + "values (?, ?, ?, ?, null, ?, ?, ?, ?, ?, null, 'PLACED', null, null, null, ?, 1, ?)")) {
          s.setLong(1, order);
          s.setLong(2, coop);
          s.setLong(3, buyer);
          s.setLong(4, lot);
          s.setString(5, product);
          s.setString(6, unit);
          s.setBigDecimal(7, quantity);
          s.setLong(8, price);
          s.setLong(9, quantity.multiply(BigDecimal.valueOf(price)).longValue());
          s.setTimestamp(10, now);
          s.setTimestamp(11, now);
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
        return true;
      }
    });
  }

  record LotTerms(long cooperativeId, long unitPriceFen, String product, String unit) {
  }

  private static Map<Long, LotTerms> lotTerms(DataSource dataSource, List<String> lotIds) throws Exception {
    Map<Long, LotTerms> terms = new HashMap<>();
    try (Connection conn = dataSource.getConnection();
         PreparedStatement s = conn.prepareStatement("select cooperative_id, unit_price_fen, product, unit from lot where id = ?")) {
      for (String id : new java.util.HashSet<>(lotIds)) {
        s.setLong(1, Long.parseLong(id));
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          terms.put(Long.parseLong(id), new LotTerms(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4)));
        }
      }
      conn.commit();
    }
    return terms;
  }
}
