package cn.bangfu.platform;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Set;

/**
 * Keeps form bodies away from vertx-web's BodyHandler where they do not belong. BodyHandler decodes
 * any form or multipart body it sees: a malformed escape in a urlencoded body threw
 * ErrorDataDecoderException, and a GET declaring a form type threw IllegalStateException ("method must
 * be one of POST, PUT, PATCH or DELETE"), both 500s (found by the malformed-request fuzz suite). The
 * API reads JSON only, so under /api/ a form is refused as 415 before anything decodes it; elsewhere
 * (the sign-in and other forms of DESIGN 8.2 to come) only a form on a method without a body is refused.
 */
public final class FormBodies implements io.vertx.core.Handler<RoutingContext> {
  private static final Set<HttpMethod> WITH_BODY = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
      HttpMethod.DELETE);

  @Override
  public void handle(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    String lower = type == null ? "" : type.strip().toLowerCase(Locale.ROOT);
    if (lower.startsWith("multipart/") || lower.startsWith("application/x-www-form-urlencoded")) {
      if (ctx.request().path().startsWith(Api.PREFIX + "/")) {
        ctx.fail(new Problem(415, "unsupported-media-type", "Unsupported media type",
            "the API reads application/json bodies only", "Content-Type"));
        return;
      }
      if (!WITH_BODY.contains(ctx.request().method())) {
        ctx.fail(Problem.badRequest("Content-Type", ctx.request().method() + " requests carry no form"));
        return;
      }
    }
    ctx.next();
  }
}
