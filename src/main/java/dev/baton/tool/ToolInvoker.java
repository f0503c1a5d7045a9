package dev.baton.tool;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.connector.ConnectorClient;
import dev.baton.connector.ConnectorException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Carries out an admitted call: over HTTP through its connector, or in-process by the {@link
 * BuiltinTool} named like a {@code builtin} connector.
 */
@Component
class ToolInvoker {

  private final ConnectorClient client;
  private final Map<String, BuiltinTool> builtins;

  ToolInvoker(ConnectorClient client, List<BuiltinTool> builtins) {
    this.client = client;
    this.builtins = builtins.stream()
        .collect(Collectors.toUnmodifiableMap(BuiltinTool::name, Function.identity()));
  }

  BuiltinTool.Reply invoke(OfferedTool tool, JsonNode args, ToolContext context) {
    if (!tool.connector().builtin()) {
      ConnectorClient.Result result = client.call(tool.connector(), tool.operation(), args);
      return new BuiltinTool.Reply(result.status(), result.output());
    }
    BuiltinTool builtin = builtins.get(tool.connector().name());
    if (builtin == null) {
      throw new ConnectorException(ConnectorException.Kind.NOT_CONFIGURED, "tool '"
          + tool.connector().name() + "' is declared built-in but this Baton has no "
          + "implementation of it", null);
    }
    for (String name : tool.operation().required()) {
      if (args == null || !args.hasNonNull(name)) {
        throw new ConnectorException(ConnectorException.Kind.BAD_ARGUMENTS, "missing argument '"
            + name + "' for " + tool.connector().name() + "." + tool.operation().name(), null);
      }
    }
    return builtin.call(tool.operation().name(), args, context);
  }
}
