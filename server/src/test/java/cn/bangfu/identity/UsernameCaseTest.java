package cn.bangfu.identity;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.LedgerServer;
import cn.bangfu.support.ClassServer;
import cn.bangfu.support.Http;
import cn.bangfu.support.TestDatabase;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, finding 4: user names are unique regardless of case ("Admin" cannot join "admin"),
 * sign-in accepts any case, and names that already differ only by case survive migration V8
 * without anyone being renamed or locked out.
 */
class UsernameCaseTest {
  @ClassServer static TestServer server;

  private static Http.Response create(String username) {
    return server.http.post("/api/v1/users", server.adminToken, new JsonObject().put("username", username)
        .put("password", "password-" + username.toLowerCase()).put("role", "REGULATOR").put("scopeId", "4501"));
  }

  @Test
  void admin_with_a_capital_letter_cannot_be_created_beside_admin() {
    Http.Response response = create("Admin");
    assertThat(response.status()).as(response.text()).isEqualTo(409);
    assertThat(response.body().getString("field")).isEqualTo("username");
  }

  @Test
  void a_name_differing_only_by_case_from_an_existing_one_is_409_and_sign_in_takes_any_case() {
    create("Village-Clerk").expect(201);
    assertThat(create("village-clerk").status()).isEqualTo(409);
    assertThat(create("VILLAGE-CLERK").status()).isEqualTo(409);
    Http.Response signedIn = server.http.post("/api/v1/auth/token", null,
        new JsonObject().put("username", "VILLAGE-clerk").put("password", "password-village-clerk"));
    assertThat(signedIn.status()).as(signedIn.text()).isEqualTo(200);
  }

  @Test
  void names_that_already_differed_only_by_case_keep_their_accounts_through_the_migration() throws Exception {
    String url = TestDatabase.freshDatabase();
    Flyway.configure().dataSource(url, TestDatabase.user(), TestDatabase.password())
        .locations("classpath:db/migration").target("7").load().migrate();
    Passwords passwords = new Passwords();
    Map<Long, String> before = new LinkedHashMap<>();
    before.put(100L, "clerk");
    before.put(200L, "Clerk");
    before.put(300L, "CLERK");
    before.put(400L, "auditor");
    try (Connection c = DriverManager.getConnection(url, TestDatabase.user(), TestDatabase.password());
         PreparedStatement insert = c.prepareStatement("INSERT INTO app_user (id, username, password_hash, role,"
             + " scope_id, created_at) VALUES (?, ?, ?, 'REGULATOR', '4501', NOW(3))")) {
      for (Map.Entry<Long, String> user : before.entrySet()) {
        insert.setLong(1, user.getKey());
        insert.setString(2, user.getValue());
        insert.setString(3, passwords.hash("password-of-" + user.getKey()));
        insert.executeUpdate();
      }
    }
    Flyway.configure().dataSource(url, TestDatabase.user(), TestDatabase.password())
        .locations("classpath:db/migration").load().migrate();

    Map<Long, String> keys = new LinkedHashMap<>();
    try (Connection c = DriverManager.getConnection(url, TestDatabase.user(), TestDatabase.password());
         ResultSet rows = c.createStatement().executeQuery("SELECT id, username, username_key FROM app_user ORDER BY id")) {
      while (rows.next()) {
        assertThat(rows.getString("username")).as("nobody renamed").isEqualTo(before.get(rows.getLong("id")));
        keys.put(rows.getLong("id"), rows.getString("username_key"));
      }
    }
    assertThat(keys).containsExactly(Map.entry(100L, "clerk"), Map.entry(200L, "clerk#200"),
        Map.entry(300L, "clerk#300"), Map.entry(400L, "auditor"));

    LedgerServer migrated = new LedgerServer(TestServer.config(url, TestServer.randomKey(), 3600).build()).start();
    try (Http http = new Http(migrated.port())) {
      for (long id : new long[] {100, 200, 300}) {
        Http.Response exact = http.post("/api/v1/auth/token", null, new JsonObject()
            .put("username", before.get(id)).put("password", "password-of-" + id));
        assertThat(exact.status()).as(before.get(id) + " signs in by its exact spelling").isEqualTo(200);
      }
      assertThat(http.post("/api/v1/auth/token", null, new JsonObject().put("username", "cLeRk")
          .put("password", "password-of-100")).status()).as("another spelling finds the oldest").isEqualTo(200);
    } finally {
      migrated.stop();
    }
  }
}
