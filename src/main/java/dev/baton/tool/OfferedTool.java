package dev.baton.tool;

import dev.baton.connector.ConnectorDefinition;
import dev.baton.connector.ConnectorDefinition.Operation;
import dev.baton.registry.ToolInfo;

/**
 * One operation offered to the model as a function: {@code <tool>__<operation>}, e.g. {@code
 * github-issues__create_issue} (letters, digits, '_' and '-' only, as providers require).
 */
record OfferedTool(String name, ToolInfo tool, ConnectorDefinition connector,
    Operation operation) {

  static final String SEPARATOR = "__";

  static String nameOf(String toolSlug, String operation) {
    return toolSlug + SEPARATOR + operation;
  }
}
