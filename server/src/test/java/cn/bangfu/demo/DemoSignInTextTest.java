package cn.bangfu.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Issue 15: the demo's sign-in hint names the port the server listens on, not a fixed 8080. */
class DemoSignInTextTest {

  @Test
  void signInHintUsesTheListeningPort() {
    String text = DemoData.signInText(18_123);

    assertThat(text).contains("curl -s localhost:18123/api/v1/auth/token")
        .doesNotContain("localhost:8080")
        .contains("household-yang", "cenfeng-coop", DemoData.PASSWORD)
        .contains("http://localhost:18123/login", "household-yang    -> http://localhost:18123/household",
            "cenfeng-coop      -> http://localhost:18123/coop");
  }
}
