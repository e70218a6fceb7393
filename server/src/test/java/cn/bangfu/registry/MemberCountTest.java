package cn.bangfu.registry;

import static cn.bangfu.db.Tables.COOPERATIVE_MEMBER_COUNT;
import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.support.ClassServer;
import cn.bangfu.support.Fixtures;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jooq.Record2;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each cooperative's member counts (all, and poor: any household status but ORDINARY), which matching
 * reads instead of counting the members, follow joins and status changes — also when they race.
 */
class MemberCountTest {
  @ClassServer static TestServer server;
  static String regulator;

  @BeforeAll
  static void start() {
    regulator = server.userToken("count-regulator", "REGULATOR", Fixtures.REGION.substring(0, 6));
  }

  static String cooperative(String name) {
    return server.http.post("/api/v1/cooperatives", server.adminToken, Fixtures.cooperative(name)).body()
        .getString("id");
  }

  static String household(String status) {
    return server.http.post("/api/v1/households", server.adminToken,
        Fixtures.household("杨启宇", Fixtures.idNumber()).put("status", status)).body().getString("id");
  }

  static int join(String coop, String household) {
    return server.http.post("/api/v1/cooperatives/" + coop + "/members", server.adminToken,
        Fixtures.membership(household)).status();
  }

  static int change(String household, JsonObject change) {
    return server.http.send("PATCH", "/api/v1/households/" + household, regulator, "application/json",
        change.encode()).status();
  }

  static Record2<Integer, Integer> counts(String coop) {
    return server.server().database().dsl()
        .select(COOPERATIVE_MEMBER_COUNT.MEMBERS, COOPERATIVE_MEMBER_COUNT.POOR_MEMBERS)
        .from(COOPERATIVE_MEMBER_COUNT).where(COOPERATIVE_MEMBER_COUNT.COOPERATIVE_ID.eq(Long.parseLong(coop)))
        .fetchOne();
  }

  @Test
  void given_joins_a_repeated_join_and_status_changes_then_the_counts_follow() {
    String coop = cooperative("岑丰村葡萄合作社");
    String other = cooperative("岑丰村养牛合作社");
    String poor = household("REGISTERED_POOR");
    String ordinary = household("ORDINARY");
    assertThat(join(coop, poor)).isEqualTo(201);
    assertThat(join(coop, ordinary)).isEqualTo(201);
    join(coop, poor); // already a member: counted once
    join(other, poor);

    assertThat(counts(coop).intoArray()).containsExactly(2, 1);
    assertThat(counts(other).intoArray()).containsExactly(1, 1);

    // 脱贫 but monitored stays poor for the count; only ORDINARY leaves it, in every cooperative
    assertThat(change(poor, new JsonObject().put("status", "MONITORED"))).isEqualTo(200);
    assertThat(counts(coop).intoArray()).containsExactly(2, 1);
    assertThat(change(poor, new JsonObject().put("status", "ORDINARY"))).isEqualTo(200);
    assertThat(counts(coop).intoArray()).containsExactly(2, 0);
    assertThat(counts(other).intoArray()).containsExactly(1, 0);
    assertThat(change(ordinary, new JsonObject().put("status", "LOW_INCOME").put("lowIncomeKind", "MINIMUM_LIVING"))).isEqualTo(200);
    assertThat(counts(coop).intoArray()).containsExactly(2, 1);
  }

  @Test
  void given_16_households_joining_while_their_status_flips_at_once_then_the_counts_equal_a_recount() throws Exception {
    String coop = cooperative("丹寨县蜡染合作社");
    List<String> households = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      households.add(household(i % 2 == 0 ? "REGISTERED_POOR" : "ORDINARY"));
    }
    ExecutorService pool = Executors.newFixedThreadPool(16);
    CountDownLatch gate = new CountDownLatch(1);
    List<Future<Integer>> results = new ArrayList<>();
    for (String h : households) {
      results.add(pool.submit(() -> {
        gate.await();
        return join(coop, h);
      }));
      results.add(pool.submit(() -> {
        gate.await();
        return change(h, new JsonObject().put("status", "ORDINARY"));
      }));
    }
    gate.countDown();
    for (Future<Integer> result : results) {
      assertThat(result.get(60, TimeUnit.SECONDS)).isBetween(200, 201);
    }
    pool.shutdown();

    // every household ends ORDINARY: whichever came first, none may still count as poor
    assertThat(counts(coop).intoArray()).containsExactly(16, 0);
    var stored = counts(coop);
    new MemberCountRepository().recount(server.server().database().dsl());
    assertThat(counts(coop).intoArray()).containsExactly(stored.value1(), stored.value2());
  }
}
