package cn.bangfu.bench;

import cn.bangfu.LedgerServer;
import cn.bangfu.platform.ResponseTimes;
import cn.bangfu.support.DistributionSteps;
import cn.bangfu.support.Http;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

/**
 * The household page's server render (issue 15: p99 ≤ 20 ms on the county and on the province dataset):
 * {@code GET /household} for random households of the whole dataset, signed in with a page session each,
 * read by the same 4 clients as the statement API, so the two lines of the table compare the page with the
 * JSON it is built from; then, where wrk is installed, by 4 wrk connections for 20 s after 8 s of warm-up
 * (as order placement), the server's figure
 * without the Java clients' CPU and garbage in its JVM. The sessions are set up directly in the database (a user per household and its
 * session row, the cookie kept only as its SHA-256 as {@code WebSessions} does): signing in thousands of
 * households over HTTP would measure PBKDF2, not the page.
 */
final class HouseholdPageBench {
  private static final String HASH_OF_UNUSED_PASSWORD = "$pbkdf2$unused";

  private final LedgerServer server;
  private final Http http;
  private final CountyDataset county;
  private final List<String> table;

  HouseholdPageBench(LedgerServer server, Http http, CountyDataset county, List<String> table) {
    this.server = server;
    this.http = http;
    this.county = county;
    this.table = table;
  }

  /** One result line; {@code reads} page renders by {@code clients} clients over {@code signedIn} households. */
  void run(int clients, int reads, int signedIn) throws Exception {
    List<String> cookies = signIn(Math.min(signedIn, county.households));
    String year = "/household?year=" + county.today.getYear();
    for (int i = 0; i < 300; i++) {
      page(cookies.get(i % cookies.size()), year);
    }
    DistributionSteps.Reads renders = DistributionSteps.timedReads(clients, reads,
        () -> page(cookies.get(ThreadLocalRandom.current().nextInt(cookies.size())), year));
    table.add(String.format("household page GET /household, %d Java clients in the benchmark's JVM, %,d signed-in"
        + " households of %,d | %,d renders, p50 %.1f ms, p99 %.1f ms, %,.0f pages/s | - | -", clients, cookies.size(),
        county.households, renders.count(), renders.p50Ms(), renders.p99Ms(), renders.perSecond()));
    if (OrderLoad.wrkInstalled()) {
      // the same pages from wrk, as order placement is measured: a C client leaves the two shared cores to
      // the server and its database, where the Java clients above spend their own CPU and garbage in the
      // server's JVM; this is the server render's figure (issue 15: p99 <= 20 ms)
      String url = "http://127.0.0.1:" + server.port() + year;
      OrderLoad.wrk(url, pagesScript(cookies), clients, PAGE_WARM_UP_SECONDS); // not measured
      Map<Long, Long> before = ResponseTimes.counts(server.meters(), cn.bangfu.statements.HouseholdPage.PATH);
      OrderLoad.Result wrk = OrderLoad.wrk(url, pagesScript(cookies), clients, PAGE_SECONDS);
      ServerTimes rendered = ServerTimes.between(before, ResponseTimes.counts(server.meters(), cn.bangfu.statements.HouseholdPage.PATH));
      if (wrk.failures() > 0) {
        throw new IllegalStateException(wrk.failures() + " household pages failed under wrk");
      }
      table.add(String.format("household page GET /household, %d wrk connections, %,d signed-in households of %,d"
          + " | %,d renders in %d s, wrk p50 %.1f ms, p99 %.1f ms, %,.0f pages/s; server's own response times"
          + " (the same renders): %s (target p99 <= 20) | - | -", clients, cookies.size(), county.households,
          wrk.count(), PAGE_SECONDS, wrk.p50Ms(), wrk.p99Ms(), wrk.perSecond(), rendered));
    }
  }

  /**
   * The server's response times of a window, from its buckets ({@link ResponseTimes}): each percentile
   * given as the bucket it falls in, and the share at or under the 20 ms budget, which is a bucket bound
   * and so exact.
   */
  record ServerTimes(long count, long underBudget, long p50UpTo, long p99UpTo) {
    static final long BUDGET_MS = 20;

    static ServerTimes between(Map<Long, Long> before, Map<Long, Long> after) {
      long count = after.get(Long.MAX_VALUE) - before.get(Long.MAX_VALUE);
      long p50 = Long.MAX_VALUE;
      long p99 = Long.MAX_VALUE;
      for (Map.Entry<Long, Long> bucket : after.entrySet()) {
        long within = bucket.getValue() - before.get(bucket.getKey());
        if (p50 == Long.MAX_VALUE && within * 2 >= count) {
          p50 = bucket.getKey();
        }
        if (p99 == Long.MAX_VALUE && within * 100 >= count * 99) {
          p99 = bucket.getKey();
        }
      }
      return new ServerTimes(count, after.get(BUDGET_MS) - before.get(BUDGET_MS), p50, p99);
    }

    @Override
    public String toString() {
      return String.format("%,d renders, p50 <= %s, p99 <= %s, %.2f %% within %d ms", count, bound(p50UpTo), bound(p99UpTo),
          count == 0 ? 0.0 : 100.0 * underBudget / count, BUDGET_MS);
    }

    private static String bound(long ms) {
      return ms == Long.MAX_VALUE ? "more than 10 s" : ms + " ms";
    }
  }

  /** As order placement is measured: 8 s of warm-up, then 20 s. */
  private static final int PAGE_WARM_UP_SECONDS = 8;
  private static final int PAGE_SECONDS = Integer.getInteger("bench.county.pageSeconds", 20);

  /** Each request a random one of the signed-in households' session cookies. */
  private static String pagesScript(List<String> cookies) {
    String quoted = cookies.stream().map(c -> "\"" + c + "\"").collect(java.util.stream.Collectors.joining(",\n"));
    return """
        local cookies = {%s}
        function request()
          return wrk.format("GET", nil, {["Cookie"] = "%s=" .. cookies[math.random(#cookies)]})
        end
        """.formatted(quoted, cn.bangfu.web.WebSessions.COOKIE) + OrderLoad.WRK_THREADS + OrderLoad.WRK_DONE;
  }

  private void page(String cookie, String path) {
    Http.Response response = http.send("GET", path, null, null, null,
        Map.of("Cookie", cn.bangfu.web.WebSessions.COOKIE + "=" + cookie));
    if (response.status() != 200 || !response.text().contains("<html")) {
      throw new IllegalStateException("GET " + path + " gave " + response.status());
    }
  }

  /** A HOUSEHOLD user and a live page session for each of {@code count} distinct random households. */
  private List<String> signIn(int count) throws Exception {
    long[] households = ThreadLocalRandom.current().longs(0, county.households).distinct().limit(count)
        .map(i -> county.firstHousehold() + i).toArray();
    LocalDateTime now = server.clock().now();
    List<String> cookies = new ArrayList<>(count);
    DataSource data = server.database().dataSource();
    long firstUser = 9_000_000_000_000L;
    try (Connection c = data.getConnection();
        PreparedStatement user = c.prepareStatement("INSERT INTO app_user (id, username, username_key, password_hash,"
            + " role, scope_id, created_at) VALUES (?, ?, ?, ?, 'HOUSEHOLD', ?, ?)");
        PreparedStatement session = c.prepareStatement(
            "INSERT INTO web_session (id_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)")) {
      c.setAutoCommit(false);
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      for (int i = 0; i < households.length; i++) {
        long id = firstUser + i;
        String name = "bench-household-" + households[i];
        user.setLong(1, id);
        user.setString(2, name);
        user.setString(3, name);
        user.setString(4, HASH_OF_UNUSED_PASSWORD);
        user.setString(5, Long.toString(households[i]));
        user.setTimestamp(6, Timestamp.valueOf(now));
        user.addBatch();
        String cookie = UUID.randomUUID().toString();
        session.setString(1, HexFormat.of().formatHex(sha256.digest(cookie.getBytes(StandardCharsets.UTF_8))));
        session.setLong(2, id);
        session.setTimestamp(3, Timestamp.valueOf(now));
        session.setTimestamp(4, Timestamp.valueOf(now.plusDays(1)));
        session.addBatch();
        cookies.add(cookie);
      }
      user.executeBatch();
      session.executeBatch();
      c.commit();
    }
    return cookies;
  }
}
