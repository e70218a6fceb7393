package cn.bangfu.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The JDBC URL the pools get (issue 18, point 8): the driver settings the service relies on are added,
 * but an operator's LEDGER_DB_URL keeps what the operator wrote; TLS is never switched off for it.
 */
class DatabaseUrlTest {

  @Test
  void an_external_database_url_keeps_the_operators_tls_settings_and_gets_no_tls_switch() {
    String operator = "jdbc:mysql://db.county.example:3306/ledger?sslMode=VERIFY_IDENTITY"
        + "&trustCertificateKeyStoreUrl=file:/etc/ledger/ca.jks";

    String used = Database.withDriverDefaults(operator);

    assertThat(used).startsWith(operator);
    assertThat(used).doesNotContainIgnoringCase("useSSL").doesNotContainIgnoringCase("allowPublicKeyRetrieval");
    assertThat(used).contains("&rewriteBatchedStatements=true").contains("&useLocalSessionState=true");
  }

  @Test
  void a_url_without_parameters_gets_the_driver_settings_and_still_no_tls_switch() {
    String used = Database.withDriverDefaults("jdbc:mysql://10.0.0.5:3306/ledger");

    assertThat(used).startsWith("jdbc:mysql://10.0.0.5:3306/ledger?rewriteBatchedStatements=true&");
    assertThat(used).doesNotContainIgnoringCase("useSSL").doesNotContainIgnoringCase("allowPublicKeyRetrieval");
  }

  @Test
  void a_setting_the_operator_wrote_wins_over_the_services_default_whatever_its_case() {
    String used = Database.withDriverDefaults("jdbc:mysql://db:3306/ledger?useSSL=true&PREPSTMTCACHESIZE=500");

    assertThat(used).contains("useSSL=true").doesNotContain("useSSL=false");
    assertThat(used).containsOnlyOnce("=500").doesNotContainIgnoringCase("prepStmtCacheSize=250");
    assertThat(used).contains("prepStmtCacheSqlLimit=4096");
  }

  @Test
  void reads_are_prepared_by_the_server_and_transactions_by_the_driver_unless_the_operator_says_otherwise() {
    String url = "jdbc:mysql://db:3306/ledger";

    assertThat(Database.withReadDefaults(url)).contains("useServerPrepStmts=true").doesNotContain("useServerPrepStmts=false")
        .contains("rewriteBatchedStatements=true");
    assertThat(Database.withDriverDefaults(url)).contains("useServerPrepStmts=false");
    assertThat(Database.withReadDefaults(url + "?useServerPrepStmts=false")).containsOnlyOnce("useServerPrepStmts")
        .contains("useServerPrepStmts=false");
  }
}
