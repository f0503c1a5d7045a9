package dev.baton.tool;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code baton.tools.*}: how far one agent task's tool loop may go. A node's (or its agent's)
 * {@code config.max_model_calls} / {@code config.max_tool_calls} lower or raise them per node.
 *
 * @param maxModelCalls model calls per agent task, the first included
 * @param maxToolCalls tool calls per agent task, refused ones included
 * @param httpTimeout connect and reply timeout of a connector call
 */
@ConfigurationProperties("baton.tools")
record ToolSettings(
    @DefaultValue("10") int maxModelCalls,
    @DefaultValue("20") int maxToolCalls,
    @DefaultValue("10s") Duration httpTimeout) {}
