package cn.bangfu.web;

import cn.bangfu.identity.IdentityService;
import cn.bangfu.identity.Principal;
import cn.bangfu.identity.Role;
import cn.bangfu.platform.PageCookies;
import cn.bangfu.platform.Problem;
import cn.bangfu.platform.RateLimit;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * GET/POST /login, POST /logout, / and the consoles still to come (issue 15). Sign-in goes through the
 * API's {@link IdentityService#signIn}, so the same passwords, disabled users and sign-in throttle apply;
 * a wrong password shows the form again with a Chinese message beside it and the name kept.
 */
public final class SignInPages {
  /** Where each role lands after sign-in. */
  public static final Map<Role, String> LANDING = Map.of(Role.HOUSEHOLD, "/household", Role.COOP, "/coop",
      Role.BUYER, "/buyer", Role.REGULATOR, "/regulator", Role.ADMIN, "/admin");
  /** The consoles of the other roles, named on their placeholder page until they are built. */
  private static final Map<Role, String> CONSOLES = Map.of(Role.ADMIN, "系统管理");
  private static final int MAX_NAME = 64;
  private static final int MAX_PASSWORD = 200;

  private SignInPages() {
  }

  public static void mount(Pages pages, IdentityService identity, WebSessions sessions) {
    pages.anonymous(HttpMethod.GET, "/", visit -> Future.succeededFuture(start(visit.caller())));
    pages.anonymous(HttpMethod.GET, "/login", visit -> {
      if (visit.caller() != null) {
        return Future.succeededFuture(Pages.Page.redirect(LANDING.get(visit.caller().role())));
      }
      String notice = visit.ctx().queryParams().contains("out") ? "您已退出登录。" : null;
      return Future.succeededFuture(Pages.Page.ok(form(pages, visit.csrf(), "", null, notice)));
    });
    pages.anonymous(HttpMethod.POST, "/login", visit -> {
      String username = text(visit.form("username"), MAX_NAME);
      String password = text(visit.form("password"), MAX_PASSWORD);
      if (username.isEmpty() || password.isEmpty()) {
        return Future.succeededFuture(Pages.Page.of(400, form(pages, visit.csrf(), username,
            username.isEmpty() ? "请填写用户名。" : "请填写密码。", null)));
      }
      return identity.signIn(username, password, RateLimit.clientAddress(visit.ctx()))
          .compose(signedIn -> sessions.open(signedIn.principal()).map(cookie -> {
            PageCookies.set(visit.ctx(), WebSessions.COOKIE, cookie);
            return Pages.Page.redirect(LANDING.get(signedIn.principal().role()));
          }))
          .recover(failure -> {
            if (failure instanceof Problem p && (p.status() == 401 || p.status() == 429)) {
              String message = p.status() == 401 ? "用户名或密码不对，请再试一次。"
                  : "尝试次数太多，请等 " + p.retryAfterSeconds() + " 秒后再试。";
              if (p.status() == 429) {
                visit.ctx().response().putHeader("Retry-After", Long.toString(p.retryAfterSeconds()));
              }
              return Future.succeededFuture(Pages.Page.of(p.status(), form(pages, visit.csrf(), username, message, null)));
            }
            return Future.failedFuture(failure);
          });
    });
    pages.signedIn(HttpMethod.POST, "/logout", EnumSet.allOf(Role.class), visit ->
        sessions.close(PageCookies.read(visit.ctx(), WebSessions.COOKIE)).map(done -> {
          PageCookies.clear(visit.ctx(), WebSessions.COOKIE);
          return Pages.Page.redirect("/login?out");
        }));
    CONSOLES.forEach((role, name) -> pages.signedIn(HttpMethod.GET, LANDING.get(role), Set.of(role), visit -> {
      Map<String, Object> params = new HashMap<>();
      params.put("console", name);
      params.put("user", visit.caller().username());
      params.put("csrf", visit.csrf());
      return Future.succeededFuture(Pages.Page.ok(pages.render("console.jte", params)));
    }));
  }

  /** The start page: a signed-in user's own page, else the sign-in form. */
  private static Pages.Page start(Principal caller) {
    return Pages.Page.redirect(caller == null ? "/login" : LANDING.get(caller.role()));
  }

  private static String form(Pages pages, String csrf, String username, String error, String notice) {
    Map<String, Object> params = new HashMap<>();
    params.put("csrf", csrf);
    params.put("username", username);
    params.put("error", error);
    params.put("notice", notice);
    return pages.render("login.jte", params);
  }

  private static String text(String value, int max) {
    if (value == null) {
      return "";
    }
    String stripped = value.strip();
    return stripped.length() > max ? stripped.substring(0, max) : stripped;
  }
}
