package cn.bangfu;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.platform.Config;
import cn.bangfu.support.Fixtures;
import cn.bangfu.support.Http;
import cn.bangfu.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The server keeps its data across restarts and runs as several stateless instances on one database. */
class ServerLifecycleTest {

  @Test
  void given_the_embedded_database_when_the_server_restarts_then_data_and_keys_survive() throws Exception {
    // Not under /tmp: the embedded database refuses a data directory it would treat as scratch.
    Path dataDir = Files.createDirectories(Path.of("target")).resolve("restart-" + System.nanoTime());
    Config config = Config.builder().httpPort(0).dataDir(dataDir).dbPoolSize(4).adminPassword(TestServer.ADMIN_PASSWORD)
        .tokenTtlSeconds(3600).maxBodyBytes(64 * 1024).build();

    LedgerServer first = new LedgerServer(config).start();
    String cooperativeId;
    String tokenFromFirstRun;
    try (Http http = new Http(first.port())) {
      tokenFromFirstRun = http.login("admin", TestServer.ADMIN_PASSWORD);
      Http.Response created = http.post("/api/v1/cooperatives", tokenFromFirstRun, Fixtures.cooperative("岑丰村葡萄合作社"));
      assertThat(created.status()).isEqualTo(201);
      cooperativeId = created.body().getString("id");
    } finally {
      first.stop();
    }
    assertThat(dataDir.resolve("secrets/master.key")).exists();

    LedgerServer second = new LedgerServer(config).start();
    try (Http http = new Http(second.port())) {
      Http.Response read = http.get("/api/v1/cooperatives/" + cooperativeId, tokenFromFirstRun);
      assertThat(read.status()).as("the first run's token verifies: the signing key was kept").isEqualTo(200);
      assertThat(read.body().getString("name")).isEqualTo("岑丰村葡萄合作社");
    } finally {
      second.stop();
    }
  }

  @Test
  void given_two_instances_on_one_database_then_each_serves_what_the_other_wrote() {
    try (TestServer a = TestServer.start(); TestServer b = a.secondInstance()) {
      Http.Response created = a.http.post("/api/v1/households", a.adminToken, Fixtures.household("吴秀英", Fixtures.idNumber()));
      assertThat(created.status()).isEqualTo(201);

      Http.Response readOnB = b.http.get("/api/v1/households/" + created.body().getString("id"), a.adminToken);
      assertThat(readOnB.status()).isEqualTo(200);
      assertThat(readOnB.body().getString("name")).isEqualTo("吴秀英");

      String idNumber = Fixtures.idNumber();
      assertThat(a.http.post("/api/v1/households", a.adminToken, Fixtures.household("龙国强", idNumber)).status())
          .isEqualTo(201);
      Http.Response duplicateOnB = b.http.post("/api/v1/households", b.adminToken, Fixtures.household("龙国", idNumber));
      assertThat(duplicateOnB.status()).as("uniqueness holds across instances").isEqualTo(409);
    }
  }
}
