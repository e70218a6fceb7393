package cn.bangfu.support;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for requests a well-behaved client refuses to send (malformed
 * percent-encoding, raw non-UTF-8 bytes in the request line, control characters in headers) and
 * for requests from a chosen loopback source address (127.0.0.2, 127.0.0.3, …: all of 127.0.0.0/8
 * is this machine), so a test can play several client addresses against per-address limits;
 * java.net.http can do neither on Java 17. One request per connection ({@code Connection: close});
 * the answer is read to the end of the stream and keeps its headers (Retry-After).
 */
public final class RawHttp {
  private final int port;
  private final String from;

  public RawHttp(int port) {
    this(port, "127.0.0.1");
  }

  private RawHttp(int port, String from) {
    this.port = port;
    this.from = from;
  }

  /** Requests to the server on {@code port} from source address {@code from} (e.g. "127.0.0.7"). */
  public static RawHttp from(String from, int port) {
    return new RawHttp(port, from);
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

  public Response post(String path, String token, JsonObject body) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    if (token != null) {
      headers.put("Authorization", "Bearer " + token);
    }
    return send("POST", path.getBytes(StandardCharsets.UTF_8), headers, body.encode().getBytes(StandardCharsets.UTF_8));
  }

  public Response get(String target, Map<String, String> headers) {
    return send("GET", target.getBytes(StandardCharsets.UTF_8), headers, new byte[0]);
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
    try (Socket socket = new Socket()) {
      socket.setSoTimeout(30_000);
      socket.bind(new InetSocketAddress(from, 0));
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.toByteArray());
      out.flush();
      return parse(socket.getInputStream().readAllBytes());
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + new String(target, StandardCharsets.ISO_8859_1) + " from " + from
          + ": " + e, e);
    }
  }

  private static Response parse(byte[] all) throws IOException {
    String raw = new String(all, StandardCharsets.ISO_8859_1);
    int end = raw.indexOf("\r\n\r\n");
    if (end < 0) {
      throw new IOException("no complete response: " + raw);
    }
    String[] lines = new String(all, 0, end, StandardCharsets.UTF_8).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.putIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
    }
    byte[] body = Arrays.copyOfRange(all, end + 4, all.length);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = dechunk(body);
    }
    return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
  }

  /** Chunk sizes count bytes, so the body is de-chunked before it is decoded. */
  private static byte[] dechunk(byte[] chunked) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int at = 0;
    while (at < chunked.length) {
      int lineEnd = lineEnd(chunked, at);
      int size = Integer.parseInt(new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].trim(), 16);
      if (size == 0) {
        break;
      }
      out.write(chunked, lineEnd + 2, size);
      at = lineEnd + 2 + size + 2;
    }
    return out.toByteArray();
  }

  private static int lineEnd(byte[] bytes, int from) {
    for (int i = from; i + 1 < bytes.length; i++) {
      if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
        return i;
      }
    }
    return bytes.length;
  }
}
