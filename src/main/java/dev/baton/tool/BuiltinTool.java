package dev.baton.tool;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.connector.ConnectorException;
import dev.baton.connector.ConnectorException.Kind;

/**
 * A tool Baton carries out in-process rather than through a declarative HTTP connector: its
 * operations, scopes, hourly limit and price are declared by a {@code connectors/<name>.json} of
 * {@code "type": "builtin"} (so the registry, the catalogue and the gate treat it like any
 * other tool), and a Spring bean of this type does the work. The gate has already checked the
 * assignment, the scope, the hourly limit and the budget; an implementation checks its own
 * policy (allowed remotes, repositories, paths) and its arguments.
 */
public interface BuiltinTool {

  /** The connector definition this implements, e.g. {@code git}. */
  String name();

  /**
   * Carries one operation out.
   *
   * @param context the run, node and agent calling (a per-run workspace is keyed by the run)
   * @return the result the model reads back
   * @throws ConnectorException with {@code BAD_ARGUMENTS}, {@code
   *     NOT_CONFIGURED} or {@code REFUSED} when nothing was done (the use is not charged), with
   *     {@code HTTP_ERROR}, {@code UNREACHABLE} or {@code FAILED} when the work was attempted
   */
  Reply call(String operation, JsonNode arguments, ToolContext context);

  /**
   * A text argument the operation cannot do without.
   *
   * @throws ConnectorException with {@code BAD_ARGUMENTS} when it is missing, null, blank or not
   *     a single value
   */
  static String requiredText(JsonNode arguments, String field) {
    JsonNode value = arguments.path(field);
    if (!value.isValueNode() || value.isNull() || value.asText().isBlank()) {
      throw new ConnectorException(Kind.BAD_ARGUMENTS, "missing argument '" + field + "'",
          null);
    }
    return value.asText();
  }

  /**
   * @param status the HTTP status of a tool that called a service, else null
   * @param output what the model reads back
   */
  record Reply(Integer status, JsonNode output) {}
}
