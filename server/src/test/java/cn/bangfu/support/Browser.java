package cn.bangfu.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real browser for the page tests (issue 15): Debian's chromium driven through Debian's
 * chromedriver, both paths set explicitly so Selenium never downloads a driver. The window is a
 * phone's (412×915 CSS px, the viewport). Every test saves its screenshots under
 * {@code server/target/screenshots/} — look at them.
 *
 * <p>Without chromium a developer machine skips loudly; with {@code CI} set the test fails, because
 * a green CI run must have walked the pages in a browser.
 */
public final class Browser implements AutoCloseable {

  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  public static final Path SCREENSHOTS = Path.of("target", "screenshots");
  public static final int PHONE_WIDTH = 412;
  public static final int PHONE_HEIGHT = 915;

  private final ChromeDriver driver;
  private final Path profile;

  private Browser(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  /** A headless chromium with a phone-sized window, or the test skipped/failed when there is none. */
  public static Browser phone() {
    return open(PHONE_WIDTH, PHONE_HEIGHT, 1.0);
  }

  /**
   * A phone whose text is enlarged like Android's "font size" setting ({@code zoom} 1.4 = 140 %):
   * the page is laid out at {@code width / zoom} CSS pixels, as a phone with large text does.
   */
  public static Browser phoneWithLargeText(double zoom) {
    return open((int) Math.round(PHONE_WIDTH / zoom), (int) Math.round(PHONE_HEIGHT / zoom), zoom);
  }

  /** A window of any size, e.g. 360 px wide for the narrowest phones the budgets name. */
  public static Browser open(int width, int height, double deviceScale) {
    requireChromium();
    try {
      Path profile = Files.createTempDirectory("chromium-profile");
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM.toFile());
      // The flags the machine's probe uses: headless, root-safe, and no background connections
      // (this network refuses them, and chromium would retry them on every start).
      options.addArguments(
          "--headless=new",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-dev-shm-usage",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--lang=zh-CN",
          "--user-data-dir=" + profile,
          "--window-size=" + Math.max(width, 600) + "," + (height + 200));
      // Headless chromium will not make a window narrower than 500 px: a phone is emulated instead
      // (viewport, pixel ratio, touch), as Chrome's device toolbar does.
      options.setExperimentalOption("mobileEmulation", java.util.Map.of(
          "deviceMetrics", java.util.Map.of("width", width, "height", height, "pixelRatio", deviceScale, "touch", true)));
      ChromeDriverService service =
          new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
      return new Browser(driver, profile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** True when Debian's chromium and chromedriver are installed at their fixed paths. */
  public static boolean available() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  /** Skips loudly on a developer machine without chromium; fails under CI. */
  public static void requireChromium() {
    if (available()) {
      return;
    }
    String message = "BROWSER TESTS NOT RUN: " + CHROMIUM + " or " + CHROMEDRIVER
        + " missing — install with: apt-get install chromium chromium-driver fonts-wqy-microhei";
    if (System.getenv("CI") != null) {
      fail(message);
    }
    System.err.println("\n*** " + message + " ***\n");
    Assumptions.abort(message);
  }

  public ChromeDriver driver() {
    return driver;
  }

  /** Opens a URL and waits for the document to load. */
  public Browser go(String url) {
    driver.get(url);
    return this;
  }

  /** Saves what the browser shows as {@code target/screenshots/<name>.png} and returns the file. */
  public Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name + ".png");
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Bytes the page cost to load: the document and everything it fetched, as sent (gzip), from the
   * browser's own performance entries; a resource served from cache counts its encoded size.
   */
  public long transferred() {
    return ((Number) script("""
        const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
        return entries.reduce((sum, e) => sum + Math.max(e.transferSize, e.encodedBodySize), 0);""")).longValue();
  }

  /** Runs a script in the page and returns its result (numbers come back as Long or Double). */
  public Object script(String javascript, Object... args) {
    return driver.executeScript(javascript, args);
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      deleteQuietly(profile);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException ignored) {
      // a profile left in the temp directory is harmless
    }
  }
}
