package cn.bangfu.distribution;

import static cn.bangfu.db.Tables.APP_USER;
import static cn.bangfu.db.Tables.DISTRIBUTION_OBJECTION;
import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.db.tables.records.DistributionObjectionRecord;
import cn.bangfu.support.ClassServer;
import cn.bangfu.support.Http;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Objections (异议) during publicity, issue 12 finding 3: a household objects only in its own name and
 * anyone else anonymously; the text is bounded; objections end with the publicity; the run and the
 * answers no longer carry the whole objection list, which is paged; the region's regulator dismisses
 * unfounded or duplicate objections in bulk, with a reason, and dismissed ones do not block approval.
 * Each test has its own cooperative and run, so no test's objections count in another's.
 */
class ObjectionsTest {
  @ClassServer static TestServer server;

  /** A cooperative of three member households with a publicized 2026 run. */
  private record Publicized(GrapeCooperative coop, String runId) {
    String path() {
      return "/api/v1/distributions/" + runId;
    }

    Http.Response object(String token, JsonObject body) {
      return coop.post(path() + "/objections", token, body);
    }

    Http.Response dismiss(String token, JsonArray ids, String kind, String reason) {
      return coop.post(path() + "/objections/dismiss", token, new JsonObject().put("objectionIds", ids)
          .put("kind", kind).put("reason", reason));
    }

    JsonObject run() {
      return server.http.get(path(), coop.coopToken).expect(200).body();
    }
  }

  private static Publicized publicized(String name) {
    return publicized(server, name, 7);
  }

  private static Publicized publicized(TestServer on, String name, int days) {
    GrapeCooperative coop = new GrapeCooperative(on, name, 3);
    coop.settledOrder(Math.abs((long) name.hashCode()) % 1_000_000 + 1, 360_000, LocalDate.of(2026, 8, 30));
    String runId = GrapeCooperative.created(coop.draft("coop-surplus-60", "2026-01-01", "2026-12-31"));
    coop.post("/api/v1/distributions/" + runId + "/publicize", coop.coopToken, new JsonObject().put("days", days))
        .expect(200);
    return new Publicized(coop, runId);
  }

  private static JsonObject text(String text) {
    return new JsonObject().put("text", text);
  }

  private static String householdToken(GrapeCooperative coop, int index) {
    String household = coop.households.get(index);
    return server.userToken("household-" + household, "HOUSEHOLD", household);
  }

  @Test
  void an_anonymous_objection_carries_no_household_id_and_cannot_claim_one() {
    Publicized p = publicized("匿名异议合作社");
    String member = p.coop().households.get(0);

    Http.Response forged = p.object(null, text("我是这户，分少了").put("householdId", member));
    Http.Response anonymous = p.object(null, text("公示里有一户不是本村的"));

    assertThat(forged.status()).as(forged.text()).isEqualTo(400);
    assertThat(forged.isProblem()).isTrue();
    assertThat(forged.body().getString("field")).isEqualTo("householdId");
    assertThat(anonymous.status()).as(anonymous.text()).isEqualTo(201);
    assertThat(anonymous.body().getString("householdId")).isNull();
    assertThat(anonymous.body().getString("id")).isNotBlank();
    // six characters a villager can read out, the objection's own receipt (V29)
    assertThat(anonymous.body().getJsonObject("receipt").getString("number")).matches("[ACDEFHJKMNPQRTWXY34679]{6}")
        .isEqualTo(anonymous.body().getString("receiptNumber"));
    assertThat(anonymous.body().getJsonObject("receipt").getString("publicityEnd"))
        .isEqualTo(p.run().getString("publicityEnd"));
    assertThat(server.server().database().dsl().fetchCount(DISTRIBUTION_OBJECTION,
        DISTRIBUTION_OBJECTION.RUN_ID.eq(Long.parseLong(p.runId())))).as("the forged one was not written").isEqualTo(1);
  }

  @Test
  void other_roles_object_anonymously_and_may_not_name_a_household() {
    Publicized p = publicized("其他角色合作社");
    String buyer = server.userToken("buyer-other-roles", "BUYER", p.coop().buyerId);

    Http.Response asBuyer = p.object(buyer, text("价格偏低"));
    Http.Response claiming = p.object(p.coop().coopToken, text("替农户提出").put("householdId", p.coop().households.get(1)));

    assertThat(asBuyer.status()).as(asBuyer.text()).isEqualTo(201);
    assertThat(asBuyer.body().getString("householdId")).isNull();
    assertThat(claiming.status()).isEqualTo(400);
    assertThat(claiming.body().getString("field")).isEqualTo("householdId");
  }

  @Test
  void a_household_of_the_run_objects_in_its_own_name_and_never_in_another_households() {
    Publicized p = publicized("本户异议合作社");
    String own = p.coop().households.get(0);
    String neighbour = p.coop().households.get(1);
    String token = householdToken(p.coop(), 0);

    Http.Response mine = p.object(token, text("我家交售的葡萄应为 120 公斤"));
    Http.Response explicit = p.object(token, text("再说一遍").put("householdId", own));
    Http.Response forNeighbour = p.object(token, text("替邻居提出").put("householdId", neighbour));

    assertThat(mine.status()).as(mine.text()).isEqualTo(201);
    assertThat(mine.body().getString("householdId")).isEqualTo(own);
    assertThat(explicit.status()).isEqualTo(201);
    assertThat(explicit.body().getString("householdId")).isEqualTo(own);
    assertThat(forNeighbour.status()).as(forNeighbour.text()).isEqualTo(403);
    assertThat(forNeighbour.isProblem()).isTrue();
    assertThat(forNeighbour.body().getString("field")).isEqualTo("householdId");
  }

  @Test
  void a_household_outside_the_run_objects_anonymously_and_cannot_claim_to_be_in_it() {
    Publicized p = publicized("非本社农户合作社");
    GrapeCooperative elsewhere = new GrapeCooperative(server, "另一个合作社", 1);
    String outsider = elsewhere.households.get(0);
    String token = householdToken(elsewhere, 0);

    Http.Response plain = p.object(token, text("我看到公示有疑问"));
    Http.Response claiming = p.object(token, text("我也是社员").put("householdId", outsider));

    assertThat(plain.status()).as(plain.text()).isEqualTo(201);
    assertThat(plain.body().getString("householdId")).isNull();
    assertThat(claiming.status()).isEqualTo(400);
    assertThat(claiming.body().getString("field")).isEqualTo("householdId");
  }

  @Test
  void objection_text_is_1_to_500_characters_counted_in_code_points_after_trimming() {
    Publicized p = publicized("字数合作社");

    Http.Response longest = p.object(null, text("  " + "😀".repeat(500) + "  "));
    Http.Response tooLong = p.object(null, text("葡".repeat(501)));
    Http.Response blank = p.object(null, text("   "));

    assertThat(longest.status()).as("500 emoji are 1,000 UTF-16 units but 500 characters").isEqualTo(201);
    assertThat(longest.body().getString("text")).isEqualTo("😀".repeat(500));
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.body().getString("field")).isEqualTo("text");
    assertThat(blank.status()).isEqualTo(400);
    assertThat(blank.body().getString("field")).isEqualTo("text");
  }

  @Test
  void objections_are_refused_with_409_after_the_publicity_ends() {
    Publicized p = publicized("公示期满合作社");
    p.coop().endPublicity(p.runId());
    String publicityEnd = p.run().getString("publicityEnd");

    Http.Response late = p.object(null, text("公示已过还想提"));
    Http.Response lateHousehold = p.object(householdToken(p.coop(), 0), text("公示已过"));

    assertThat(late.status()).as(late.text()).isEqualTo(409);
    assertThat(late.isProblem()).isTrue();
    assertThat(late.body().getString("type")).endsWith("publicity-over");
    assertThat(late.body().getString("detail")).contains(publicityEnd);
    assertThat(lateHousehold.status()).isEqualTo(409);
    assertThat(p.run().getJsonObject("objectionCounts").getInteger("open")).isZero();
  }

  @Test
  void the_run_gives_objection_counts_and_the_objections_come_a_page_at_a_time() {
    Publicized p = publicized("分页合作社");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(p.object(null, text("第" + i + "条异议")).expect(201).body().getString("id"));
    }
    Http.Response answered = p.coop().post(p.path() + "/objections/" + ids.get(0) + "/answer", p.coop().coopToken,
        new JsonObject().put("answer", "已核对"));

    JsonObject run = p.run();
    JsonObject first = server.http.get(p.path() + "/objections?limit=2", p.coop().coopToken).expect(200).body();
    JsonObject last = server.http.get(p.path() + "/objections?limit=2&offset=4", p.coop().coopToken).expect(200).body();
    JsonObject open = server.http.get(p.path() + "/objections?status=OPEN&limit=10", p.coop().coopToken).expect(200)
        .body();
    Http.Response badStatus = server.http.get(p.path() + "/objections?status=SPAM", p.coop().coopToken);
    Http.Response badLimit = server.http.get(p.path() + "/objections?limit=100000", p.coop().coopToken);

    assertThat(run.containsKey("objections")).as("the run no longer embeds every objection").isFalse();
    assertThat(run.getJsonObject("objectionCounts"))
        .isEqualTo(new JsonObject().put("open", 4).put("answered", 1).put("dismissed", 0));
    assertThat(answered.status()).isEqualTo(200);
    assertThat(answered.body().getString("id")).as("an answer returns the one objection").isEqualTo(ids.get(0));
    assertThat(answered.body().getString("status")).isEqualTo("ANSWERED");
    assertThat(answered.body().containsKey("items")).isFalse();
    assertThat(first.getJsonArray("items").size()).isEqualTo(2);
    assertThat(first.getInteger("total")).isEqualTo(5);
    assertThat(first.getJsonArray("items").getJsonObject(0).getString("id")).isEqualTo(ids.get(0));
    assertThat(last.getJsonArray("items").size()).isEqualTo(1);
    assertThat(last.getJsonArray("items").getJsonObject(0).getString("id")).isEqualTo(ids.get(4));
    assertThat(open.getInteger("total")).isEqualTo(4);
    assertThat(open.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("id")).toList())
        .containsExactlyElementsOf(ids.subList(1, 5));
    assertThat(badStatus.status()).isEqualTo(400);
    assertThat(badStatus.body().getString("field")).isEqualTo("status");
    assertThat(badLimit.status()).isEqualTo(400);
    assertThat(badLimit.body().getString("field")).isEqualTo("limit");
  }

  @Test
  void the_regulator_dismisses_objections_in_bulk_with_a_reason_and_only_open_ones_block_approval() {
    Publicized p = publicized("驳回异议合作社");
    String original = p.object(null, text("亩数算错了")).expect(201).body().getString("id");
    String copy1 = p.object(null, text("亩数算错了")).expect(201).body().getString("id");
    String copy2 = p.object(null, text("亩数算错了")).expect(201).body().getString("id");
    p.coop().endPublicity(p.runId());

    Http.Response dismissed = p.dismiss(p.coop().regulatorToken, new JsonArray().add(copy1).add(copy2), "DUPLICATE",
        "与第一条异议重复");
    Http.Response stillBlocked = p.coop().post(p.path() + "/approve", p.coop().regulatorToken, new JsonObject());
    p.coop().post(p.path() + "/objections/" + original + "/answer", p.coop().coopToken,
        new JsonObject().put("answer", "已按土地确权册核对，10 亩无误")).expect(200);
    Http.Response approved = p.coop().post(p.path() + "/approve", p.coop().regulatorToken, new JsonObject());

    assertThat(dismissed.status()).as(dismissed.text()).isEqualTo(200);
    assertThat(dismissed.body().getInteger("dismissed")).isEqualTo(2);
    assertThat(dismissed.body().getJsonObject("counts").getInteger("open")).isEqualTo(1);
    assertThat(stillBlocked.status()).isEqualTo(409);
    assertThat(stillBlocked.body().getString("detail")).startsWith("1 objection");
    assertThat(approved.status()).as(approved.text()).isEqualTo(200);
    assertThat(approved.body().getString("status")).isEqualTo("APPROVED");
    assertThat(approved.body().getJsonObject("objectionCounts"))
        .isEqualTo(new JsonObject().put("open", 0).put("answered", 1).put("dismissed", 2));
    // who, when, why and which kind are kept
    long regulator = server.server().database().dsl().select(APP_USER.ID).from(APP_USER)
        .where(APP_USER.USERNAME.eq("regulator-" + p.coop().id)).fetchSingle(APP_USER.ID);
    DistributionObjectionRecord row = server.server().database().dsl().selectFrom(DISTRIBUTION_OBJECTION)
        .where(DISTRIBUTION_OBJECTION.ID.eq(Long.parseLong(copy1))).fetchSingle();
    assertThat(row.getStatus()).isEqualTo(ObjectionStatus.DISMISSED);
    assertThat(row.getDismissalKind()).isEqualTo(ObjectionStatus.DismissalKind.DUPLICATE);
    assertThat(row.getDismissalReason()).isEqualTo("与第一条异议重复");
    assertThat(row.getDismissedBy()).isEqualTo(regulator);
    assertThat(row.getDismissedAt()).isNotNull();
    JsonObject listed = server.http.get(p.path() + "/objections?status=DISMISSED", p.coop().regulatorToken).expect(200)
        .body().getJsonArray("items").getJsonObject(0);
    assertThat(listed.getString("dismissalKind")).isEqualTo("DUPLICATE");
    assertThat(listed.getString("dismissalReason")).isEqualTo("与第一条异议重复");
    assertThat(listed.getString("dismissedAt")).isNotNull();
  }

  @Test
  void a_bulk_dismissal_is_all_or_nothing_and_refuses_bad_input_naming_the_field() {
    Publicized p = publicized("全有全无合作社");
    String a = p.object(null, text("第一条")).expect(201).body().getString("id");
    String b = p.object(null, text("第二条")).expect(201).body().getString("id");
    p.coop().post(p.path() + "/objections/" + b + "/answer", p.coop().coopToken, new JsonObject().put("answer", "已答"))
        .expect(200);
    String reg = p.coop().regulatorToken;

    Http.Response withAnswered = p.dismiss(reg, new JsonArray().add(a).add(b), "UNFOUNDED", "无依据");
    Http.Response unknown = p.dismiss(reg, new JsonArray().add(a).add("123456789"), "UNFOUNDED", "无依据");
    Http.Response repeated = p.dismiss(reg, new JsonArray().add(a).add(a), "UNFOUNDED", "无依据");
    Http.Response notAnId = p.dismiss(reg, new JsonArray().add("abc"), "UNFOUNDED", "无依据");
    Http.Response empty = p.dismiss(reg, new JsonArray(), "UNFOUNDED", "无依据");
    Http.Response badKind = p.dismiss(reg, new JsonArray().add(a), "SPAM", "无依据");
    Http.Response noReason = p.coop().post(p.path() + "/objections/dismiss", reg,
        new JsonObject().put("objectionIds", new JsonArray().add(a)).put("kind", "UNFOUNDED"));
    Http.Response byCooperative = p.dismiss(p.coop().coopToken, new JsonArray().add(a), "UNFOUNDED", "无依据");
    Http.Response otherRegion = p.dismiss(server.userToken("regulator-guangzhou", "REGULATOR", "4401"),
        new JsonArray().add(a), "UNFOUNDED", "无依据");

    assertThat(withAnswered.status()).as(withAnswered.text()).isEqualTo(409);
    assertThat(withAnswered.body().getString("field")).isEqualTo("objectionIds[1]");
    assertThat(unknown.status()).isEqualTo(409);
    assertThat(unknown.body().getString("field")).isEqualTo("objectionIds[1]");
    assertThat(repeated.status()).isEqualTo(400);
    assertThat(repeated.body().getString("field")).isEqualTo("objectionIds[1]");
    assertThat(notAnId.status()).isEqualTo(400);
    assertThat(notAnId.body().getString("field")).isEqualTo("objectionIds[0]");
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.body().getString("field")).isEqualTo("objectionIds");
    assertThat(badKind.status()).isEqualTo(400);
    assertThat(badKind.body().getString("field")).isEqualTo("kind");
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.body().getString("field")).isEqualTo("reason");
    assertThat(byCooperative.status()).isEqualTo(403);
    assertThat(otherRegion.status()).as("outside the regulator's region").isIn(403, 404);
    assertThat(p.run().getJsonObject("objectionCounts"))
        .as("nothing was dismissed").isEqualTo(new JsonObject().put("open", 1).put("answered", 1).put("dismissed", 0));
  }

  @Test
  void objections_of_an_approved_run_can_no_longer_be_dismissed() {
    Publicized p = publicized("已审批合作社");
    String a = p.object(null, text("有疑问")).expect(201).body().getString("id");
    p.coop().post(p.path() + "/objections/" + a + "/answer", p.coop().coopToken, new JsonObject().put("answer", "已答"))
        .expect(200);
    p.coop().endPublicity(p.runId());
    p.coop().post(p.path() + "/approve", p.coop().regulatorToken, new JsonObject()).expect(200);

    Http.Response late = p.dismiss(p.coop().regulatorToken, new JsonArray().add(a), "UNFOUNDED", "无依据");

    assertThat(late.status()).isEqualTo(409);
    assertThat(late.body().getString("type")).endsWith("wrong-status");
  }

  /**
   * The filed flood, reduced: 200 objections of 500 characters (not anonymous ones: those are
   * rate-limited per address by the platform; a buyer's token files them as an outsider would). The
   * run's JSON stays small, one dismissal clears them and the run can be approved.
   */
  @Test
  void a_flood_of_objections_neither_bloats_the_run_nor_holds_approval_hostage() {
    Publicized p = publicized("异议洪水合作社");
    String outsider = server.userToken("buyer-flood", "BUYER", p.coop().buyerId);
    JsonArray ids = new JsonArray();
    long t0 = System.nanoTime();
    for (int i = 0; i < 200; i++) {
      ids.add(p.object(outsider, text(String.format("%03d", i) + "葡".repeat(497))).expect(201).body().getString("id"));
    }
    double fileSeconds = (System.nanoTime() - t0) / 1e9;
    p.coop().endPublicity(p.runId());

    Http.Response run = server.http.get(p.path(), p.coop().coopToken);
    long t1 = System.nanoTime();
    Http.Response dismissed = p.dismiss(p.coop().regulatorToken, ids, "UNFOUNDED", "批量无依据异议，内容雷同");
    double dismissMs = (System.nanoTime() - t1) / 1e6;
    Http.Response approved = p.coop().post(p.path() + "/approve", p.coop().regulatorToken, new JsonObject());
    System.out.printf("objection flood: 200 filed in %.1f s; run JSON %d bytes; dismissed in one call in %.0f ms%n",
        fileSeconds, run.text().length(), dismissMs);

    assertThat(run.text().length()).as("200 × 500 characters are not in the run").isLessThan(20_000);
    assertThat(run.body().getJsonObject("objectionCounts").getInteger("open")).isEqualTo(200);
    assertThat(dismissed.status()).as(dismissed.text()).isEqualTo(200);
    assertThat(dismissed.body().getInteger("dismissed")).isEqualTo(200);
    assertThat(approved.status()).as(approved.text()).isEqualTo(200);
  }
}
