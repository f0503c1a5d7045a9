package dev.baton.spec;

import java.util.regex.Pattern;

/** Builds the JSONPath strings problems point at: {@code $.nodes[1].type}. */
final class JsonPaths {

  static final String ROOT = "$";
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

  private JsonPaths() {}

  static String field(String parent, String name) {
    if (PLAIN.matcher(name).matches()) {
      return parent + "." + name;
    }
    return parent + "['" + name.replace("\\", "\\\\").replace("'", "\\'") + "']";
  }

  static String index(String parent, int index) {
    return parent + "[" + index + "]";
  }

  static String node(int index) {
    return "$.nodes[" + index + "]";
  }

  static String edge(int index) {
    return "$.edges[" + index + "]";
  }
}
