package cn.bangfu.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * LEDGER_PUBLIC_BASE_URL (issue 15): the address printed into the public notice's QR code. Only a
 * scheme and a host are accepted, so a typo cannot put a path or a query into every printed notice.
 */
class PublicBaseUrlTest {

  @Test
  void the_configured_address_is_kept_without_its_trailing_slash_and_unset_means_from_the_request() {
    assertThat(Config.fromEnvironment(Map.of("LEDGER_PUBLIC_BASE_URL", "https://gongshi.cengong.gov.cn/"), false)
        .publicBaseUrl()).contains("https://gongshi.cengong.gov.cn");
    assertThat(Config.fromEnvironment(Map.of("LEDGER_PUBLIC_BASE_URL", "http://10.0.0.5:8080"), false)
        .publicBaseUrl()).contains("http://10.0.0.5:8080");
    assertThat(Config.fromEnvironment(Map.of(), false).publicBaseUrl()).isEqualTo(Optional.empty());
    assertThat(Config.fromEnvironment(Map.of("LEDGER_PUBLIC_BASE_URL", " "), false).publicBaseUrl()).isEmpty();
  }

  @Test
  void an_address_with_a_path_query_or_another_scheme_is_refused_at_start_naming_the_variable() {
    for (String bad : new String[] {"https://gongshi.cengong.gov.cn/notices", "gongshi.cengong.gov.cn",
        "ftp://gongshi.cengong.gov.cn", "https://gongshi.cengong.gov.cn?x=1"}) {
      assertThatThrownBy(() -> Config.fromEnvironment(Map.of("LEDGER_PUBLIC_BASE_URL", bad), false))
          .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LEDGER_PUBLIC_BASE_URL");
    }
  }
}
