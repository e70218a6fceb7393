package cn.bangfu.platform;

import io.vertx.core.json.JsonObject;

/**
 * An RFC 9457 problem: every client error leaves the server as one of these, as
 * application/problem+json with the offending field when there is one.
 */
public final class Problem extends RuntimeException {
  private final int status;
  private final String type;
  private final String title;
  private final String field;
  /** Seconds a client should wait before trying again (Retry-After), 0 when not said. */
  private final long retryAfterSeconds;

  public Problem(int status, String type, String title, String detail, String field) {
    this(status, type, title, detail, field, 0);
  }

  private Problem(int status, String type, String title, String detail, String field, long retryAfterSeconds) {
    super(detail, null, false, false);
    this.status = status;
    this.type = type;
    this.title = title;
    this.field = field;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** 429: too many requests (sign-in failures, anonymous writes); ProblemHandler adds Retry-After. */
  public static Problem tooManyRequests(String detail, long retryAfterSeconds) {
    return new Problem(429, "too-many-requests", "Too many requests", detail, null, Math.max(1, retryAfterSeconds));
  }

  /** 503: the server could not do it now (e.g. a transaction kept deadlocking); ProblemHandler adds Retry-After. */
  public static Problem unavailable(String detail, long retryAfterSeconds) {
    return new Problem(503, "temporarily-unavailable", "Service temporarily unavailable", detail, null,
        Math.max(1, retryAfterSeconds));
  }

  public static Problem badRequest(String field, String detail) {
    return new Problem(400, "invalid-field", "Invalid request field", detail, field);
  }

  public static Problem unprocessable(String type, String detail) {
    return new Problem(422, type, "Request cannot be processed", detail, null);
  }

  public static Problem malformedJson(String detail) {
    return new Problem(400, "malformed-json", "Malformed JSON body", detail, null);
  }

  public static Problem unauthorized(String detail) {
    return new Problem(401, "unauthorized", "Authentication required", detail, null);
  }

  public static Problem forbidden(String detail) {
    return new Problem(403, "forbidden", "Not allowed", detail, null);
  }

  public static Problem notFound(String what, String id) {
    return new Problem(404, "not-found", "Not found", what + " " + id + " does not exist", null);
  }

  public static Problem conflict(String type, String detail, String field) {
    return new Problem(409, type, "Conflict", detail, field);
  }

  /** The problem's type (its last path segment), e.g. "not-found": pages choose their Chinese words by it. */
  public String type() {
    return type;
  }

  public int status() {
    return status;
  }

  public String field() {
    return field;
  }

  /** The same problem about {@code otherField}: a batch names the row an item's problem came from. */
  public Problem atField(String otherField) {
    return new Problem(status, type, title, getMessage(), otherField, retryAfterSeconds);
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public JsonObject toJson(String instance) {
    JsonObject json = new JsonObject()
        .put("type", "https://bangfu.ledger/problems/" + type)
        .put("title", title)
        .put("status", status)
        .put("detail", getMessage());
    if (field != null) {
      json.put("field", field);
    }
    if (retryAfterSeconds > 0) {
      json.put("retryAfterSeconds", retryAfterSeconds);
    }
    if (instance != null) {
      json.put("instance", instance);
    }
    return json;
  }
}
