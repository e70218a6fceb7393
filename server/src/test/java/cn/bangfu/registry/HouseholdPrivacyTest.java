package cn.bangfu.registry;

import static cn.bangfu.db.Tables.HOUSEHOLD;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import cn.bangfu.platform.FieldCipher;
import cn.bangfu.platform.Secrets;
import cn.bangfu.support.ClassServer;
import cn.bangfu.support.Fixtures;
import cn.bangfu.support.Http;
import cn.bangfu.support.TestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Invariant 11: 身份证号 are stored encrypted with a keyed hash for duplicates, never returned or
 * logged in full; a second household with the same number is a 409 with nothing written.
 */
class HouseholdPrivacyTest {
  @ClassServer static TestServer server;
  final ListAppender<ILoggingEvent> logs = new ListAppender<>();

  @BeforeEach
  void captureLogs() {
    logs.start();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
  }

  @AfterEach
  void releaseLogs() {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
  }

  private void assertNeverLogged(String idNumber) {
    for (ILoggingEvent event : logs.list) {
      assertThat(event.getFormattedMessage()).doesNotContain(idNumber);
      if (event.getThrowableProxy() != null) {
        assertThat(event.getThrowableProxy().getMessage()).doesNotContain(idNumber);
      }
    }
  }

  @Test
  void given_a_new_household_then_the_response_shows_only_the_masked_number_and_the_database_holds_ciphertext() {
    String idNumber = Fixtures.idNumber();
    Http.Response created = server.http.post("/api/v1/households", server.adminToken, Fixtures.household("杨明宇", idNumber));

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.text()).doesNotContain(idNumber).doesNotContain(idNumber.substring(4, 14));
    assertThat(created.body().getString("idNumberMasked")).isEqualTo(IdentityNumber.mask(idNumber));
    Http.Response read = server.http.get("/api/v1/households/" + created.body().getString("id"), server.adminToken);
    assertThat(read.text()).doesNotContain(idNumber);

    var row = server.server().database().dsl().selectFrom(HOUSEHOLD)
        .where(HOUSEHOLD.ID.eq(Long.parseLong(created.body().getString("id")))).fetchOne();
    assertThat(new String(row.getIdNumberCipher(), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(idNumber);
    FieldCipher cipher = cipherOf(server);
    assertThat(cipher.decrypt(row.getIdNumberCipher())).isEqualTo(idNumber);
    assertThat(row.getIdNumberHash()).isEqualTo(cipher.keyedHash(idNumber));
    assertNeverLogged(idNumber);
  }

  @Test
  void given_a_registered_number_when_registered_again_then_409_naming_idNumber_and_nothing_written() {
    String idNumber = IdentityNumber.withCheckDigit("45012319800101002");
    assertThat(server.http.post("/api/v1/households", server.adminToken, Fixtures.household("杨明宇", idNumber)).status())
        .isEqualTo(201);
    int before = server.server().database().dsl().fetchCount(HOUSEHOLD);

    String sameWithLowerX = idNumber.endsWith("X") ? idNumber.substring(0, 17) + "x" : idNumber;
    Http.Response again = server.http.post("/api/v1/households", server.adminToken, Fixtures.household("杨明", sameWithLowerX));

    assertThat(again.status()).isEqualTo(409);
    assertThat(again.isProblem()).isTrue();
    assertThat(again.body().getString("field")).isEqualTo("idNumber");
    assertThat(again.text()).doesNotContain(idNumber);
    assertThat(server.server().database().dsl().fetchCount(HOUSEHOLD)).isEqualTo(before);
    assertNeverLogged(idNumber);
  }

  @Test
  void given_eight_concurrent_registrations_of_one_number_then_exactly_one_succeeds() throws Exception {
    String idNumber = IdentityNumber.withCheckDigit("45012319850505013");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Callable<Integer>> attempts = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      attempts.add(() -> server.http.post("/api/v1/households", server.adminToken,
          Fixtures.household("韦秀兰", idNumber)).status());
    }
    List<Integer> statuses = new ArrayList<>();
    for (Future<Integer> f : pool.invokeAll(attempts)) {
      statuses.add(f.get());
    }
    pool.shutdown();

    assertThat(statuses).containsOnly(201, 409);
    assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(1);
    assertThat(server.server().database().dsl().fetchCount(HOUSEHOLD,
        HOUSEHOLD.ID_NUMBER_HASH.eq(cipherOf(server).keyedHash(idNumber)))).isEqualTo(1);
    assertNeverLogged(idNumber);
  }

  @Test
  void a_bad_check_digit_is_refused_without_echoing_the_number() {
    String wrong = "450123198001010020";
    Http.Response response = server.http.post("/api/v1/households", server.adminToken,
        Fixtures.household("杨明宇", IdentityNumber.problemWith(wrong) == null ? "450123198001010021" : wrong));
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().getString("field")).isEqualTo("idNumber");
    assertThat(response.text()).doesNotContain("45012319800101002");
  }

  static FieldCipher cipherOf(TestServer server) {
    Secrets secrets = Secrets.load(Optional.of(server.masterKey()), Path.of("unused"));
    return new FieldCipher(secrets.derive("id-number-encryption"), secrets.derive("id-number-hash"));
  }

}
