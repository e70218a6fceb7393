package cn.bangfu.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The harness itself: a class gets one started server, the same in its fields and its parameters, and
 * it is closed once the class is done, also when the class's own set-up fails. Each fixture class runs
 * inside the test through JUnit's EngineTestKit; Surefire does not run nested classes by themselves.
 */
class LedgerServerExtensionTest {
  /** What the fixture classes saw: servers and ports. */
  static final List<TestServer> SEEN = new CopyOnWriteArrayList<>();
  static final List<Integer> PORTS = new CopyOnWriteArrayList<>();

  static class OneServerPerClass {
    @ClassServer static TestServer server;
    @ClassServer(secondInstance = true) static TestServer second;

    @BeforeAll
    static void world(TestServer parameter) {
      SEEN.add(server);
      SEEN.add(parameter);
      PORTS.add(server.server().port());
      PORTS.add(second.server().port());
    }

    @Test
    void the_server_answers_signed_in_as_admin(TestServer parameter) {
      SEEN.add(parameter);
      assertThat(server.http.get("/api/v1/cooperatives", server.adminToken).status()).isEqualTo(200);
    }

    @Test
    void the_second_instance_serves_what_the_first_wrote() {
      SEEN.add(server);
      String id = server.http.post("/api/v1/households", server.adminToken,
          Fixtures.household("吴秀英", Fixtures.idNumber())).expect(201).body().getString("id");
      assertThat(second).isNotSameAs(server);
      assertThat(second.http.get("/api/v1/households/" + id, second.adminToken).status()).isEqualTo(200);
    }
  }

  static class SetUpFails {
    @ClassServer static TestServer server;

    @BeforeAll
    static void world() {
      PORTS.add(server.server().port());
      throw new IllegalStateException("the class's own set-up fails");
    }

    @Test
    void never_runs() {
    }
  }

  private static void assertClosed(int port) {
    assertThatThrownBy(() -> new Http(port).get("/health", null)).as("port %d still answers", port)
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void given_a_class_server_field_then_before_all_and_every_test_see_one_server_and_both_instances_close_after_the_class() {
    SEEN.clear();
    PORTS.clear();
    EngineTestKit.engine("junit-jupiter").selectors(selectClass(OneServerPerClass.class)).execute()
        .testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));

    assertThat(SEEN).hasSize(4).allSatisfy(seen -> assertThat(seen).isSameAs(SEEN.get(0)));
    assertThat(PORTS).hasSize(2).doesNotHaveDuplicates();
    PORTS.forEach(LedgerServerExtensionTest::assertClosed);
  }

  @Test
  void given_a_class_whose_before_all_fails_then_its_server_is_closed_all_the_same() {
    PORTS.clear();
    EngineTestKit.engine("junit-jupiter").selectors(selectClass(SetUpFails.class)).execute()
        .containerEvents().assertStatistics(stats -> stats.failed(1));

    assertThat(PORTS).hasSize(1);
    assertClosed(PORTS.get(0));
  }
}
