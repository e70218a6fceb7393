package cn.bangfu.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.platform.Api;
import cn.bangfu.reliability.FuzzTargets.Target;
import cn.bangfu.support.ClassServer;
import cn.bangfu.support.RawHttp;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fuzz suite, the part below the JSON body (issue 12, finding 5): every route of the server, read and
 * write, walked from its own route table, gets malformed URLs (bad percent-encoding in path and query,
 * bytes that are not UTF-8, an overlong path), odd query strings and malformed or oversized headers
 * (Authorization garbage, Content-Type and Idempotency-Key oddities, header syntax the HTTP parser
 * refuses). Sent over a raw socket: java.net.http refuses to send most of them.
 *
 * <p>Each answer must be a 4xx problem (or a 2xx where the oddity is harmless, e.g. an unused query
 * parameter on a read), never a 5xx, and carry the header policy; malformed escapes are exactly 400
 * naming the parameter, an overlong path 414, oversized headers 431. Writes carry an invalid body (or
 * a path id in the wrong state), so whatever the headers do, the database must end exactly as it began.
 */
class MalformedRequestFuzzTest {
  private static final String NO_SUCH_ID = "987654321987";
  @ClassServer static TestServer server;
  static FuzzWorld world;
  static RawHttp raw;

  @BeforeAll
  static void start() {
    world = new FuzzWorld(server);
    raw = new RawHttp(server.server().port());
  }

  /** One request; {@code exact} is the one right status, or 0 when any 2xx or 4xx problem is right. */
  record Probe(String route, String attack, String method, byte[] target, List<String> headers, byte[] body,
      int exact, String field) {
  }

  /** A route's request that is refused or harmless whatever its headers: what the attacks start from. */
  record Base(String method, String path, Map<String, String> params, String token, byte[] body) {
    String target(Map<String, String> replaced) {
      String out = path;
      for (Map.Entry<String, String> p : params.entrySet()) {
        out = out.replace(":" + p.getKey(), replaced.getOrDefault(p.getKey(), p.getValue()));
      }
      return out;
    }

    List<String> headers(String... extra) {
      List<String> lines = new ArrayList<>();
      if (token != null) {
        lines.add("Authorization: Bearer " + token);
      }
      if (!method.equals("GET")) {
        lines.add("Content-Type: application/json");
      }
      lines.addAll(List.of(extra));
      return lines;
    }
  }

  private static Base base(Api.RouteSpec spec, Map<String, Target> targets) {
    String method = spec.method().name();
    Target t = targets.get(method + " " + spec.path());
    Map<String, String> params = new TreeMap<>();
    for (String segment : spec.path().split("/")) {
      if (segment.startsWith(":")) {
        params.put(segment.substring(1), "1");
      }
    }
    String token = spec.isPublic() ? null : world.tokens.get(spec.roles().iterator().next());
    if (spec.path().endsWith("/alerts/stream")) {
      // an event stream admitted never ends, so it is probed with a role it refuses: the malformed URL and
      // header checks all run before the role check, and the refusal is a problem like any other
      token = world.tokens.get(cn.bangfu.identity.Role.HOUSEHOLD);
    }
    if (t == null) {
      return new Base(method, spec.path(), params, token, new byte[0]);
    }
    params.putAll(t.pathIds());
    token = t.caller() == null ? null : world.tokens.get(t.caller());
    JsonObject body = t.valid().copy();
    if (!t.fields().isEmpty()) {
      // an object where every field kind wants something else: each write refuses it with a 400
      body.put(t.fields().get(0).name(), new JsonObject());
    } else if (!t.wrongState().isEmpty()) {
      params.put("id", t.wrongState().get(0));
    } else {
      params.replaceAll((name, id) -> NO_SUCH_ID);
    }
    return new Base(method, spec.path(), params, token, body.encode().getBytes(StandardCharsets.UTF_8));
  }

  static List<Probe> probes(Api.RouteSpec spec, Base b) {
    String route = b.method() + " " + spec.path();
    List<Probe> probes = new ArrayList<>();
    String clean = b.target(Map.of());
    java.util.function.BiConsumer<String, byte[]> anyOf = (attack, target) ->
        probes.add(new Probe(route, attack, b.method(), target, b.headers(), b.body(), 0, null));

    // path: malformed escapes are 400 naming the parameter; escapes of bytes that are not UTF-8, raw bytes
    for (String param : b.params().keySet()) {
      for (String bad : List.of("%zz", "%", "1%2", "%G1", "%%", "%e")) {
        probes.add(new Probe(route, "path " + param + "=" + bad, b.method(), ascii(b.target(Map.of(param, bad))),
            b.headers(), b.body(), 400, param));
      }
      for (String odd : List.of("%C3%28", "%FF%FE", "%ED%A0%80", "%C0%AF", "..%2F..%2Fetc%2Fpasswd", "%00", "%E4%B8",
          "%F0%9F%8D%87", "%20", "1;x=2")) {
        anyOf.accept("path " + param + "=" + odd, ascii(b.target(Map.of(param, odd))));
      }
      ByteArrayOutputStream rawBytes = new ByteArrayOutputStream();
      String marked = b.target(Map.of(param, "\u0001"));
      rawBytes.writeBytes(ascii(marked.substring(0, marked.indexOf('\u0001'))));
      rawBytes.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xED, (byte) 0xA0, (byte) 0x80});
      rawBytes.writeBytes(ascii(marked.substring(marked.indexOf('\u0001') + 1)));
      anyOf.accept("path " + param + " raw bytes", rawBytes.toByteArray());
    }
    if (b.params().isEmpty()) {
      // exactly 400; the field names whichever route the broken path resembles (e.g. rule-sets/validate%zz → id)
      probes.add(new Probe(route, "path %zz", b.method(), ascii(clean + "%zz"), b.headers(), b.body(), 400, null));
    }
    probes.add(new Probe(route, "overlong path", b.method(), ascii(clean + "/" + "9".repeat(9_000)), b.headers(),
        b.body(), 414, null));

    // query: malformed escapes are 400 naming the parameter; decodable oddities are harmless or refused
    for (String[] bad : List.of(new String[] {"product=%zz", "product"}, new String[] {"%zz=1", "%zz"},
        new String[] {"year=%", "year"}, new String[] {"a=1&format=%e", "format"}, new String[] {"x=1;limit=%9", "limit"})) {
      probes.add(new Probe(route, "query " + bad[0], b.method(), ascii(clean + "?" + bad[0]), b.headers(), b.body(),
          400, bad[1]));
    }
    for (String odd : List.of("year=%FF%FE", "product=%C3%28", "&&&=&", "year=2026&year=1999", "limit=-1",
        "format=csv&format=json", "regionCode=%00", "asOf=9999-12-31", "year=1e3", "a=1&".repeat(400),
        "product=" + "%E8%91%A1".repeat(300))) {
      anyOf.accept("query " + odd.substring(0, Math.min(40, odd.length())), ascii(clean + "?" + odd));
    }

    // headers: garbage credentials, content types, idempotency keys
    List<String> authorizations = new ArrayList<>(List.of("Bearer %zz", "Bearer " + "A".repeat(6_000),
        "Bearer a.b.c", "Bearer 葡萄.葡萄.葡萄", "Bearer \u00ff\u00fe", "Basic " + Base64.getEncoder()
            .encodeToString(("admin:" + TestServer.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)),
        "Negotiate abc", ", , ,", "Bearer", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0."));
    if (b.token() != null) {
      authorizations.addAll(List.of("Bearer  " + b.token(), "Bearer " + b.token() + ".x", "bearer " + b.token()));
    }
    for (String authorization : authorizations) {
      List<String> headers = new ArrayList<>(b.headers());
      headers.removeIf(h -> h.startsWith("Authorization:"));
      headers.add("Authorization: " + authorization);
      probes.add(new Probe(route, "Authorization " + preview(authorization), b.method(), ascii(clean), headers,
          b.body(), 0, null));
    }
    for (String type : List.of("", "application/json; charset=utf-16", "application/jsonx", "application/json;;;charset",
        "application/json; charset=", "text/plain", "*/*", "application/json, text/html", "multipart/form-data",
        "application/x-www-form-urlencoded", "application/json; boundary=\u00ff")) {
      List<String> headers = new ArrayList<>(b.headers());
      headers.removeIf(h -> h.startsWith("Content-Type:"));
      headers.add("Content-Type: " + type);
      byte[] body = type.startsWith("application/x-www") ? ascii("name=%zz&quantity=%") : b.body();
      probes.add(new Probe(route, "Content-Type " + type, b.method(), ascii(clean), headers, body, 0, null));
    }
    if (!b.method().equals("GET")) {
      for (String key : List.of("", " ", "%zz", "k".repeat(5_000), "键", "a\tb", "x".repeat(101))) {
        probes.add(new Probe(route, "Idempotency-Key " + preview(key), b.method(), ascii(clean),
            b.headers("Idempotency-Key: " + key), b.body(), 0, null));
      }
      probes.add(new Probe(route, "two Idempotency-Keys", b.method(), ascii(clean),
          b.headers("Idempotency-Key: fuzz-a", "Idempotency-Key: fuzz-b"), b.body(), 0, null));
    }
    // headers the HTTP parser refuses before the router: exactly 431, or 400
    probes.add(new Probe(route, "one 20 KB header", b.method(), ascii(clean), b.headers("X-Padding: " + "x".repeat(20_000)),
        b.body(), 431, null));
    List<String> many = new ArrayList<>(b.headers());
    for (int i = 0; i < 300; i++) {
      many.add("X-Header-" + i + ": " + "y".repeat(60));
    }
    probes.add(new Probe(route, "300 headers", b.method(), ascii(clean), many, b.body(), 431, null));
    probes.add(new Probe(route, "header line without a colon", b.method(), ascii(clean),
        b.headers("This line has no colon"), b.body(), 400, null));
    probes.add(new Probe(route, "control character in a header", b.method(), ascii(clean),
        b.headers("X-Note: a\u0001b"), b.body(), 400, null));
    probes.add(new Probe(route, "space in a header name", b.method(), ascii(clean), b.headers("Bad Name: 1"),
        b.body(), 400, null));
    return probes;
  }

  @Test
  void given_every_route_when_urls_queries_and_headers_are_malformed_then_each_answer_is_a_4xx_problem_and_nothing_changes() {
    Map<String, Target> targets = FuzzTargets.forWorld(world);
    List<Probe> probes = new ArrayList<>();
    for (Api.RouteSpec spec : server.server().routes()) {
      probes.addAll(probes(spec, base(spec, targets)));
    }
    Map<String, Object> before = DatabaseSnapshot.take(server.server().database().dsl());
    long started = System.nanoTime();
    Map<Integer, Integer> statuses = new TreeMap<>();
    List<String> wrong = new ArrayList<>();
    int serverErrors = 0;
    for (Probe p : probes) {
      RawHttp.Response r = raw.send(p.method(), p.target(), p.headers(), p.body());
      statuses.merge(r.status(), 1, Integer::sum);
      serverErrors += r.status() >= 500 ? 1 : 0;
      String problem = check(p, r);
      if (problem != null && wrong.size() < 50) {
        wrong.add(p.route() + " [" + p.attack() + "] → " + r.status() + " " + r.header("Content-Type") + " "
            + FuzzRequests.preview(r.text()) + ": " + problem);
      }
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    Map<String, Object> after = DatabaseSnapshot.take(server.server().database().dsl());
    List<String> changed = new ArrayList<>();
    before.forEach((fact, value) -> {
      if (!Objects.equals(value, after.get(fact))) {
        changed.add(fact + ": " + value + " → " + after.get(fact));
      }
    });
    System.out.printf("malformed-request fuzz: routes=%d requests=%d in %d ms 5xx=%d wrong=%d changed=%d%n"
            + "  statuses=%s%n", server.server().routes().size(), probes.size(), millis, serverErrors, wrong.size(),
        changed.size(), statuses);
    assertThat(wrong).as("answers that are not the right 4xx problem").isEmpty();
    assertThat(serverErrors).isZero();
    assertThat(changed).as("database changes").isEmpty();
  }

  private static String check(Probe p, RawHttp.Response r) {
    if (!"nosniff".equals(r.header("X-Content-Type-Options")) || !"no-store".equals(r.header("Cache-Control"))) {
      return "header policy missing";
    }
    if (p.exact() != 0 && r.status() != p.exact()) {
      return "expected " + p.exact();
    }
    boolean ok = r.status() >= 200 && r.status() < 300 || r.status() >= 400 && r.status() < 500 && r.isProblem();
    if (!ok) {
      return "not a 2xx nor a 4xx problem";
    }
    if (p.field() != null && !p.field().equals(r.body().getString("field"))) {
      return "expected field " + p.field();
    }
    return null;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String preview(String text) {
    return FuzzRequests.preview(text);
  }

}
