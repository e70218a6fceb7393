package cn.bangfu.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, findings 1 and 11: the embedded MariaDB admits only its own application account, only
 * on the loopback interface, runs the bundled binaries unless told otherwise, and never opens a data
 * directory with an older server than the one that last wrote it.
 */
class EmbeddedDatabaseSecurityTest {
  private static final String DEBIAN_VERSION_LINE =
      "mariadbd  Ver 10.11.6-MariaDB-0+deb12u1 for debian-linux-gnu on x86_64 (Debian 12)";

  private static Path dataDir;
  private static Path fakeOs;
  private static EmbeddedDatabase embedded;

  @BeforeAll
  static void startWithAFakeOsInstallationPresent() throws IOException {
    fakeOs = fakeDebianInstallation(Files.createDirectories(Path.of("target")).resolve("fake-os-" + System.nanoTime()));
    // Not under /tmp: the embedded database refuses a data directory it would treat as scratch.
    dataDir = Path.of("target").resolve("secure-db-" + System.nanoTime());
    embedded = EmbeddedDatabase.start(dataDir, Map.of(), List.of(fakeOs));
  }

  @AfterAll
  static void stop() {
    if (embedded != null) {
      embedded.close();
    }
  }

  @Test
  void given_the_embedded_database_when_connecting_with_any_other_user_or_password_then_the_connection_is_refused() {
    assertThatThrownBy(() -> connect("anyone", "anything").close()).isInstanceOf(SQLException.class)
        .hasMessageContaining("Access denied");
    assertThatThrownBy(() -> connect("root", "").close()).as("root is not usable over TCP")
        .isInstanceOf(SQLException.class).hasMessageContaining("Access denied");
    assertThatThrownBy(() -> connect("root", "root").close()).isInstanceOf(SQLException.class);
    assertThatThrownBy(() -> connect(EmbeddedDatabase.USER, "wrong-" + embedded.password()).close())
        .isInstanceOf(SQLException.class).hasMessageContaining("Access denied");
    assertThatThrownBy(() -> connect(EmbeddedDatabase.USER, "").close()).isInstanceOf(SQLException.class);
  }

  @Test
  void given_the_generated_credentials_then_the_application_reaches_its_database_but_not_the_grant_tables() throws Exception {
    try (Connection c = connect(EmbeddedDatabase.USER, embedded.password()); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT DATABASE()")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("ledger");
      }
      assertThatThrownBy(() -> s.executeQuery("SELECT User, Host FROM mysql.global_priv"))
          .as("the application account cannot rewrite accounts or roles at the server level")
          .isInstanceOf(SQLException.class);
      assertThatThrownBy(() -> s.execute("CREATE DATABASE other_app")).isInstanceOf(SQLException.class);
    }
  }

  @Test
  void given_the_embedded_database_then_its_port_is_bound_to_the_loopback_address_only() throws Exception {
    List<String> listening = listeningAddresses(embedded.port());
    assertThat(listening).as("LISTEN sockets on port %d in /proc/net/tcp{,6}", embedded.port())
        .isNotEmpty().containsOnly("0100007F");

    for (InetAddress address : nonLoopbackAddresses()) {
      assertThatThrownBy(() -> {
        try (Socket socket = new Socket()) {
          socket.connect(new InetSocketAddress(address, embedded.port()), 2000);
        }
      }).as("connecting through %s", address).isInstanceOf(IOException.class);
    }
  }

  @Test
  void given_a_first_start_then_the_password_is_kept_owner_only_under_secrets_and_the_init_script_is_gone() throws Exception {
    Path secrets = dataDir.resolve("secrets");
    Path passwordFile = secrets.resolve(EmbeddedDatabase.PASSWORD_FILE);
    assertThat(Files.readString(passwordFile, StandardCharsets.US_ASCII).trim()).isEqualTo(embedded.password())
        .hasSizeGreaterThanOrEqualTo(40);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets))).isEqualTo("rwx------");
    assertThat(secrets.resolve("mariadb-init.sql")).as("the init script held the password in clear").doesNotExist();
  }

  @Test
  void given_a_mariadb_installed_by_the_os_when_no_basedir_is_configured_then_the_bundled_server_runs_and_records_its_version()
      throws Exception {
    assertThat(fakeOs.resolve("ran")).as("the fake OS binaries were never executed").doesNotExist();
    try (Connection c = connect(EmbeddedDatabase.USER, embedded.password()); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT VERSION()")) {
      rs.next();
      assertThat(rs.getString(1)).startsWith("11.4.");
      assertThat(Files.readString(dataDir.resolve("mariadb/VERSION")).trim()).isEqualTo(rs.getString(1).replaceAll("-.*", ""));
    }
  }

  @Test
  void given_a_data_dir_recorded_by_a_newer_server_when_starting_the_bundled_one_then_it_refuses_with_a_clear_message()
      throws IOException {
    Path newer = Path.of("target").resolve("newer-db-" + System.nanoTime());
    Files.createDirectories(newer.resolve("mariadb"));
    Files.writeString(newer.resolve("mariadb/VERSION"), "99.1.0\n");

    assertThatThrownBy(() -> EmbeddedDatabase.start(newer, Map.of(), List.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("MariaDB 99.1.0").hasMessageContaining("MariaDB 11.4.")
        .hasMessageContaining("cannot downgrade");
    assertThat(newer.resolve("mariadb/data")).as("nothing installed or opened").doesNotExist();
  }

  @Test
  void given_a_debian_installation_configured_when_the_data_dir_was_made_by_the_bundled_11_4_then_it_refuses_the_downgrade()
      throws IOException {
    Path os = fakeDebianInstallation(Path.of("target").resolve("debian-" + System.nanoTime()));
    Path bundledMade = Path.of("target").resolve("bundled-db-" + System.nanoTime());
    Files.createDirectories(bundledMade.resolve("mariadb"));
    Files.writeString(bundledMade.resolve("mariadb/VERSION"), "11.4.5\n");

    assertThatThrownBy(() -> EmbeddedDatabase.start(bundledMade, Map.of(EmbeddedDatabase.BASEDIR_VARIABLE, os.toString()), List.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("MariaDB 11.4.5").hasMessageContaining("MariaDB 10.11.6")
        .hasMessageContaining(os.toAbsolutePath().resolve("sbin/mariadbd").toString())
        .hasMessageContaining("cannot downgrade");
    assertThat(Files.readAllLines(os.resolve("ran"))).as("Debian's sbin/mariadbd was found and only asked its version")
        .containsExactly("sbin/mariadbd --version");
  }

  @Test
  void given_a_data_dir_from_before_version_files_then_the_version_mariadb_install_db_left_in_it_counts() throws IOException {
    Path legacy = Path.of("target").resolve("legacy-db-" + System.nanoTime());
    Files.createDirectories(legacy.resolve("mariadb/data"));
    Files.writeString(legacy.resolve("mariadb/data/mariadb_upgrade_info"), "11.4.5-MariaDB");
    Path os = fakeDebianInstallation(Path.of("target").resolve("debian-" + System.nanoTime()));

    assertThat(EmbeddedDatabase.recordedVersion(legacy.resolve("mariadb"))).contains("11.4.5");
    assertThatThrownBy(() -> EmbeddedDatabase.start(legacy, Map.of(EmbeddedDatabase.BASEDIR_VARIABLE, os.toString()), List.of()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot downgrade");
  }

  @Test
  void given_versions_then_they_compare_by_number_not_by_text() {
    assertThat(EmbeddedDatabase.compareVersions("11.4.5", "10.11.6")).isPositive();
    assertThat(EmbeddedDatabase.compareVersions("10.11.6", "11.4.5")).isNegative();
    assertThat(EmbeddedDatabase.compareVersions("11.4.5-MariaDB", "11.4.5")).isZero();
  }

  private static Connection connect(String user, String password) throws SQLException {
    return DriverManager.getConnection(embedded.jdbcUrl("ledger") + "&connectTimeout=5000",
        user, password);
  }

  /**
   * A stand-in for Debian's mariadb-server: sbin/mariadbd and bin/mariadb-install-db that log each
   * call to {@code ran}, answer --version like Debian 12's 10.11, and fail anything else.
   */
  private static Path fakeDebianInstallation(Path base) throws IOException {
    for (String tool : new String[] {"sbin/mariadbd", "bin/mariadb-install-db", "bin/mariadb"}) {
      Path script = base.resolve(tool);
      Files.createDirectories(script.getParent());
      Files.writeString(script, "#!/bin/sh\n"
          + "echo \"" + tool + " $*\" >> '" + base.toAbsolutePath().resolve("ran") + "'\n"
          + "if [ \"$1\" = --version ]; then echo '" + DEBIAN_VERSION_LINE + "'; exit 0; fi\n"
          + "exit 1\n");
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    return base;
  }

  /** Local addresses (hex, as the kernel prints them) of LISTEN sockets on this port. */
  private static List<String> listeningAddresses(int port) throws IOException {
    String portHex = String.format(Locale.ROOT, "%04X", port);
    List<String> addresses = new ArrayList<>();
    for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
      Path path = Path.of(table);
      if (!Files.exists(path)) {
        continue;
      }
      for (String line : Files.readAllLines(path).subList(1, Files.readAllLines(path).size())) {
        String[] fields = line.trim().split("\\s+");
        String[] local = fields[1].split(":");
        if (local[1].equals(portHex) && fields[3].equals("0A")) {
          addresses.add(local[0]);
        }
      }
    }
    return addresses;
  }

  private static List<InetAddress> nonLoopbackAddresses() throws IOException {
    List<InetAddress> found = new ArrayList<>();
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      for (InetAddress address : Collections.list(nic.getInetAddresses())) {
        if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
          found.add(address);
        }
      }
    }
    return found;
  }
}
