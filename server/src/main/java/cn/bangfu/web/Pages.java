package cn.bangfu.web;

import cn.bangfu.identity.Principal;
import cn.bangfu.identity.Role;
import cn.bangfu.platform.Csrf;
import cn.bangfu.platform.PageCookies;
import cn.bangfu.platform.PageProblems;
import cn.bangfu.platform.Problem;
import cn.bangfu.platform.WebPages;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Route registration for the pages for people (issue 15), as {@link cn.bangfu.platform.Api} is for the
 * API: each page declares the roles that may open it; the session, the role and, on every POST, the
 * form's CSRF token are checked here, once, for all of them. A page refused is a Chinese page (see
 * {@link PageProblems}): 401 to sign in (or "登录已过期"), 403 for another role's page, also when its
 * address is typed by hand. Pages call the capabilities' services with the signed-in {@link Principal},
 * so the API's scopes apply unchanged.
 */
public final class Pages {
  /** A cookie set before sign-in, so the sign-in form (and other anonymous forms) carry a CSRF token too. */
  public static final String FORM_COOKIE = "bangfu_form";

  /** One page route: the table tests walk (pages are not API operations; OpenApiDocumentTest leaves them out). */
  public record PageSpec(HttpMethod method, String path, Set<Role> roles) {
    public boolean isPublic() {
      return roles.isEmpty();
    }
  }

  /** A request to a page: who asks (null on an anonymous page when nobody is signed in) and the token its forms carry. */
  public record Visit(RoutingContext ctx, Principal caller, String csrf) {
    /** A field of the posted form, or null. */
    public String form(String name) {
      return ctx.request().getFormAttribute(name);
    }
  }

  /** What a page answers: HTML with a status, or a redirect (303 after a form). */
  public record Page(int status, String html, String location) {
    public static Page ok(String html) {
      return new Page(200, html, null);
    }

    public static Page of(int status, String html) {
      return new Page(status, html, null);
    }

    public static Page redirect(String location) {
      return new Page(303, null, location);
    }
  }

  @FunctionalInterface
  public interface Handler {
    Future<Page> handle(Visit visit);
  }

  private final Router router;
  private final WebSessions sessions;
  private final Csrf csrf;
  private final WebPages templates;
  private final List<PageSpec> specs = new ArrayList<>();

  public Pages(Router router, WebSessions sessions, Csrf csrf, WebPages templates) {
    this.router = router;
    this.sessions = sessions;
    this.csrf = csrf;
    this.templates = templates;
  }

  /** A page for signed-in users of {@code roles}. */
  public void signedIn(HttpMethod method, String path, Set<Role> roles, Handler handler) {
    if (roles.isEmpty()) {
      throw new IllegalArgumentException(path + ": a signed-in page must name its roles");
    }
    Set<Role> allowed = Collections.unmodifiableSet(EnumSet.copyOf(roles));
    specs.add(new PageSpec(method, path, allowed));
    router.route(method, path).handler(ctx -> {
      String cookie = PageCookies.read(ctx, WebSessions.COOKIE);
      answer(ctx, sessions.find(cookie).compose(found -> admitted(ctx, found, allowed, path))
          .compose(caller -> checked(ctx, "session:" + cookie, handler, caller)));
    });
  }

  /** What a reading page's request asked, taken on the event loop before its read goes to a worker. */
  public record Asked(io.vertx.core.MultiMap query, java.time.LocalDate today) {
  }

  /** A page's read, made on the worker and connection of the session look-up. */
  @FunctionalInterface
  public interface Read<T> {
    T read(org.jooq.DSLContext db, Principal caller, Asked asked);
  }

  /** The page made from its read. */
  @FunctionalInterface
  public interface Show<T> {
    Future<Page> show(Visit visit, T read);
  }

  /**
   * A signed-in GET page whose data is one read: the session look-up and the read run in one trip to a
   * worker on one connection (issue 15: the household page's p99 ≤ 20 ms; two trips queue twice behind
   * the other requests). The read runs only for a live session of an allowed role; refusals are those of
   * {@link #signedIn}.
   */
  public <T> void signedInReading(String path, Set<Role> roles, Read<T> read, Show<T> show) {
    Set<Role> allowed = Collections.unmodifiableSet(EnumSet.copyOf(roles));
    specs.add(new PageSpec(HttpMethod.GET, path, allowed));
    router.route(HttpMethod.GET, path).handler(ctx -> {
      String cookie = PageCookies.read(ctx, WebSessions.COOKIE);
      Asked asked = new Asked(ctx.queryParams(), cn.bangfu.platform.BusinessClock.of(ctx).today());
      answer(ctx, sessions.findThen(cookie, (db, found) -> found instanceof WebSessions.Active active
          && allowed.contains(active.principal().role()) ? read.read(db, active.principal(), asked) : null)
          .compose(both -> admitted(ctx, both.found(), allowed, path).compose(caller -> {
            try {
              return show.show(new Visit(ctx, caller, csrf.token("session:" + cookie)), both.read());
            } catch (RuntimeException e) {
              return Future.failedFuture(e);
            }
          })));
    });
  }

  /**
   * A page anyone may open (the sign-in form). Its caller is the signed-in user if there is one, else
   * null; its forms are bound to a form cookie set here when the browser has none.
   */
  public void anonymous(HttpMethod method, String path, Handler handler) {
    specs.add(new PageSpec(method, path, Set.of()));
    router.route(method, path).handler(ctx -> {
      String cookie = PageCookies.read(ctx, WebSessions.COOKIE);
      answer(ctx, sessions.find(cookie).compose(found -> {
        Principal caller = found instanceof WebSessions.Active active ? active.principal() : null;
        String form = PageCookies.read(ctx, FORM_COOKIE);
        if (form == null) {
          form = PageCookies.randomValue();
          PageCookies.set(ctx, FORM_COOKIE, form);
        }
        return checked(ctx, "form:" + form, handler, caller);
      }));
    });
  }

  /** The session's user when it may open the page; else the refusal (sign in, signed out by expiry, another role's page). */
  private static Future<Principal> admitted(RoutingContext ctx, WebSessions.Found found, Set<Role> allowed, String path) {
    if (found instanceof WebSessions.Expired) {
      PageCookies.clear(ctx, WebSessions.COOKIE);
      return Future.failedFuture(new Problem(401, PageProblems.SESSION_EXPIRED, "Session expired",
          "the session has expired; sign in again", null));
    }
    if (!(found instanceof WebSessions.Active active)) {
      return Future.failedFuture(Problem.unauthorized("sign in first"));
    }
    if (!allowed.contains(active.principal().role())) {
      return Future.failedFuture(Problem.forbidden("role " + active.principal().role() + " may not open " + path));
    }
    return Future.succeededFuture(active.principal());
  }

  /** Every POST must carry the token of the cookie its form was served with; GETs change nothing. */
  private Future<Page> checked(RoutingContext ctx, String binding, Handler handler, Principal caller) {
    if (ctx.request().method() == HttpMethod.POST && !csrf.valid(binding, ctx.request().getFormAttribute(Csrf.FIELD))) {
      return Future.failedFuture(new Problem(403, PageProblems.STALE_FORM, "Stale form",
          "the form's CSRF token is missing or wrong", Csrf.FIELD));
    }
    try {
      return handler.handle(new Visit(ctx, caller, csrf.token(binding)));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private static void answer(RoutingContext ctx, Future<Page> page) {
    page.onComplete(done -> {
      if (done.failed()) {
        ctx.fail(done.cause());
        return;
      }
      if (ctx.response().ended() || ctx.response().closed()) {
        return;
      }
      Page p = done.result();
      if (p.location() != null) {
        ctx.response().setStatusCode(p.status()).putHeader("Location", p.location()).end();
      } else {
        ctx.response().setStatusCode(p.status()).putHeader("Content-Type", "text/html; charset=utf-8").end(p.html());
      }
    });
  }

  /** Renders a template of src/main/jte with its parameters. */
  public String render(String template, Map<String, Object> params) {
    return templates.render(template, params);
  }

  public List<PageSpec> routes() {
    return List.copyOf(specs);
  }
}
