package cn.bangfu.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.bangfu.support.Http;
import cn.bangfu.support.RawHttp;
import cn.bangfu.support.TestServer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.openapi.contract.OpenAPIVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI 3.1 document at GET /api/v1/openapi.json (issue 18, point 4) and Swagger UI at /api/docs.
 * The route table of {@link Api} is walked, as AuthorizationMatrixTest does, and compared with the
 * served document both ways, roles included; the Vert.x router itself is walked too, so a route mounted
 * beside the table cannot go undescribed. The document is validated against the OpenAPI 3.1 schema.
 */
class OpenApiDocumentTest {
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
      "trace");
  static TestServer server;
  static RawHttp raw;
  static JsonObject document;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    raw = new RawHttp(server.server().port());
    Http.Response response = server.http.get(OpenApi.DOCUMENT_PATH, null);
    assertThat(response.status()).as(response.text()).isEqualTo(200);
    document = response.body();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** "GET /api/v1/orders/{id}" → its roles, for every route of the server's table. */
  private static Map<String, Set<String>> served() {
    Map<String, Set<String>> routes = new TreeMap<>();
    for (Api.RouteSpec spec : server.server().routes()) {
      Set<String> roles = new TreeSet<>();
      spec.roles().forEach(r -> roles.add(r.name()));
      routes.put(OpenApi.key(spec), roles);
    }
    return routes;
  }

  /** "GET /api/v1/orders/{id}" → the operation, for every operation of the served document. */
  private static Map<String, JsonObject> operations() {
    Map<String, JsonObject> ops = new TreeMap<>();
    JsonObject paths = document.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        if (METHODS.contains(method)) {
          ops.put(method.toUpperCase(java.util.Locale.ROOT) + " " + path, item.getJsonObject(method));
        }
      }
    }
    return ops;
  }

  @Test
  void the_document_is_public_json_and_declares_openapi_3_1() {
    Http.Response response = server.http.get(OpenApi.DOCUMENT_PATH, null);
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.contentType()).startsWith("application/json");
    assertThat(document.getString("openapi")).isEqualTo("3.1.0");
    assertThat(document.getJsonObject("info").getString("title")).contains("帮扶账本");
  }

  @Test
  void every_route_of_the_server_is_in_the_document_and_every_operation_of_the_document_is_a_route() {
    assertThat(operations().keySet()).containsExactlyInAnyOrderElementsOf(served().keySet());
  }

  @Test
  void every_operation_names_exactly_the_roles_of_its_route_and_public_ones_need_no_token() {
    List<String> mismatches = new ArrayList<>();
    Map<String, JsonObject> ops = operations();
    served().forEach((route, roles) -> {
      JsonObject op = ops.get(route);
      Set<String> documented = new TreeSet<>();
      op.getJsonArray("x-roles").forEach(r -> documented.add((String) r));
      if (!documented.equals(roles)) {
        mismatches.add(route + ": x-roles " + documented + " but the route admits " + roles);
      }
      JsonArray security = op.getJsonArray("security");
      boolean needsToken = security != null && !security.isEmpty()
          && security.getJsonObject(0).containsKey("bearerToken");
      if (needsToken == roles.isEmpty()) {
        mismatches.add(route + ": security " + security + " for roles " + roles);
      }
      if (!roles.isEmpty() && !op.getJsonObject("responses").fieldNames().containsAll(Set.of("401", "403"))) {
        mismatches.add(route + ": a signed-in route must list 401 and 403");
      }
    });
    assertThat(mismatches).isEmpty();
  }

  @Test
  void every_route_has_a_written_description_and_every_description_names_a_route() {
    assertThat(OpenApi.describedOperations()).containsExactlyInAnyOrderElementsOf(served().keySet());
    assertThat(document.containsKey("x-undocumented")).as("routes without a description: %s",
        document.getValue("x-undocumented")).isFalse();
    List<String> missing = new ArrayList<>();
    operations().forEach((route, op) -> {
      if (op.getString("summary", "").isBlank() || op.getJsonArray("tags", new JsonArray()).isEmpty()) {
        missing.add(route);
      }
    });
    assertThat(missing).as("operations without summary or tag").isEmpty();
  }

  @Test
  void given_a_route_added_without_a_description_then_the_document_marks_it_undocumented() {
    List<Api.RouteSpec> routes = new ArrayList<>(server.server().routes());
    routes.add(new Api.RouteSpec(HttpMethod.DELETE, "/api/v1/lots/:id", Set.of(cn.bangfu.identity.Role.COOP)));
    JsonObject built = OpenApi.build(OpenApi.descriptions(), routes);
    assertThat(built.getJsonArray("x-undocumented").getList()).containsExactly("DELETE /api/v1/lots/{id}");
    JsonObject delete = built.getJsonObject("paths").getJsonObject("/api/v1/lots/{id}").getJsonObject("delete");
    assertThat(delete.getJsonArray("x-roles").getList()).containsExactly("COOP");
  }

  @Test
  void nothing_is_mounted_on_the_router_outside_the_route_table_but_the_documentation_pages() {
    Set<String> described = operations().keySet();
    Set<String> pages = new TreeSet<>();
    server.server().pageRoutes().forEach(page -> pages.add(page.path()));
    assertThat(pages).allSatisfy(page -> assertThat(page).doesNotStartWith("/api/"));
    List<String> escaped = new ArrayList<>();
    for (Route route : server.server().router().getRoutes()) {
      String path = route.getPath();
      if (path == null || route.methods() == null || route.methods().isEmpty()) {
        continue; // the handlers every request passes through (headers, body, failures)
      }
      if (path.equals(OpenApi.UI_PATH) || path.startsWith(OpenApi.UI_PATH + "/")) {
        continue; // Swagger UI's files: pages, not operations
      }
      if (pages.contains(path)) {
        continue; // the pages for people (issue 15): HTML for browsers, in their own table, not API operations
      }
      for (HttpMethod method : route.methods()) {
        String key = method.name() + " " + OpenApi.template(path);
        if (!described.contains(key)) {
          escaped.add(key);
        }
      }
    }
    assertThat(escaped).as("routes on the router missing from the document").isEmpty();
  }

  @Test
  void the_document_is_valid_openapi_3_1_with_unique_operation_ids_and_declared_path_parameters() throws Exception {
    // The official OpenAPI 3.1 JSON Schema, as shipped and applied by vertx-openapi (its contract loader
    // itself is not used: it accepts only the media types its router can validate, not problem+json or CSV).
    io.vertx.core.Vertx vertx = server.server().vertx();
    OpenAPIVersion version = OpenAPIVersion.fromContract(document);
    assertThat(version).isEqualTo(OpenAPIVersion.V3_1);
    SchemaRepository repository = version.getRepository(vertx, "app:///").await(30, TimeUnit.SECONDS);
    OutputUnit result = version.validateContract(vertx, repository, document.copy()).await(30, TimeUnit.SECONDS);
    List<String> errors = new ArrayList<>();
    if (result.getErrors() != null) {
      result.getErrors().forEach(e -> errors.add(e.getInstanceLocation() + ": " + e.getError()));
    }
    assertThat(errors).as("OpenAPI 3.1 schema violations").isEmpty();
    assertThat(result.getValid()).isTrue();
    // every $ref points at something: resolving fails on one that does not (as the broken copy shows)
    assertThat(version.resolve(vertx, repository, document.copy()).await(30, TimeUnit.SECONDS)).isNotNull();
    JsonObject broken = document.copy();
    broken.getJsonObject("components").getJsonObject("schemas").put("Broken",
        new JsonObject().put("$ref", "#/components/schemas/NoSuchSchema"));
    SchemaRepository fresh = version.getRepository(vertx, "app:///").await(30, TimeUnit.SECONDS);
    assertThatThrownBy(() -> version.resolve(vertx, fresh, broken).await(30, TimeUnit.SECONDS))
        .hasMessageContaining("NoSuchSchema");
    Set<String> ids = new TreeSet<>();
    List<String> wrong = new ArrayList<>();
    Pattern parameter = Pattern.compile("\\{([^}]+)}");
    operations().forEach((route, op) -> {
      if (!ids.add(op.getString("operationId"))) {
        wrong.add(route + ": duplicate operationId " + op.getString("operationId"));
      }
      Set<String> declared = new TreeSet<>();
      for (Object p : op.getJsonArray("parameters", new JsonArray())) {
        JsonObject param = (JsonObject) p;
        if ("path".equals(param.getString("in"))) {
          declared.add(param.getString("name"));
        }
      }
      Set<String> inPath = new TreeSet<>();
      Matcher m = parameter.matcher(route);
      while (m.find()) {
        inPath.add(m.group(1));
      }
      if (!declared.equals(inPath)) {
        wrong.add(route + ": path parameters " + declared + " but the path has " + inPath);
      }
    });
    assertThat(wrong).isEmpty();
  }

  @Test
  void every_request_body_shows_an_example_and_every_write_that_takes_one_describes_it() {
    JsonObject bodies = document.getJsonObject("components").getJsonObject("requestBodies");
    List<String> wrong = new ArrayList<>();
    // the routes whose handlers read no body (DistributionRoutes: approve, post; BookRoutes: period close; lot close)
    Set<String> bodiless = Set.of("POST /api/v1/distributions/{id}/approve", "POST /api/v1/distributions/{id}/post",
        "POST /api/v1/cooperatives/{id}/periods/{year}/close", "POST /api/v1/lots/{id}/close");
    operations().forEach((route, op) -> {
      JsonObject body = op.getJsonObject("requestBody");
      boolean write = route.startsWith("POST ") || route.startsWith("PATCH ") || route.startsWith("PUT ");
      if (body == null) {
        if (write && !bodiless.contains(route)) {
          wrong.add(route + ": no requestBody");
        }
        return;
      }
      if (body.containsKey("$ref")) {
        body = bodies.getJsonObject(body.getString("$ref").substring("#/components/requestBodies/".length()));
      }
      JsonObject json = body.getJsonObject("content").getJsonObject("application/json");
      if (json == null || json.getValue("example") == null || json.getJsonObject("schema") == null) {
        wrong.add(route + ": the JSON body needs a schema and an example");
      }
    });
    assertThat(wrong).isEmpty();
  }

  @Test
  void the_examples_use_the_real_numbers_of_the_grape_cooperative() {
    JsonObject lot = operations().get("POST /api/v1/lots").getJsonObject("requestBody").getJsonObject("content")
        .getJsonObject("application/json").getJsonObject("example");
    assertThat(lot.getInteger("unitPriceFen")).isEqualTo(1200); // 12 元/公斤, integer fen
    JsonObject coop = operations().get("POST /api/v1/cooperatives").getJsonObject("requestBody")
        .getJsonObject("content").getJsonObject("application/json").getJsonObject("example");
    assertThat(coop.getString("uscc")).isEqualTo("93522626MA6CF00013");
    assertThat(cn.bangfu.registry.Uscc.problemWith(coop.getString("uscc"))).isNull();
    assertThat(coop.getString("regionCode")).isEqualTo("522626100201");
  }

  @Test
  void problems_share_one_rfc_9457_schema_and_each_route_lists_the_ones_it_can_give() {
    JsonObject components = document.getJsonObject("components");
    JsonObject problem = components.getJsonObject("schemas").getJsonObject("Problem");
    assertThat(problem.getJsonObject("properties").fieldNames())
        .contains("type", "title", "status", "detail", "field", "instance");
    JsonObject responses = components.getJsonObject("responses");
    for (int status : new int[] {400, 401, 403, 404, 409, 413, 415, 422, 429}) {
      JsonObject content = responses.getJsonObject("Problem" + status).getJsonObject("content")
          .getJsonObject("application/problem+json");
      assertThat(content.getJsonObject("schema").getString("$ref")).isEqualTo("#/components/schemas/Problem");
    }
    Map<String, JsonObject> ops = operations();
    assertThat(ops.get("POST /api/v1/orders").getJsonObject("responses").fieldNames())
        .contains("201", "400", "401", "403", "409", "413", "415", "422");
    assertThat(ops.get("GET /api/v1/orders/{id}").getJsonObject("responses").fieldNames()).contains("404");
    assertThat(ops.get("POST /api/v1/distributions/{id}/objections").getJsonObject("responses").fieldNames())
        .contains("429", "404").doesNotContain("403");
    assertThat(ops.get("POST /api/v1/auth/token").getJsonObject("responses").fieldNames()).contains("429");
  }

  @Test
  void swagger_ui_is_served_from_its_webjar_pointing_at_the_document_under_the_strict_policy() {
    RawHttp.Response bare = raw.get(OpenApi.UI_PATH, Map.of());
    assertThat(bare.status()).isEqualTo(302);
    assertThat(bare.header("Location")).isEqualTo(OpenApi.UI_PATH + "/");

    RawHttp.Response index = raw.get(OpenApi.UI_PATH + "/", Map.of());
    assertThat(index.status()).isEqualTo(200);
    assertThat(index.header("Content-Type")).startsWith("text/html");
    assertThat(index.text()).contains("swagger-initializer.js").contains("swagger-ui-bundle.js");
    // every script of the page is a file: the policy allows no inline script
    assertThat(Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>").matcher(index.text()).find()).isFalse();
    assertThat(index.header("Content-Security-Policy")).isEqualTo(SecurityHeaders.CONTENT_SECURITY_POLICY)
        .doesNotContain("unsafe-inline");
    assertThat(index.header("Cache-Control")).isEqualTo("no-store");

    RawHttp.Response initializer = raw.get(OpenApi.UI_PATH + "/swagger-initializer.js", Map.of());
    assertThat(initializer.status()).isEqualTo(200);
    assertThat(initializer.header("Content-Type")).startsWith("text/javascript");
    assertThat(initializer.text()).contains("\"" + OpenApi.DOCUMENT_PATH + "\"").doesNotContain("petstore");

    RawHttp.Response bundle = raw.get(OpenApi.UI_PATH + "/swagger-ui-bundle.js", Map.of());
    assertThat(bundle.status()).isEqualTo(200);
    assertThat(bundle.text().length()).isGreaterThan(100_000);
    assertThat(bundle.header("Content-Security-Policy")).isEqualTo(SecurityHeaders.CONTENT_SECURITY_POLICY);

    RawHttp.Response missing = raw.get(OpenApi.UI_PATH + "/no-such-file.js", Map.of());
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.isProblem()).isTrue();
  }
}
