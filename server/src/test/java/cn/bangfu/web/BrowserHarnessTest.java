package cn.bangfu.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.support.Browser;
import cn.bangfu.support.ClassServer;
import cn.bangfu.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The browser harness itself (issue 15): Debian's chromium opens a page of the running server in a
 * phone-sized window and a screenshot lands under target/screenshots. Page tests build on this.
 */
class BrowserHarnessTest {

  @ClassServer static TestServer server;

  @Test
  void aPhoneSizedChromiumReachesTheServerAndSavesAScreenshot() throws Exception {
    try (Browser browser = Browser.phone()) {
      browser.go("http://localhost:" + server.server().port() + "/health");

      assertThat(browser.driver().getPageSource()).contains("\"status\"");
      assertThat(((Number) browser.script("return screen.width")).intValue()).isEqualTo(Browser.PHONE_WIDTH);
      Path shot = browser.screenshot("harness-health");
      assertThat(Files.size(shot)).isPositive();
    }
  }
}
