package cn.bangfu.web;

import static cn.bangfu.support.PageClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.support.ClassServer;
import cn.bangfu.support.Fixtures;
import cn.bangfu.support.GrapeHouseholds;
import cn.bangfu.support.PageClient;
import cn.bangfu.support.TestServer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sign-in, sessions and each role's access to the pages (issue 15): every refusal is a Chinese page,
 * never JSON or a stack trace; the session lives in the database, so the instance beside this one
 * serves it too, and signing out ends it there as well.
 */
class SignInPagesTest {
  @ClassServer static TestServer server;
  @ClassServer(secondInstance = true) static TestServer second;
  static GrapeHouseholds world;
  /** Each role's user (password {@link GrapeHouseholds#PASSWORD}) and where it lands. */
  static final Map<String, String[]> USERS = new LinkedHashMap<>();

  @BeforeAll
  static void users() {
    world = new GrapeHouseholds(server);
    USERS.put("HOUSEHOLD", new String[] {world.householdUser(0), "/household"});
    USERS.put("COOP", new String[] {world.user("COOP", world.cooperative), "/coop"});
    USERS.put("BUYER", new String[] {world.user("BUYER", buyer()), "/buyer"});
    USERS.put("REGULATOR", new String[] {world.user("REGULATOR", "450123"), "/regulator"});
    USERS.put("ADMIN", new String[] {world.user("ADMIN", null), "/admin"});
  }

  private static String buyer() {
    return server.http.post("/api/v1/buyers", server.adminToken, Fixtures.buyer("县第一中学食堂")).expect(201).body()
        .getString("id");
  }

  private static PageClient signedIn(String role) {
    PageClient browser = new PageClient(server.server().port());
    PageClient.Page landed = browser.signIn(USERS.get(role)[0], GrapeHouseholds.PASSWORD);
    assertThat(landed.status()).as(role).isEqualTo(303);
    assertThat(landed.location()).as(role).isEqualTo(USERS.get(role)[1]);
    return browser;
  }

  @Test
  void the_sign_in_form_is_chinese_with_labelled_username_and_password_fields_and_a_token() {
    PageClient.Page login = new PageClient(server.server().port()).get("/login");

    assertThat(login.status()).isEqualTo(200);
    assertThat(login.html().select("label[for=username]").text()).isEqualTo("用户名");
    assertThat(login.html().select("label[for=password]").text()).isEqualTo("密码");
    assertThat(login.html().select("input#username").attr("name")).isEqualTo("username");
    assertThat(login.html().select("input#password").attr("type")).isEqualTo("password");
    assertThat(login.csrf()).hasSizeGreaterThan(20);
    assertThat(login.html().select("button[type=submit]").text()).isEqualTo("登录");
    assertThat(login.html().select("script")).isEmpty();
  }

  @Test
  void each_role_lands_on_its_page_and_every_other_roles_page_is_a_chinese_403_also_when_typed_by_hand() {
    List<String> pages = USERS.values().stream().map(u -> u[1]).toList();
    for (String role : USERS.keySet()) {
      PageClient browser = signedIn(role);
      for (String page : pages) {
        PageClient.Page answer = browser.get(page);
        if (page.equals(USERS.get(role)[1])) {
          assertThat(answer.status()).as(role + " " + page).isEqualTo(200);
          assertThat(answer.html().selectFirst("form[action=/logout]")).as(role + " " + page).isNotNull();
        } else {
          assertThat(answer.status()).as(role + " " + page).isEqualTo(403);
          assertThat(answer.contentType()).startsWith("text/html");
          assertThat(answer.html().selectFirst("h1").text()).isEqualTo("没有权限");
        }
      }
      assertThat(browser.get("/").location()).as(role).isEqualTo(USERS.get(role)[1]);
    }
    assertThat(signedIn("COOP").get("/coop").text()).contains("合作社工作台", "待处理的订单", "发布新货品");
  }

  @Test
  void without_a_session_a_page_asks_to_sign_in_in_chinese_and_an_unknown_page_is_a_chinese_404() {
    PageClient anonymous = new PageClient(server.server().port());

    PageClient.Page household = anonymous.get("/household");
    PageClient.Page missing = anonymous.get("/no-such-page");

    assertThat(household.status()).isEqualTo(401);
    assertThat(household.html().selectFirst("h1").text()).isEqualTo("请先登录");
    assertThat(household.html().select("a[href=/login]")).isNotEmpty();
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.contentType()).startsWith("text/html");
    assertThat(missing.html().selectFirst("h1").text()).isEqualTo("找不到这一页");
    assertThat(anonymous.get("/").location()).isEqualTo("/login");
    // the API keeps answering problem+json
    assertThat(server.http.get("/api/v1/no-such-route", null).contentType()).startsWith("application/problem+json");
  }

  @Test
  void a_wrong_password_shows_the_form_again_with_a_chinese_message_and_the_name_kept() {
    PageClient browser = new PageClient(server.server().port());
    String name = USERS.get("HOUSEHOLD")[0];

    PageClient.Page wrong = browser.signIn(name, "not-the-password");

    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.html().selectFirst(".error").text()).isEqualTo("用户名或密码不对，请再试一次。");
    assertThat(wrong.html().selectFirst("input#username").val()).isEqualTo(name);
    assertThat(wrong.html().selectFirst("input#password").val()).isEmpty();
    assertThat(browser.cookie("bangfu_session")).isNull();
  }

  @Test
  void the_apis_sign_in_throttle_applies_to_the_form() {
    PageClient browser = new PageClient(server.server().port());
    String name = world.householdUser(1);
    PageClient.Page last = null;
    for (int i = 0; i < 6; i++) {
      last = browser.signIn(name, "guess-" + i);
    }

    assertThat(last.status()).isEqualTo(429);
    assertThat(last.response().headers().firstValue("Retry-After")).isPresent();
    assertThat(last.html().selectFirst(".error").text()).startsWith("尝试次数太多，请等 ");
  }

  @Test
  void the_sign_in_form_posted_without_its_token_is_refused() {
    PageClient browser = new PageClient(server.server().port());
    browser.get("/login");

    PageClient.Page refused = browser.post("/login", form("username", USERS.get("HOUSEHOLD")[0],
        "password", GrapeHouseholds.PASSWORD));

    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.html().selectFirst("h1").text()).isEqualTo("表单已失效");
    assertThat(browser.cookie("bangfu_session")).isNull();
  }

  @Test
  void the_session_cookie_is_httponly_and_samesite_lax_and_secure_behind_tls() {
    PageClient browser = new PageClient(server.server().port());
    PageClient.Page landed = browser.signIn(USERS.get("HOUSEHOLD")[0], GrapeHouseholds.PASSWORD);
    String cookie = landed.response().headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith("bangfu_session=")).findFirst().orElseThrow();
    // attribute names are case-insensitive (RFC 6265); Netty writes "HTTPOnly"
    assertThat(cookie).containsIgnoringCase("HttpOnly").contains("SameSite=Lax", "Path=/").doesNotContain("Secure");

    PageClient.Page form = browser.get("/login", Map.of("X-Forwarded-Proto", "https"));
    PageClient proxied = new PageClient(server.server().port());
    PageClient.Page viaTls = proxied.get("/login", Map.of("X-Forwarded-Proto", "https"));
    assertThat(viaTls.response().headers().allValues("Set-Cookie")).anyMatch(c -> c.contains("Secure"));
    assertThat(form.status()).isEqualTo(303); // signed in already: /login sends the user to their page
  }

  @Test
  void a_session_opened_on_one_instance_works_on_the_other_and_signing_out_ends_it_on_both() {
    PageClient first = signedIn("HOUSEHOLD");
    PageClient other = first.on(second.server().port());
    assertThat(other.get("/household").status()).isEqualTo(200);
    PageClient copy = first.on(server.server().port());

    PageClient.Page out = first.post("/logout", form("csrf", first.get("/household").csrf()));

    assertThat(out.status()).isEqualTo(303);
    assertThat(out.location()).isEqualTo("/login?out");
    assertThat(first.get("/login?out").text()).contains("您已退出登录。");
    assertThat(other.get("/household").status()).isEqualTo(401);
    assertThat(copy.get("/household").status()).isEqualTo(401);
  }

  @Test
  void a_session_past_its_lifetime_gets_the_chinese_expired_page() {
    PageClient browser = signedIn("HOUSEHOLD");
    assertThat(browser.get("/household").status()).isEqualTo(200);

    // sessions last as long as a token: the test server's is one hour
    server.clock().advance(Duration.ofMinutes(61));
    PageClient.Page expired = browser.get("/household");

    assertThat(expired.status()).isEqualTo(401);
    assertThat(expired.html().selectFirst("h1").text()).isEqualTo("登录已过期");
    assertThat(expired.html().select("a[href=/login]")).isNotEmpty();
    assertThat(browser.get("/household").html().selectFirst("h1").text()).isEqualTo("请先登录");
  }

  @Test
  void an_admin_disabling_the_user_ends_its_session() {
    String userId = server.http.post("/api/v1/users", server.adminToken, new io.vertx.core.json.JsonObject()
        .put("username", "household-to-disable").put("password", GrapeHouseholds.PASSWORD).put("role", "HOUSEHOLD")
        .put("scopeId", world.households.get(3))).expect(201).body().getString("id");
    PageClient browser = new PageClient(server.server().port());
    browser.signIn("household-to-disable", GrapeHouseholds.PASSWORD);
    assertThat(browser.get("/household").status()).isEqualTo(200);

    server.http.send("PATCH", "/api/v1/users/" + userId, server.adminToken, "application/json",
        "{\"disabled\":true}").expect(200);

    assertThat(browser.get("/household").status()).isEqualTo(401);
  }

  /**
   * The pages' access table, walked from the server's own list of page routes (as AuthorizationMatrixTest
   * walks the API's): anonymous → 401, a role the page does not name → 403, its roles get past the check
   * (a form posted with its token but no fields is then refused for its content, 400, or redirected).
   */
  @Test
  void every_page_route_admits_exactly_its_roles() {
    for (cn.bangfu.web.Pages.PageSpec page : server.server().pageRoutes()) {
      if (page.isPublic()) {
        continue;
      }
      boolean get = page.method() == io.vertx.core.http.HttpMethod.GET;
      PageClient anonymous = new PageClient(server.server().port());
      PageClient.Page refused = get ? anonymous.get(page.path()) : anonymous.post(page.path(), form("csrf", "x"));
      assertThat(refused.status()).as("anonymous " + page).isEqualTo(401);
      for (String role : USERS.keySet()) {
        PageClient browser = signedIn(role);
        PageClient.Page answer = get ? browser.get(page.path())
            : browser.post(page.path(), form("csrf", browser.get(USERS.get(role)[1]).csrf()));
        if (page.roles().contains(cn.bangfu.identity.Role.valueOf(role))) {
          assertThat(answer.status()).as(role + " " + page).isIn(200, 303, 400);
        } else {
          assertThat(answer.status()).as(role + " " + page).isEqualTo(403);
          assertThat(answer.html().selectFirst("h1").text()).isEqualTo("没有权限");
        }
      }
    }
  }
}
