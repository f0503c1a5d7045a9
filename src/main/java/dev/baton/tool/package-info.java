/**
 * Agents' tool use: the agent's assigned tools are offered to the model as langchain4j
 * {@link dev.langchain4j.agent.tool.ToolSpecification}s, each call the model asks for is checked
 * (assigned, in scope, within the tool's hourly limit counted in the database) and carried out
 * through its connector over HTTP, recorded in {@code baton_tool_call} and priced in the cost
 * ledger; {@link dev.baton.tool.ToolLoop} stops at the configured maxima of model and tool calls
 * with a stop reason. Knows nothing of Camunda; the agent worker calls it in one place.
 */
package dev.baton.tool;
