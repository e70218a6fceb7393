package cn.bangfu.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Business time has one source (issue 18, point 1): production code reads it from the injected
 * {@link BusinessClock}, and tests move it by advancing their clock, never by rewriting rows.
 */
class BusinessTimeSourcesTest {
  /** The wall-clock reads left on purpose, each with its reason. */
  private static final Map<String, String> WALL_CLOCK_ALLOWED = Map.of(
      "platform/BusinessClock.java", "the production clock itself (BusinessClock.system)",
      "platform/Config.java", "the default clock of a configuration: the system clock",
      "identity/Authenticator.java", "token expiry measures real seconds, like the JWT library does",
      "platform/Ids.java", "the time bits of an id order ids, they date nothing",
      "registry/IdentityNumber.java", "a birth date after today is a typo whatever the business day",
      "platform/NodeLease.java", "lease heartbeats measure real seconds between live instances, not business days",
      "distribution/DraftJobs.java", "a draft job's heartbeat measures real minutes (is its process alive), not business days");

  private static List<String> matches(Path root, Pattern pattern, Map<String, String> except) throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String relative = root.relativize(file).toString().replace('\\', '/');
        if (except.keySet().stream().anyMatch(relative::endsWith)) {
          continue;
        }
        Matcher m = pattern.matcher(Files.readString(file));
        while (m.find()) {
          found.add(relative + ": " + m.group());
        }
      }
    }
    return found;
  }

  @Test
  void production_code_reads_business_time_only_through_the_business_clock() throws IOException {
    Pattern wallClock = Pattern.compile(
        "\\b(LocalDate|LocalDateTime|Instant|OffsetDateTime|ZonedDateTime|LocalTime)\\.now\\(|Clock\\.system"
            + "|System\\.currentTimeMillis\\(");

    assertThat(matches(Path.of("src/main/java/cn/bangfu"), wallClock, WALL_CLOCK_ALLOWED)).isEmpty();
  }

  @Test
  void no_test_moves_a_publicity_period_by_rewriting_its_dates()
      throws IOException {
    Pattern rewrite = Pattern.compile("(?i)publicity_(start|end)\\s*=|INTERVAL\\s+[0-9]+\\s+DAY");

    assertThat(matches(Path.of("src/test/java/cn/bangfu"), rewrite, Map.of(
        "platform/BusinessTimeSourcesTest.java", "this guard names the pattern")))
        .isEmpty();
  }
}
