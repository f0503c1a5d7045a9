package dev.baton.api;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Whether a request was aimed at one of the machine-facing prefixes ({@code /api}, {@code
 * /engine-rest}, {@code /actuator}), whose errors are JSON, never HTML. Decided from the raw
 * request URI as the client wrote it, which may be malformed: %-escapes are decoded where valid,
 * path parameters dropped, backslashes and repeated slashes read as one slash. Never throws.
 */
final class ApiPaths {

  static final List<String> PREFIXES = List.of("/api", "/engine-rest", "/actuator");

  private ApiPaths() {}

  /** The prefix the raw URI is under, or null (webapps, the root, anything else). */
  static String prefixOf(String rawUri) {
    if (rawUri == null || rawUri.isEmpty()) {
      return null;
    }
    String path = rawUri;
    int query = path.indexOf('?');
    if (query >= 0) {
      path = path.substring(0, query);
    }
    // an absolute-form target: http://host/api/...
    int scheme = path.indexOf("://");
    if (scheme >= 0) {
      int slash = path.indexOf('/', scheme + 3);
      path = slash < 0 ? "/" : path.substring(slash);
    }
    path = decode(path).replace('\\', '/').replaceAll(";[^/]*", "").replaceAll("/{2,}", "/");
    for (String prefix : PREFIXES) {
      if (path.equals(prefix) || path.startsWith(prefix + "/")) {
        return prefix;
      }
    }
    return null;
  }

  static boolean covers(String rawUri) {
    return prefixOf(rawUri) != null;
  }

  /** %XX escapes decoded (as UTF-8, lenient); invalid ones left as they are. */
  private static String decode(String text) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int i = 0;
    while (i < text.length()) {
      if (text.charAt(i) == '%' && i + 2 < text.length() && hex(text.charAt(i + 1)) >= 0
          && hex(text.charAt(i + 2)) >= 0) {
        bytes.write(hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2)));
        i += 3;
      } else {
        int codePoint = text.codePointAt(i);
        bytes.writeBytes(new String(Character.toChars(codePoint))
            .getBytes(StandardCharsets.UTF_8));
        i += Character.charCount(codePoint);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static int hex(char c) {
    return Character.digit(c, 16);
  }
}
