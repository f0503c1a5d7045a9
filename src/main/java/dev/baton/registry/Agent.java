package dev.baton.registry;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A registered agent; capabilities and config are stored as JSON text. */
@Entity
@Table(name = "baton_agent")
class Agent {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false)
  private String slug;

  @Column(nullable = false)
  private String title;

  @Column(nullable = false)
  private String type;

  @Column(nullable = false)
  private String capabilities;

  @Column(nullable = false)
  private String config;

  @Column(nullable = false)
  private boolean enabled;

  @Column(name = "built_in", nullable = false)
  private boolean builtIn;

  /** The tenant that owns the agent; null: shared with every tenant (the shipped defaults). */
  @Column(name = "tenant_id")
  private String tenantId;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected Agent() {}

  Agent(String slug, boolean builtIn, String tenantId, Instant now) {
    this.slug = slug;
    this.builtIn = builtIn;
    this.tenantId = tenantId;
    this.createdAt = now;
    this.updatedAt = now;
  }

  void apply(String title, String type, String capabilitiesJson, String configJson,
      boolean enabled, Instant now) {
    this.title = title;
    this.type = type;
    this.capabilities = capabilitiesJson;
    this.config = configJson;
    this.enabled = enabled;
    this.updatedAt = now;
  }

  public Long id() {
    return id;
  }

  public String slug() {
    return slug;
  }

  public String title() {
    return title;
  }

  public String type() {
    return type;
  }

  String capabilitiesJson() {
    return capabilities;
  }

  String configJson() {
    return config;
  }

  public boolean enabled() {
    return enabled;
  }

  public boolean builtIn() {
    return builtIn;
  }

  public String tenantId() {
    return tenantId;
  }

  public Instant updatedAt() {
    return updatedAt;
  }
}
