package cn.bangfu.support;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for requests a well-behaved client refuses to send: malformed
 * percent-encoding, raw non-UTF-8 bytes in the request line, control characters in headers.
 * One request per connection ({@code Connection: close}); the answer is read to the end of the stream.
 */
public final class RawHttp {
  private final int port;

  public RawHttp(int port) {
    this.port = port;
  }

  public record Response(int status, Map<String, String> headers, String text) {
    /** A response header, case-insensitive (null when absent). */
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public boolean isProblem() {
      String type = header("Content-Type");
      return type != null && type.startsWith("application/problem+json");
    }

    public JsonObject body() {
      return text.startsWith("{") ? new JsonObject(text) : new JsonObject();
    }
  }

  /** Sends {@code method target} with {@code headers} (written as "Name: value" lines, UTF-8) and {@code body}. */
  public Response send(String method, byte[] target, Map<String, String> headers, byte[] body) {
    List<String> lines = new ArrayList<>();
    headers.forEach((name, value) -> lines.add(name + ": " + value));
    return send(method, target, lines, body);
  }

  /** With header lines exactly as given (repeated names, lines without a colon, …). */
  public Response send(String method, byte[] target, List<String> headerLines, byte[] body) {
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    request.writeBytes((method + " ").getBytes(StandardCharsets.US_ASCII));
    request.writeBytes(target);
    request.writeBytes(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n".getBytes(StandardCharsets.US_ASCII));
    headerLines.forEach(line -> request.writeBytes((line + "\r\n").getBytes(StandardCharsets.UTF_8)));
    request.writeBytes(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    request.writeBytes(body);
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.toByteArray());
      out.flush();
      return parse(socket.getInputStream().readAllBytes());
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + new String(target, StandardCharsets.ISO_8859_1) + ": " + e, e);
    }
  }

  public Response get(String target, Map<String, String> headers) {
    return send("GET", target.getBytes(StandardCharsets.UTF_8), headers, new byte[0]);
  }

  private static Response parse(byte[] raw) throws IOException {
    String all = new String(raw, StandardCharsets.UTF_8);
    int end = all.indexOf("\r\n\r\n");
    if (end < 0) {
      throw new IOException("no complete response: " + all);
    }
    String[] lines = all.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.putIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
    }
    String body = all.substring(end + 4);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = dechunk(body);
    }
    return new Response(status, headers, body);
  }

  private static String dechunk(String chunked) {
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (true) {
      int lineEnd = chunked.indexOf("\r\n", at);
      int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
      if (size == 0) {
        return out.toString();
      }
      // sizes count bytes; the text is decoded, so go through bytes for the chunk
      byte[] rest = chunked.substring(lineEnd + 2).getBytes(StandardCharsets.UTF_8);
      String chunk = new String(rest, 0, size, StandardCharsets.UTF_8);
      out.append(chunk);
      at = lineEnd + 2 + chunk.length() + 2;
    }
  }
}
