package dev.baton.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;

/** A spec's errors and warnings, one line each with its JSON path and hint. */
final class Problems {

  private Problems() {}

  /** Prints a problem's {@code errors} and {@code warnings} lists, when it has them. */
  static void print(JsonNode problem, PrintWriter out) {
    if (problem == null) {
      return;
    }
    list(problem.path("errors"), out);
    list(problem.path("warnings"), out);
  }

  /** One line per problem: {@code ERROR $.nodes[0].type: message (hint)}. */
  static void list(JsonNode problems, PrintWriter out) {
    for (JsonNode p : problems) {
      String hint = p.path("hint").asText("");
      out.println(p.path("severity").asText("error").toUpperCase(java.util.Locale.ROOT) + " "
          + ((p.hasNonNull("file") ? p.get("file").asText() + " " : "")
              + p.path("path").asText(p.hasNonNull("file") ? "" : "$")).strip() + ": "
          + p.path("message").asText()
          + (hint.isBlank() ? "" : " (" + hint + ")"));
    }
    out.flush();
  }
}
