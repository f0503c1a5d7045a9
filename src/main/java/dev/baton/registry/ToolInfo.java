package dev.baton.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;

/** A registered tool as the worker and the API see it. */
public record ToolInfo(
    long id,
    String slug,
    String title,
    String category,
    String connector,
    ObjectNode config,
    boolean authRequired,
    Integer rateLimitPerHour,
    BigDecimal costPerUseUsd) {

  static ToolInfo of(Tool tool) {
    return new ToolInfo(tool.id(), tool.slug(), tool.title(), tool.category(), tool.connector(),
        RegistryJson.object(tool.configJson()), tool.authRequired(), tool.rateLimitPerHour(),
        tool.costPerUseUsd());
  }
}
