package cn.bangfu.platform;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The few static files of the pages (issue 15), read from the class path once at start and served from
 * memory under {@value #PREFIX}: the style sheets (a strict Content-Security-Policy allows no inline
 * style: the pages' and the public notice's) and htmx from its webjar, for pages that enhance themselves; nothing is fetched from outside.
 * They may be cached for a day: unlike every other answer, they hold nothing personal.
 */
public final class StaticFiles {
  public static final String PREFIX = "/static/";
  private static final String HTMX = "META-INF/resources/webjars/htmx.org/2.0.8/dist/htmx.min.js";

  private record File(String contentType, Buffer body) {
  }

  private final Map<String, File> files = Map.of(
      "site.css", new File("text/css; charset=utf-8", read("web/site.css")),
      // the public notice's own sheet: its A4 print layout for the village notice board
      "notice.css", new File("text/css; charset=utf-8", read("web/notice.css")),
      "htmx.min.js", new File("text/javascript; charset=utf-8", read(HTMX)));

  /** Mounted without a method, like the other plumbing, so it is no operation of the API's route table. */
  public void mount(Router router) {
    router.route(PREFIX + "*").handler(ctx -> {
      File file = files.get(ctx.request().path().substring(PREFIX.length()));
      if (file == null || !(ctx.request().method() == HttpMethod.GET || ctx.request().method() == HttpMethod.HEAD)) {
        ctx.fail(404);
        return;
      }
      ctx.response().putHeader("Content-Type", file.contentType()).putHeader("Cache-Control", "public, max-age=86400")
          .end(file.body());
    });
  }

  private static Buffer read(String resource) {
    try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing on the class path: " + resource);
      }
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
