package dev.baton.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The body of {@code POST /api/agents/{id}/tools}: assigns a tool, or changes the scopes of an
 * assigned one.
 *
 * @param toolId the tool's slug (or numeric id)
 * @param scopes read, write and/or admin (admin covers every operation)
 * @param permissions free-form, kept with the assignment (seed 000's {@code permissions})
 */
public record ToolAssignment(String toolId, List<String> scopes, JsonNode permissions) {}
