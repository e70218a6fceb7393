package cn.bangfu.identity;

import cn.bangfu.platform.Api;
import cn.bangfu.platform.Body;
import cn.bangfu.platform.Problem;
import cn.bangfu.platform.RateLimit;
import cn.bangfu.platform.Reply;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.regex.Pattern;

/** POST /auth/token, POST /users and PATCH /users/{id} (disable or enable). */
public final class IdentityRoutes {
  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.@-]{3,64}");
  private static final Pattern REGION_PREFIX = Pattern.compile("[0-9]{2,12}");

  private IdentityRoutes() {
  }

  public static void mount(Api<Principal> api, IdentityService identity) {
    // Sign-in limits itself (failed attempts per account and per address), not by the anonymous-write limit.
    api.publicRouteWithOwnLimit(HttpMethod.POST, "/auth/token", ctx -> {
      Body body = Body.of(ctx);
      String username = body.text("username", 64);
      String password = body.text("password", 200);
      return identity.signIn(username, password, RateLimit.clientAddress(ctx)).map(signedIn -> Reply.ok(new JsonObject()
          .put("token", signedIn.token().token())
          .put("role", signedIn.principal().role().name())
          .put("scopeId", signedIn.principal().scopeId())
          .put("expiresAt", signedIn.token().expiresAt().toString())));
    });

    api.route(HttpMethod.POST, "/users", Set.of(Role.ADMIN), (ctx, caller) -> {
      Body body = Body.of(ctx);
      String username = body.text("username", 64);
      if (!USERNAME.matcher(username).matches()) {
        throw Problem.badRequest("username", "username must be 3-64 letters, digits or _ . @ -");
      }
      String password = body.text("password", PasswordPolicy.MAX_LENGTH);
      Role role = body.enumValue("role", Role.class);
      String scopeId = scopeOf(body, role);
      return identity.createUser(username, password, role, scopeId).map(user -> Reply.created(new JsonObject()
          .put("id", Long.toString(user.userId()))
          .put("username", user.username())
          .put("role", user.role().name())
          .put("scopeId", user.scopeId())));
    });

    api.route(HttpMethod.PATCH, "/users/:id", Set.of(Role.ADMIN), (ctx, caller) -> {
      long userId = Api.pathId(ctx, "id", "user");
      Object disabled = Body.of(ctx).json().getValue("disabled");
      if (!(disabled instanceof Boolean flag)) {
        throw Problem.badRequest("disabled", "disabled must be true or false");
      }
      return identity.setDisabled(caller, userId, flag).map(view -> Reply.ok(new JsonObject()
          .put("id", Long.toString(view.user().userId()))
          .put("username", view.user().username())
          .put("role", view.user().role().name())
          .put("scopeId", view.user().scopeId())
          .put("disabled", view.disabled())));
    });
  }

  private static String scopeOf(Body body, Role role) {
    switch (role) {
      case ADMIN:
        return null;
      case REGULATOR: {
        String prefix = body.text("scopeId", 12);
        if (!REGION_PREFIX.matcher(prefix).matches()) {
          throw Problem.badRequest("scopeId", "a REGULATOR's scopeId is a region-code prefix of 2-12 digits");
        }
        return prefix;
      }
      default:
        return Long.toString(body.id("scopeId"));
    }
  }
}
