package cn.bangfu.support;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A small blocking HTTP client for tests: the server under test is real, only the caller is simple. */
public final class Http implements AutoCloseable {
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final Duration timeout;

  public Http(int port) {
    this(port, Duration.ofSeconds(30));
  }

  /** Benchmarks give a county-sized request (a 100,000-household draft) more time. */
  public Http(int port, Duration timeout) {
    this.base = "http://127.0.0.1:" + port;
    this.timeout = timeout;
  }

  public record Response(int status, String contentType, String text) {
    public JsonObject body() {
      return text == null || text.isEmpty() || !text.startsWith("{") ? new JsonObject() : new JsonObject(text);
    }

    public boolean isProblem() {
      return contentType != null && contentType.startsWith("application/problem+json");
    }

    /** This response if its status is {@code status}; otherwise fails with the status and body. */
    public Response expect(int status) {
      if (this.status != status) {
        throw new IllegalStateException("expected " + status + ", got " + this.status + ": " + text);
      }
      return this;
    }
  }

  public Response send(String method, String path, String token, String contentType, String body) {
    return send(method, path, token, contentType, body, java.util.Map.of());
  }

  /** With extra request headers (e.g. Idempotency-Key). */
  public Response send(String method, String path, String token, String contentType, String body,
      java.util.Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout);
    headers.forEach(request::header);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    try {
      HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
          response.body());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A downloaded file: its status, Content-Type, Content-Disposition and bytes. */
  public record Download(int status, String contentType, String disposition, byte[] bytes) {
  }

  /** GET of a binary file (a statement workbook), with {@code accept} as the Accept header when not null. */
  public Download download(String path, String token, String accept) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (accept != null) {
      request.header("Accept", accept);
    }
    try {
      HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Download(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
          response.headers().firstValue("Content-Disposition").orElse(null), response.body());
    } catch (java.io.IOException e) {
      throw new IllegalStateException("GET " + path + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public Response post(String path, String token, JsonObject body) {
    return send("POST", path, token, "application/json", body.encode());
  }

  public Response get(String path, String token) {
    return send("GET", path, token, null, null);
  }

  public String login(String username, String password) {
    Response response = post("/api/v1/auth/token", null,
        new JsonObject().put("username", username).put("password", password));
    if (response.status() != 200) {
      throw new IllegalStateException("login failed for " + username + ": " + response.text());
    }
    return response.body().getString("token");
  }

  @Override
  public void close() {
    // HttpClient.close() exists only from Java 21; its threads are daemons.
  }
}
