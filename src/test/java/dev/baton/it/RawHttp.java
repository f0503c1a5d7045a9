package dev.baton.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket: the request line goes out byte for byte as written (java.net's
 * clients normalise or refuse paths such as {@code //}, {@code ;x=y} or {@code %zz}, and
 * methods such as {@code FOO}), and the reply is read as the server sent it.
 */
final class RawHttp {

  /** A reply; header names are lower case. */
  record Reply(int status, Map<String, List<String>> headers, String body) {
    String header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null || values.isEmpty() ? null : values.get(0);
    }

    String contentType() {
      String type = header("content-type");
      return type == null ? "" : type;
    }
  }

  private RawHttp() {}

  /** Sends one request on its own connection ({@code Connection: close}). */
  static Reply send(int port, String method, String target, Map<String, String> headers,
      byte[] body) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(30_000);
      StringBuilder head = new StringBuilder()
          .append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
          .append("Host: localhost:").append(port).append("\r\n")
          .append("Connection: close\r\n");
      headers.forEach((name, value) -> head.append(name).append(": ").append(value)
          .append("\r\n"));
      if (body != null) {
        head.append("Content-Length: ").append(body.length).append("\r\n");
      }
      head.append("\r\n");
      OutputStream out = socket.getOutputStream();
      try {
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
          out.write(body);
        }
        out.flush();
      } catch (IOException closedEarly) {
        // the server may answer (413) and close before the whole body is sent
      }
      return parse(readAll(socket.getInputStream()));
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + target + ": " + e, e);
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        all.write(buffer, 0, n);
      }
    } catch (java.net.SocketException reset) {
      // a reset after the reply (unread request body): keep what arrived
    }
    return all.toByteArray();
  }

  private static Reply parse(byte[] raw) {
    String text = new String(raw, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    if (end < 0) {
      throw new IllegalStateException("no complete reply: " + text);
    }
    String[] lines = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.computeIfAbsent(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
          k -> new ArrayList<>()).add(lines[i].substring(colon + 1).strip());
    }
    byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
    List<String> encoding = headers.get("transfer-encoding");
    if (encoding != null && encoding.get(0).equalsIgnoreCase("chunked")) {
      body = dechunk(body);
    }
    return new Reply(status, headers, new String(body, StandardCharsets.UTF_8));
  }

  private static byte[] dechunk(byte[] chunked) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int at = 0;
    while (at < chunked.length) {
      int lineEnd = indexOf(chunked, at);
      if (lineEnd < 0) {
        break;
      }
      String size = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1)
          .split(";")[0].strip();
      int length = Integer.parseInt(size, 16);
      if (length == 0) {
        break;
      }
      out.write(chunked, lineEnd + 2, Math.min(length, chunked.length - lineEnd - 2));
      at = lineEnd + 2 + length + 2;
    }
    return out.toByteArray();
  }

  private static int indexOf(byte[] bytes, int from) {
    for (int i = from; i < bytes.length - 1; i++) {
      if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
