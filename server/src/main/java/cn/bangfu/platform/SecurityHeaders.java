package cn.bangfu.platform;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * The one header policy of the server, set on every response before any route runs, so answers,
 * problems, 404s and files all carry it (issue 12, finding 9):
 * <ul>
 *   <li>{@code Cache-Control: no-store}: tokens, personal data, payout and notice files must not sit
 *       in a shared or browser cache; nothing the API serves is static enough to be worth caching.</li>
 *   <li>{@code X-Content-Type-Options: nosniff}: a CSV or JSON with a name like {@code <script>} in it is
 *       never run as HTML.</li>
 *   <li>{@code Referrer-Policy: no-referrer}: notice and run ids in our URLs do not leak to other sites.</li>
 *   <li>A strict Content-Security-Policy for the server-rendered pages to come (DESIGN.md 8.2): only our
 *       own scripts, styles and forms; QR codes as data: images; never framed (clickjacking of the forms).</li>
 * </ul>
 * One small handler rather than vertx-web's CSPHandler/XFrameHandler: those cover two of the five
 * headers and would split the policy over three places.
 */
public final class SecurityHeaders implements Handler<RoutingContext> {
  public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
      + "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  @Override
  public void handle(RoutingContext ctx) {
    apply(ctx.response().headers());
    ctx.next();
  }

  public static void apply(MultiMap headers) {
    headers.set("Cache-Control", "no-store")
        .set("X-Content-Type-Options", "nosniff")
        .set("Referrer-Policy", "no-referrer")
        .set("X-Frame-Options", "DENY")
        .set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
  }
}
