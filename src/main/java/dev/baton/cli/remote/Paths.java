package dev.baton.cli.remote;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Ids typed by a user become one path segment, never more. */
final class Paths {

  private Paths() {}

  static String segment(String id) {
    return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
