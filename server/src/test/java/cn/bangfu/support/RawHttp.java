package cn.bangfu.support;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP/1.1 exchange over a plain socket bound to a chosen loopback source address
 * (127.0.0.2, 127.0.0.3, ...: all of 127.0.0.0/8 is this machine), so a test can play several
 * client addresses, e.g. a village office and an attacker, against per-address limits. Answers
 * keep their headers (Retry-After). java.net.http cannot pick a source address on Java 17.
 */
public final class RawHttp {
  private final int port;
  private final String from;

  private RawHttp(int port, String from) {
    this.port = port;
    this.from = from;
  }

  /** Requests to the server on {@code port} from source address {@code from} (e.g. "127.0.0.7"). */
  public static RawHttp from(String from, int port) {
    return new RawHttp(port, from);
  }

  public record Answer(int status, Map<String, String> headers, String text) {
    public JsonObject body() {
      return text.startsWith("{") ? new JsonObject(text) : new JsonObject();
    }

    /** A header by name, any case; null when absent. */
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public boolean isProblem() {
      String type = header("Content-Type");
      return type != null && type.startsWith("application/problem+json");
    }
  }

  public Answer post(String path, String token, JsonObject body) {
    return send("POST", path, token, body.encode());
  }

  public Answer send(String method, String path, String token, String json) {
    byte[] content = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder()
        .append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
        .append("Host: 127.0.0.1:").append(port).append("\r\n")
        .append("Connection: close\r\n")
        .append("Content-Length: ").append(content.length).append("\r\n");
    if (json != null) {
      head.append("Content-Type: application/json\r\n");
    }
    if (token != null) {
      head.append("Authorization: Bearer ").append(token).append("\r\n");
    }
    head.append("\r\n");
    try (Socket socket = new Socket()) {
      socket.setSoTimeout(30_000);
      socket.bind(new InetSocketAddress(from, 0));
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(content);
      out.flush();
      return parse(socket.getInputStream());
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + " from " + from + " failed: " + e.getMessage(), e);
    }
  }

  /** Reads to the end (the server closes after answering "Connection: close"); chunked bodies are decoded. */
  private static Answer parse(InputStream in) throws IOException {
    byte[] all = in.readAllBytes();
    String raw = new String(all, StandardCharsets.ISO_8859_1);
    int end = raw.indexOf("\r\n\r\n");
    String[] lines = raw.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new TreeMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
    }
    byte[] body = java.util.Arrays.copyOfRange(all, end + 4, all.length);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = dechunk(body);
    }
    return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
  }

  private static byte[] dechunk(byte[] chunked) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int at = 0;
    while (at < chunked.length) {
      int lineEnd = indexOf(chunked, at);
      int size = Integer.parseInt(new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].trim(), 16);
      if (size == 0) {
        break;
      }
      out.write(chunked, lineEnd + 2, size);
      at = lineEnd + 2 + size + 2;
    }
    return out.toByteArray();
  }

  private static int indexOf(byte[] bytes, int from) {
    for (int i = from; i + 1 < bytes.length; i++) {
      if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
        return i;
      }
    }
    return bytes.length;
  }
}
