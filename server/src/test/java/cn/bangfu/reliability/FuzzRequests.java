package cn.bangfu.reliability;

import cn.bangfu.identity.Role;
import cn.bangfu.reliability.BadValues.Field;
import cn.bangfu.reliability.BadValues.Raw;
import cn.bangfu.reliability.FuzzTargets.BodyMode;
import cn.bangfu.reliability.FuzzTargets.KeyMode;
import cn.bangfu.reliability.FuzzTargets.Target;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Builds one bad request for a target: the valid request with exactly one thing broken (a field, the
 * JSON, the content type, the size, the path id, the resource's state, the credentials or the
 * Idempotency-Key), chosen at random among the attacks that apply to the route.
 */
final class FuzzRequests {
  enum Attack { FIELD_INVALID, FIELD_MISSING, FIELD_NULL, MALFORMED_JSON, NOT_AN_OBJECT, EMPTY_BODY,
    WRONG_CONTENT_TYPE, OVERSIZED, DEEP_NESTING, INVALID_UTF8, BAD_PATH_ID, WRONG_STATE, BAD_CREDENTIALS,
    WRONG_ROLE, BAD_IDEMPOTENCY_KEY }

  record Request(Attack attack, String path, Map<String, String> headers, byte[] body, String what) {
  }

  private static final byte[] BAD_UTF8 = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE, (byte) 0xED,
      (byte) 0xA0, (byte) 0x80};

  private final Random random;
  private final BadValues values;
  private final FuzzWorld world;
  private final int maxBodyBytes;
  private int sequence;

  FuzzRequests(Random random, FuzzWorld world, int maxBodyBytes) {
    this.random = random;
    this.values = new BadValues(random);
    this.world = world;
    this.maxBodyBytes = maxBodyBytes;
  }

  static List<Attack> applicable(Target t) {
    List<Attack> attacks = new ArrayList<>();
    if (!t.fields().isEmpty()) {
      attacks.addAll(List.of(Attack.FIELD_INVALID, Attack.FIELD_INVALID, Attack.FIELD_INVALID, Attack.FIELD_INVALID));
    }
    if (t.fields().stream().anyMatch(Field::required)) {
      attacks.addAll(List.of(Attack.FIELD_MISSING, Attack.FIELD_NULL));
    }
    if (t.body() != BodyMode.NONE) {
      attacks.addAll(List.of(Attack.MALFORMED_JSON, Attack.MALFORMED_JSON, Attack.NOT_AN_OBJECT,
          Attack.WRONG_CONTENT_TYPE, Attack.DEEP_NESTING, Attack.INVALID_UTF8));
    }
    if (t.body() == BodyMode.REQUIRED) {
      attacks.add(Attack.EMPTY_BODY);
    }
    attacks.add(Attack.OVERSIZED);
    if (!t.pathIds().isEmpty()) {
      attacks.addAll(List.of(Attack.BAD_PATH_ID, Attack.BAD_PATH_ID));
    }
    if (!t.wrongState().isEmpty()) {
      attacks.add(Attack.WRONG_STATE);
    }
    attacks.add(Attack.BAD_CREDENTIALS);
    if (t.caller() != null) {
      attacks.add(Attack.WRONG_ROLE);
    }
    if (t.key() != KeyMode.NONE) {
      attacks.add(Attack.BAD_IDEMPOTENCY_KEY);
    }
    return attacks;
  }

  Request make(String routePath, Target t, Set<Role> allowed) {
    List<Attack> attacks = applicable(t);
    Attack attack = attacks.get(random.nextInt(attacks.size()));
    Map<String, String> ids = new LinkedHashMap<>(t.pathIds());
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    if (t.caller() != null) {
      headers.put("Authorization", "Bearer " + world.tokens.get(t.caller()));
    }
    if (t.key() != KeyMode.NONE) {
      headers.put("Idempotency-Key", "fuzz-" + (++sequence) + "-" + Long.toHexString(random.nextLong()));
    }
    JsonObject body = t.valid().copy();
    Map<String, String> raws = new LinkedHashMap<>();
    byte[] bytes = null;
    String what = "";
    switch (attack) {
      case FIELD_INVALID -> {
        Field f = values.pick(t.fields());
        Object bad = values.invalid(f);
        what = f.name() + "=" + preview(bad);
        put(body, f.name(), bad, raws);
      }
      case FIELD_MISSING -> {
        Field f = values.pick(t.fields().stream().filter(Field::required).toList());
        what = "without " + f.name();
        body.remove(f.name());
      }
      case FIELD_NULL -> {
        Field f = values.pick(t.fields().stream().filter(Field::required).toList());
        what = f.name() + "=null";
        body.putNull(f.name());
      }
      case MALFORMED_JSON -> {
        String text = malformed(body.encode());
        what = preview(text);
        bytes = text.getBytes(StandardCharsets.UTF_8);
      }
      case NOT_AN_OBJECT -> {
        String text = values.pick(List.of("[]", "[" + body.encode() + "]", "null", "123", "\"text\"", "true", "1e30",
            "[{}]", "\"" + body.encode().replace("\"", "\\\"") + "\""));
        what = preview(text);
        bytes = text.getBytes(StandardCharsets.UTF_8);
      }
      case EMPTY_BODY -> {
        bytes = values.pick(List.of("", " ", "\n")).getBytes(StandardCharsets.UTF_8);
        what = "empty";
      }
      case WRONG_CONTENT_TYPE -> {
        String type = values.pick(List.of("", "text/plain", "application/xml", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=xyz", "text/json", "application/javascript", "application/problem+json"));
        what = type.isEmpty() ? "no Content-Type" : type;
        if (type.isEmpty()) {
          headers.remove("Content-Type");
        } else {
          headers.put("Content-Type", type);
        }
        if (type.startsWith("application/x-www")) {
          bytes = "username=admin&quantity=1".getBytes(StandardCharsets.UTF_8);
        }
      }
      case OVERSIZED -> {
        int size = maxBodyBytes + 1 + random.nextInt(16 * 1024);
        body.put("padding", values.pick(List.of("x", "葡", "'")).repeat(size));
        what = "over " + maxBodyBytes + " bytes";
      }
      case DEEP_NESTING -> {
        int depth = 1_500 + random.nextInt(3_000);
        String open = random.nextBoolean() ? "{\"a\":" : "[";
        String close = open.startsWith("{") ? "}" : "]";
        String text = body.encode();
        text = text.substring(0, text.length() - 1) + (body.isEmpty() ? "" : ",") + "\"deep\":" + open.repeat(depth)
            + "1" + close.repeat(depth) + "}";
        bytes = text.getBytes(StandardCharsets.UTF_8);
        what = "nested " + depth + " deep";
      }
      case INVALID_UTF8 -> {
        List<Field> stringy = t.fields().stream().filter(f -> f.kind() != BadValues.Kind.YAML).toList();
        Field f = values.pick(stringy);
        body.put(f.name(), "__BAD_UTF8__");
        bytes = splice(body.encode(), "__BAD_UTF8__");
        what = "invalid UTF-8 in " + f.name();
      }
      case BAD_PATH_ID -> {
        String param = values.pick(new ArrayList<>(ids.keySet()));
        String bad = values.pick(List.of("0", "-1", "abc", "9223372036854775808", "99999999999999999999",
            "1%20OR%201%3D1", "%27%3B%20DROP%20TABLE%20lot%3B--", "%E4%B8%80", "%00", "1.5", "%3Cscript%3E",
            "%EF%BC%91", "1e5", "0x10", Long.toString(1 + (random.nextLong() & (Long.MAX_VALUE >> 1)))));
        ids.put(param, bad);
        what = param + "=" + bad;
      }
      case WRONG_STATE -> {
        String id = values.pick(t.wrongState());
        ids.put("id", id);
        what = "id in the wrong state";
      }
      case BAD_CREDENTIALS -> {
        String token = world.tokens.get(t.caller() == null ? Role.HOUSEHOLD : t.caller());
        List<String> variants = new ArrayList<>(List.of("Bearer garbage", "Bearer " + tampered(token),
            "Basic YWRtaW46YWRtaW4=", "Bearer ", "Bearer " + token + "x", "bearer" + token,
            "Bearer eyJhbGciOiJub25lIn0." + token.split("\\.")[1] + "."));
        if (t.caller() != null) {
          variants.add(null);
        }
        String header = values.pick(variants);
        if (header == null) {
          headers.remove("Authorization");
        } else {
          headers.put("Authorization", header);
        }
        what = header == null ? "no token" : preview(header);
      }
      case WRONG_ROLE -> {
        List<Role> others = java.util.Arrays.stream(Role.values()).filter(r -> !allowed.contains(r)).toList();
        Role role = values.pick(others);
        headers.put("Authorization", "Bearer " + world.tokens.get(role));
        what = "as " + role;
      }
      case BAD_IDEMPOTENCY_KEY -> {
        List<String> bad = new ArrayList<>(List.of("has space", "x".repeat(101), "a b c", "k".repeat(500)));
        if (t.key() == KeyMode.REQUIRED) {
          bad.add(null);
        }
        String key = values.pick(bad);
        if (key == null) {
          headers.remove("Idempotency-Key");
        } else {
          headers.put("Idempotency-Key", key);
        }
        what = key == null ? "no Idempotency-Key" : "Idempotency-Key " + preview(key);
      }
      default -> throw new IllegalStateException(attack.name());
    }
    if (bytes == null) {
      bytes = render(body, raws).getBytes(StandardCharsets.UTF_8);
    }
    if (t.body() == BodyMode.NONE && attack != Attack.OVERSIZED) {
      bytes = new byte[0];
    }
    String path = routePath;
    for (Map.Entry<String, String> id : ids.entrySet()) {
      path = path.replace(":" + id.getKey(), id.getValue());
    }
    return new Request(attack, path, headers, bytes, what);
  }

  private void put(JsonObject body, String field, Object value, Map<String, String> raws) {
    if (value instanceof Raw raw) {
      String marker = "__RAW_" + raws.size() + "__";
      raws.put(marker, raw.token());
      body.put(field, marker);
    } else {
      body.put(field, value);
    }
  }

  private static String render(JsonObject body, Map<String, String> raws) {
    String text = body.encode();
    for (Map.Entry<String, String> raw : raws.entrySet()) {
      text = text.replace("\"" + raw.getKey() + "\"", raw.getValue());
    }
    return text;
  }

  private String malformed(String valid) {
    String open = valid.substring(0, valid.length() - 1);
    String comma = valid.length() > 2 ? "," : "";
    List<String> variants = List.of(
        valid.substring(0, 1 + random.nextInt(valid.length() - 1)),
        open + ",}",
        valid.replace('"', '\''),
        valid.replaceFirst("\"", ""),
        // not "/* comment */" + valid: Vert.x's JSON reader allows comments (Jackson ALLOW_COMMENTS), so that is read
        valid + "}",
        valid + " trailing",
        open + comma + "\"x\":NaN}",
        open + comma + "\"x\":undefined}",
        open + comma + "\"x\":01}",
        open + comma + "\"x\":.5}",
        open + comma + "\"x\":+1}",
        open + comma + "\"x\":\"a\u0001b\"}",
        open + comma + "\"x\":\"\\uZZZZ\"}",
        "{\"a\" 1}");
    String text = values.pick(variants);
    return text.equals(valid) ? valid.substring(0, valid.length() - 1) : text;
  }

  private static byte[] splice(String json, String marker) {
    int at = json.indexOf(marker);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(json.substring(0, at).getBytes(StandardCharsets.UTF_8));
    out.writeBytes("x".getBytes(StandardCharsets.UTF_8));
    out.writeBytes(BAD_UTF8);
    out.writeBytes(json.substring(at + marker.length()).getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  private static String tampered(String token) {
    char last = token.charAt(token.length() - 2);
    return token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);
  }

  static String preview(Object value) {
    String text = String.valueOf(value instanceof Raw raw ? raw.token() : value);
    return text.length() > 60 ? text.substring(0, 60) + "…(" + text.length() + " chars)" : text;
  }
}
