package cn.bangfu.platform;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Route registration for every capability. Each route declares the roles that may call it; the
 * token check and the role check happen here, once, for all of them, and the declared table is
 * kept so tests can walk every route (nothing can be registered without an access rule).
 * Scope checks (which cooperative, which household) need data, so services make them (identity's
 * Scopes). The caller type {@code C} and its roles belong to identity: platform only sees them
 * through {@link Caller} and {@link Authentication}, so it depends on no capability.
 */
public final class Api<C extends Caller> {
  public static final String PREFIX = "/api/v1";

  /** Handler of a signed-in route: gets the verified caller, answers with a future reply. */
  @FunctionalInterface
  public interface Handler<C> {
    Future<Reply> handle(RoutingContext ctx, C caller);
  }

  /** Handler of a public route (no token). */
  @FunctionalInterface
  public interface PublicHandler {
    Future<Reply> handle(RoutingContext ctx);
  }

  public record RouteSpec(HttpMethod method, String path, Set<? extends Enum<?>> roles) {
    public boolean isPublic() {
      return roles.isEmpty();
    }
  }

  /**
   * Anonymous writes (today: objections to a publicity notice) per client address: this many at
   * once, then as many again spread over an hour. A village office filing its households'
   * objections from one address stays far below it; a script flooding a notice is stopped after it.
   */
  public static final long ANONYMOUS_WRITES = 50;

  private final Router router;
  private final Authentication<C> authenticator;
  private final List<RouteSpec> specs = new ArrayList<>();
  private final RateLimit anonymousWrites;

  /**
   * A router's routes counting anonymous writes against {@code anonymousWrites}: the server passes the
   * same limit to the router of every HTTP event loop, so an address gets the limit once, not once per core.
   */
  public Api(Router router, Authentication<C> authenticator, RateLimit anonymousWrites) {
    this.router = router;
    this.authenticator = authenticator;
    this.anonymousWrites = anonymousWrites;
  }

  /** The per-address limit of anonymous writes ({@link #ANONYMOUS_WRITES} at once, as many again per hour). */
  public static RateLimit anonymousWriteLimit() {
    return new RateLimit(ANONYMOUS_WRITES, java.time.Duration.ofHours(1));
  }

  public void route(HttpMethod method, String path, Set<? extends Enum<?>> roles, Handler<? super C> handler) {
    if (roles.isEmpty()) {
      throw new IllegalArgumentException(path + ": a signed-in route must name its roles");
    }
    Set<Enum<?>> allowed = Set.copyOf(roles);
    specs.add(new RouteSpec(method, PREFIX + path, allowed));
    router.route(method, PREFIX + path).handler(ctx -> {
      Future<Reply> reply = authenticator.authenticate(ctx.request().getHeader("Authorization"))
          .compose(caller -> {
            if (!allowed.contains(caller.role())) {
              return Future.failedFuture(
                  Problem.forbidden("role " + caller.role() + " may not call " + method + " " + PREFIX + path));
            }
            try {
              return handler.handle(ctx, caller);
            } catch (RuntimeException e) {
              return Future.failedFuture(e);
            }
          });
      answer(ctx, reply);
    });
  }

  /**
   * A route anyone may call without a token. Its writes (every method but GET and HEAD) made without a
   * valid token share one per-address limit, {@link #ANONYMOUS_WRITES} at once and as many again per
   * hour, checked before the handler runs, so no anonymous write route can be flooded and none has to
   * remember to opt in.
   */
  public void publicRoute(HttpMethod method, String path, PublicHandler handler) {
    boolean write = !method.equals(HttpMethod.GET) && !method.equals(HttpMethod.HEAD);
    publicRoute(method, path, handler, write ? anonymousWrites : null);
  }

  /**
   * A public write that limits itself, for sign-in: it counts failed attempts only (per account and
   * per address), so that a village office sharing one address is never slowed by its own
   * successful sign-ins, which the shared anonymous-write limit would count.
   */
  public void publicRouteWithOwnLimit(HttpMethod method, String path, PublicHandler handler) {
    publicRoute(method, path, handler, null);
  }

  private void publicRoute(HttpMethod method, String path, PublicHandler handler, RateLimit limit) {
    String full = path.startsWith("/api/") || !path.startsWith("/") || path.equals("/health") || path.equals("/metrics")
        ? path : PREFIX + path;
    specs.add(new RouteSpec(method, full, Set.of()));
    router.route(method, full).handler(ctx -> {
      Future<Reply> reply;
      try {
        reply = limit == null ? handler.handle(ctx) : signedIn(ctx).compose(accountable -> {
          long wait = accountable ? 0 : limit.take(RateLimit.clientAddress(ctx));
          return wait > 0
              ? Future.failedFuture(Problem.tooManyRequests(
                  "too many anonymous requests from your address; try again in " + wait + " s", wait))
              : handler.handle(ctx);
        });
      } catch (RuntimeException e) {
        reply = Future.failedFuture(e);
      }
      answer(ctx, reply);
    });
  }

  /**
   * Whether the request carries a valid token. A signed-in caller is accountable (its account can be
   * disabled) and is not counted against its address, so households objecting from a village office
   * that shares one address are not stopped by each other; a missing or invalid token counts.
   */
  private Future<Boolean> signedIn(RoutingContext ctx) {
    String authorization = ctx.request().getHeader("Authorization");
    return authorization == null ? Future.succeededFuture(false)
        : authenticator.authenticate(authorization).map(caller -> true).otherwise(false);
  }

  private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  private static void answer(RoutingContext ctx, Future<Reply> reply) {
    reply.onComplete(done -> {
      if (done.failed()) {
        ctx.fail(done.cause());
        return;
      }
      Reply r = done.result();
      if (ctx.response().ended() || ctx.response().closed()) {
        return;
      }
      if (r.contentType().startsWith("text/csv")) {
        // a file to save (payout list for the bank, notice for the village board), never shown inline
        ctx.response().putHeader("Content-Disposition", "attachment; filename=\"" + fileName(ctx.normalizedPath()) + ".csv\"");
      } else if (r.contentType().startsWith(XLSX)) {
        // a workbook for Excel or WPS (a statement, the monitoring export): saved, named after the path
        ctx.response().putHeader("Content-Disposition", "attachment; filename=\"" + fileName(ctx.normalizedPath()) + ".xlsx\"");
      }
      ctx.response().setStatusCode(r.status()).putHeader("Content-Type", r.contentType()).end(r.body());
    });
  }

  /** A file name from the request path: /api/v1/public/distributions/42/notice → distribution-42-notice. */
  static String fileName(String path) {
    String rest = path.startsWith(PREFIX + "/") ? path.substring(PREFIX.length() + 1) : path;
    rest = rest.replaceFirst("^public/", "").replace("distributions/", "distribution/");
    String name = rest.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", "");
    return name.isEmpty() ? "download" : name;
  }

  public List<RouteSpec> routes() {
    return List.copyOf(specs);
  }

  public Router router() {
    return router;
  }

  /** A path parameter that must be an id; a malformed one is a 404 (no such resource), not a 400. */
  public static long pathId(RoutingContext ctx, String name, String what) {
    String raw = ctx.pathParam(name);
    Long id = Body.parseId(raw);
    if (id == null) {
      throw Problem.notFound(what, String.valueOf(raw));
    }
    return id;
  }
}
