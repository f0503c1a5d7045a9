package dev.baton.registry;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** A tool assigned to an agent with scopes (seed 000's {@code AgentTool}). */
@Entity
@Table(name = "baton_agent_tool")
class AgentTool {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "agent_id", nullable = false)
  private Long agentId;

  @Column(name = "tool_id", nullable = false)
  private Long toolId;

  /** Comma-separated: read, write, admin. */
  @Column(nullable = false)
  private String scopes;

  private String permissions;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected AgentTool() {}

  AgentTool(Long agentId, Long toolId, List<String> scopes, String permissionsJson,
      Instant now) {
    this.agentId = agentId;
    this.toolId = toolId;
    this.createdAt = now;
    apply(scopes, permissionsJson);
  }

  void apply(List<String> scopes, String permissionsJson) {
    this.scopes = String.join(",", scopes);
    this.permissions = permissionsJson;
  }

  public Long agentId() {
    return agentId;
  }

  public Long toolId() {
    return toolId;
  }

  public List<String> scopes() {
    return scopes(scopes);
  }

  /** The scopes column as a list. */
  static List<String> scopes(String column) {
    return column.isBlank() ? List.of() : Arrays.asList(column.split(","));
  }

  String permissionsJson() {
    return permissions;
  }
}
