package cn.bangfu.platform;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The cookies of the pages for people (issue 15): HttpOnly (no script reads them), SameSite=Lax (not
 * sent on another site's POST), Path=/, and Secure when the request came over TLS, directly or
 * through a proxy that says so in X-Forwarded-Proto. The header can only add Secure, never remove it,
 * so trusting it from anyone costs nothing.
 */
public final class PageCookies {
  private static final SecureRandom RANDOM = new SecureRandom();

  private PageCookies() {
  }

  /** A new random cookie value: 32 bytes, URL-safe base64. */
  public static String randomValue() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static boolean overTls(RoutingContext ctx) {
    return ctx.request().isSSL() || "https".equalsIgnoreCase(ctx.request().getHeader("X-Forwarded-Proto"));
  }

  /** Sets a session-lifetime cookie (gone when the browser closes; the server bounds it anyway). */
  public static void set(RoutingContext ctx, String name, String value) {
    ctx.response().addCookie(Cookie.cookie(name, value).setPath("/").setHttpOnly(true)
        .setSameSite(CookieSameSite.LAX).setSecure(overTls(ctx)));
  }

  /** Tells the browser to forget the cookie. */
  public static void clear(RoutingContext ctx, String name) {
    ctx.response().addCookie(Cookie.cookie(name, "").setPath("/").setHttpOnly(true)
        .setSameSite(CookieSameSite.LAX).setSecure(overTls(ctx)).setMaxAge(0));
  }

  /** The cookie's value on the request, or null. */
  public static String read(RoutingContext ctx, String name) {
    Cookie cookie = ctx.request().getCookie(name);
    return cookie == null || cookie.getValue().isEmpty() ? null : cookie.getValue();
  }
}
