package cn.bangfu.platform;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Supplier;

/**
 * Checks the percent-encoding of the request's path and query before any route decodes them
 * (issue 12, finding 5). Vert.x decodes path parameters while matching routes and the query on the
 * first {@code queryParams()} call; a malformed escape such as {@code %zz} throws
 * IllegalArgumentException there, which reached the failure handler as a 500. Here it is a 400
 * problem naming the parameter: the path parameter of the route the path would match (e.g.
 * {@code id}), or the query parameter whose name or value is broken.
 */
public final class RequestTarget implements Handler<RoutingContext> {
  private final Supplier<List<Api.RouteSpec>> routes;

  public RequestTarget(Supplier<List<Api.RouteSpec>> routes) {
    this.routes = routes;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String path = ctx.request().path();
    if (path != null && !isWellEscaped(path)) {
      String[] segments = path.split("/", -1);
      for (int i = 0; i < segments.length; i++) {
        if (!isWellEscaped(segments[i])) {
          String name = pathParameter(segments, i);
          ctx.fail(Problem.badRequest(name, (name.equals("path") ? "the path" : name)
              + " is not validly percent-encoded (each % must be followed by two hex digits)"));
          return;
        }
      }
    }
    String query = ctx.request().query();
    if (query != null && !isWellEscaped(query)) {
      for (String component : query.split("[&;]")) {
        if (!isWellEscaped(component)) {
          int equals = component.indexOf('=');
          String name = equals < 0 ? component : component.substring(0, equals);
          String field = isWellEscaped(name) ? decodeLoosely(name) : name;
          ctx.fail(Problem.badRequest(field, "query parameter " + field
              + " is not validly percent-encoded (each % must be followed by two hex digits)"));
          return;
        }
      }
    }
    ctx.next();
  }

  /** The name of the route parameter at segment {@code index} of a path some route would match, else "path". */
  private String pathParameter(String[] segments, int index) {
    for (Api.RouteSpec spec : routes.get()) {
      String[] template = spec.path().split("/", -1);
      if (template.length != segments.length || !template[index].startsWith(":")) {
        continue;
      }
      boolean matches = true;
      for (int i = 0; i < template.length && matches; i++) {
        matches = template[i].startsWith(":") || template[i].equals(segments[i]);
      }
      if (matches) {
        return template[index].substring(1);
      }
    }
    return "path";
  }

  /** True when every '%' is followed by two hex digits: what the decoders of Vert.x and Netty accept. */
  static boolean isWellEscaped(String raw) {
    for (int i = raw.indexOf('%'); i >= 0; i = raw.indexOf('%', i + 1)) {
      if (i + 2 >= raw.length() || Character.digit(raw.charAt(i + 1), 16) < 0 || Character.digit(raw.charAt(i + 2), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  private static String decodeLoosely(String name) {
    return java.net.URLDecoder.decode(name, java.nio.charset.StandardCharsets.UTF_8);
  }
}
