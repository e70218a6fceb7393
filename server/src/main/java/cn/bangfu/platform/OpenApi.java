package cn.bangfu.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenAPI 3.1 description at {@code GET /api/v1/openapi.json} and Swagger UI at {@code /api/docs}.
 *
 * <p>The route table of {@link Api} is the one source of paths, methods and roles: the document's
 * {@code paths}, path parameters, {@code security}, {@code x-roles} and the problems a route can give
 * (401/403 when signed-in, 404 with an id in the path, 413/415 with a body, 429 for anonymous writes)
 * are made from it. The human part (summaries, descriptions, request bodies, examples, query
 * parameters, the route's own 409/422) sits in one readable file, {@value #DESCRIPTIONS}, under
 * {@code x-operations} keyed by "METHOD /api/v1/path/{param}" (the route table's path, parameters
 * written the OpenAPI way).
 * A route without a description is still served (marked {@code x-undocumented}) and a description
 * without a route is dropped; OpenApiDocumentTest fails on either, so drift is caught by the build
 * rather than at start.
 */
public final class OpenApi {
  private static final Logger LOG = LoggerFactory.getLogger(OpenApi.class);

  public static final String DESCRIPTIONS = "openapi/ledger-api.yaml";
  public static final String DOCUMENT_PATH = Api.PREFIX + "/openapi.json";
  public static final String UI_PATH = "/api/docs";
  /** The UI's own start script (ours, served from 'self' so the Content-Security-Policy stays strict). */
  static final String INITIALIZER = "openapi/swagger-initializer.js";
  private static final String WEBJAR_PROPERTIES = "META-INF/maven/org.webjars/swagger-ui/pom.properties";
  private static final Pattern PATH_PARAMETER = Pattern.compile(":([A-Za-z][A-Za-z0-9]*)");

  private OpenApi() {
  }

  /**
   * Mounts the document and the UI. Call after every capability has mounted its routes: the document
   * is built once, here, from the table as it is then (it includes its own route).
   */
  public static void mount(Api<?> api) {
    JsonObject descriptions = descriptions();
    Buffer[] document = new Buffer[1];
    api.publicRoute(HttpMethod.GET, DOCUMENT_PATH, ctx -> Future.succeededFuture(
        new Reply(200, "application/json", document[0])));
    JsonObject built = build(descriptions, api.routes());
    JsonArray undocumented = built.getJsonArray("x-undocumented");
    if (undocumented != null) {
      LOG.warn("routes without a description in {}: {}", DESCRIPTIONS, undocumented);
    }
    document[0] = built.toBuffer();
    mountUi(api.router());
  }

  /** The descriptions file, YAML read as JSON (Jackson's YAML parser: the one the rule files use). */
  public static JsonObject descriptions() {
    try (InputStream in = resource(DESCRIPTIONS)) {
      @SuppressWarnings("unchecked")
      Map<String, Object> tree = new ObjectMapper(new YAMLFactory()).readValue(in, Map.class);
      return new JsonObject(tree);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + DESCRIPTIONS, e);
    }
  }

  /** The document: the descriptions file with {@code paths} made from the route table. */
  public static JsonObject build(JsonObject descriptions, List<Api.RouteSpec> routes) {
    JsonObject document = descriptions.copy();
    JsonObject operations = (JsonObject) document.remove("x-operations");
    JsonObject paths = new JsonObject();
    Set<String> undocumented = new TreeSet<>();
    for (Api.RouteSpec route : routes) {
      String key = key(route);
      JsonObject described = operations == null ? null : operations.getJsonObject(key);
      if (described == null) {
        undocumented.add(key);
      }
      JsonObject item = paths.getJsonObject(template(route.path()));
      if (item == null) {
        item = new JsonObject();
        paths.put(template(route.path()), item);
      }
      item.put(route.method().name().toLowerCase(java.util.Locale.ROOT), operation(route, described));
    }
    document.put("paths", paths);
    if (!undocumented.isEmpty()) {
      document.put("x-undocumented", new JsonArray(new ArrayList<>(undocumented)));
    }
    return document;
  }

  /** How the descriptions file names a route: "POST /api/v1/orders/{id}/confirm". */
  public static String key(Api.RouteSpec route) {
    return route.method().name() + " " + template(route.path());
  }

  /** "/api/v1/orders/:id/confirm" → "/api/v1/orders/{id}/confirm". */
  public static String template(String routePath) {
    return PATH_PARAMETER.matcher(routePath).replaceAll("{$1}");
  }

  private static JsonObject operation(Api.RouteSpec route, JsonObject described) {
    JsonObject op = described == null
        ? new JsonObject().put("summary", route.method() + " " + route.path()).put("x-undocumented", true)
        : described.copy();
    JsonArray problems = (JsonArray) op.remove("x-problems");
    op.put("operationId", operationId(route));
    JsonArray parameters = new JsonArray();
    Matcher m = PATH_PARAMETER.matcher(route.path());
    while (m.find()) {
      String name = m.group(1);
      boolean id = !name.equals("prefix");
      parameters.add(new JsonObject().put("name", name).put("in", "path").put("required", true)
          .put("description", id ? "an id (decimal digits)" : "a region-code prefix (2 to 12 digits)")
          .put("schema", new JsonObject().put("$ref", "#/components/schemas/" + (id ? "Id" : "RegionPrefix")))
          .put("example", id ? "7423911825143808" : "522626"));
    }
    JsonArray own = op.getJsonArray("parameters");
    if (own != null) {
      parameters.addAll(own);
    }
    if (!parameters.isEmpty()) {
      op.put("parameters", parameters);
    }
    // the roles, machine-readable, and the security requirement they imply
    List<String> roles = route.roles().stream().map(Enum::name).sorted().toList();
    op.put("x-roles", new JsonArray(new ArrayList<>(roles)));
    op.put("security", route.isPublic() ? new JsonArray()
        : new JsonArray().add(new JsonObject().put("bearerToken", new JsonArray())));
    // shown in Swagger UI, which does not display extensions
    String who = route.isPublic() ? "Public: no token needed." : "Roles: " + String.join(", ", roles) + ".";
    op.put("description", (op.getString("description", "") + "\n\n" + who).strip());
    JsonObject responses = op.getJsonObject("responses", new JsonObject()).copy();
    if (responses.isEmpty()) {
      responses.put("200", new JsonObject().put("description", "OK"));
    }
    for (int status : problemStatuses(route, problems)) {
      responses.put(String.valueOf(status), new JsonObject().put("$ref", "#/components/responses/Problem" + status));
    }
    op.put("responses", responses);
    return op;
  }

  /** The problems a route can answer: the ones its shape implies plus the ones its description names. */
  static Set<Integer> problemStatuses(Api.RouteSpec route, JsonArray own) {
    Set<Integer> statuses = new TreeSet<>();
    statuses.add(400); // every route: malformed query or path escapes (RequestTarget), bad parameters
    boolean write = !route.method().equals(HttpMethod.GET) && !route.method().equals(HttpMethod.HEAD);
    if (!route.isPublic()) {
      statuses.add(401);
      statuses.add(403);
    }
    if (route.path().contains("/:")) {
      statuses.add(404);
    }
    if (write) {
      statuses.add(413);
      statuses.add(415);
      if (route.isPublic()) {
        statuses.add(429); // the anonymous-write limit, or sign-in's own throttle
      }
    }
    if (own != null) {
      own.forEach(s -> statuses.add(((Number) s).intValue()));
    }
    return statuses;
  }

  /** "POST /api/v1/orders/:id/confirm" → "postOrdersIdConfirm": stable, unique per route. */
  static String operationId(Api.RouteSpec route) {
    StringBuilder id = new StringBuilder(route.method().name().toLowerCase(java.util.Locale.ROOT));
    String rest = route.path().startsWith(Api.PREFIX) ? route.path().substring(Api.PREFIX.length()) : route.path();
    for (String word : rest.split("[^A-Za-z0-9]+")) {
      if (!word.isEmpty()) {
        id.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
      }
    }
    return id.toString();
  }

  /**
   * Swagger UI from its webjar. Its index.html loads only files (no inline script), and the one file
   * that must differ, the initializer naming our document, is ours; so the strict
   * Content-Security-Policy of {@link SecurityHeaders} holds on these pages too. No webjars locator:
   * the version is read from the webjar's own pom.properties, one small file.
   */
  static void mountUi(Router router) {
    String root = "META-INF/resources/webjars/swagger-ui/" + webjarVersion();
    Buffer initializer = Buffer.buffer(read(INITIALIZER));
    // relative links in the UI's index.html need the trailing slash (Vert.x matches this route with
    // and without it, so only the bare path is redirected)
    router.get(UI_PATH).handler(ctx -> {
      if (ctx.request().path().endsWith("/")) {
        ctx.next();
      } else {
        ctx.redirect(UI_PATH + "/");
      }
    });
    router.get(UI_PATH + "/swagger-initializer.js").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/javascript; charset=utf-8").end(initializer));
    // caching off: the header policy (Cache-Control: no-store) stays the same on every answer
    router.get(UI_PATH + "/*").handler(StaticHandler.create(root).setCachingEnabled(false)
        .setDirectoryListing(false).setIndexPage("index.html"));
  }

  static String webjarVersion() {
    Properties properties = new Properties();
    try (InputStream in = resource(WEBJAR_PROPERTIES)) {
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties.getProperty("version");
  }

  private static byte[] read(String name) {
    try (InputStream in = resource(name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream resource(String name) {
    InputStream in = OpenApi.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("missing resource " + name);
    }
    return in;
  }

  /** For tests: the operations the descriptions file names ("METHOD /path"). */
  public static Set<String> describedOperations() {
    JsonObject operations = descriptions().getJsonObject("x-operations", new JsonObject());
    return new TreeSet<>(operations.fieldNames());
  }
}
