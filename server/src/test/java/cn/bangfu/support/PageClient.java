package cn.bangfu.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * A browser without JavaScript for the fast page tests (issue 15): keeps cookies like a browser, follows
 * no redirects by itself (tests see the 303s), posts forms as application/x-www-form-urlencoded and
 * parses every answer with jsoup.
 */
public final class PageClient {
  private final String base;
  private final CookieManager cookies = new CookieManager();
  private final HttpClient client;

  public PageClient(int port) {
    this("http://localhost:" + port);
  }

  public PageClient(String base) {
    this.base = base;
    this.client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(10)).build();
  }

  /** Another client sharing this one's cookies, against another instance (a load balancer's other pick). */
  public PageClient on(int port) {
    PageClient other = new PageClient(port);
    cookies.getCookieStore().getCookies().forEach(c -> other.cookies.getCookieStore().add(URI.create(other.base), c));
    return other;
  }

  public record Page(int status, HttpResponse<String> response, Document html) {
    public String location() {
      return response.headers().firstValue("Location").orElse(null);
    }

    public String contentType() {
      return response.headers().firstValue("Content-Type").orElse("");
    }

    /** The page's visible text. */
    public String text() {
      return html.body().text();
    }

    /** The CSRF token of the page's first form. */
    public String csrf() {
      return html.select("input[name=csrf]").attr("value");
    }
  }

  public Page get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), Map.of());
  }

  public Page get(String path, Map<String, String> headers) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), headers);
  }

  /** A download (a workbook, a file) as bytes, with the session's cookies: status and body. */
  public HttpResponse<byte[]> bytes(String path) {
    try {
      return client.send(HttpRequest.newBuilder(URI.create(base + path)).GET().timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Posts a form; fields in the order given. */
  public Page post(String path, Map<String, String> form) {
    String body = form.entrySet().stream()
        .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
    return send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)), Map.of());
  }

  /** Posts a multipart form as a browser's file input does: the token, then one file under {@code field}. */
  public Page upload(String path, String csrf, String field, String fileName, byte[] content) {
    String boundary = "----bangfu" + System.nanoTime();
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + csrf + "\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"" + fileName
        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    body.writeBytes(head);
    body.writeBytes(content);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())), Map.of());
  }

  /** GET /login, then posts the form with its token: the way a person signs in. */
  public Page signIn(String username, String password) {
    Page form = get("/login");
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("csrf", form.csrf());
    fields.put("username", username);
    fields.put("password", password);
    return post("/login", fields);
  }

  public static Map<String, String> form(String... namesAndValues) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      fields.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return fields;
  }

  public String cookie(String name) {
    return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
        .map(java.net.HttpCookie::getValue).findFirst().orElse(null);
  }

  private Page send(HttpRequest.Builder request, Map<String, String> headers) {
    headers.forEach(request::header);
    try {
      HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Page(response.statusCode(), response, Jsoup.parse(response.body(), base));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
