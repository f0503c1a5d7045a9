package dev.baton.registry;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A tool agents may be given (seed 000's {@code Tool}). Its calls go through the connector
 * definition {@code connectors/<connector>.json}; {@code config} holds tool-specific settings.
 */
@Entity
@Table(name = "baton_tool")
class Tool {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false)
  private String slug;

  @Column(nullable = false)
  private String title;

  @Column(nullable = false)
  private String category;

  @Column(nullable = false)
  private String connector;

  @Column(nullable = false)
  private String config;

  @Column(name = "auth_required", nullable = false)
  private boolean authRequired;

  @Column(name = "rate_limit_per_hour")
  private Integer rateLimitPerHour;

  @Column(name = "cost_per_use_usd", nullable = false, precision = 18, scale = 8)
  private BigDecimal costPerUseUsd;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected Tool() {}

  Tool(String slug, String title, String category, String connector, String configJson,
      boolean authRequired, Integer rateLimitPerHour, BigDecimal costPerUseUsd, Instant now) {
    this.slug = slug;
    this.createdAt = now;
    apply(title, category, connector, configJson, authRequired, rateLimitPerHour, costPerUseUsd);
  }

  void apply(String title, String category, String connector, String configJson,
      boolean authRequired, Integer rateLimitPerHour, BigDecimal costPerUseUsd) {
    this.title = title;
    this.category = category;
    this.connector = connector;
    this.config = configJson;
    this.authRequired = authRequired;
    this.rateLimitPerHour = rateLimitPerHour;
    this.costPerUseUsd = costPerUseUsd;
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

  public String category() {
    return category;
  }

  public String connector() {
    return connector;
  }

  String configJson() {
    return config;
  }

  public boolean authRequired() {
    return authRequired;
  }

  /** Null: no limit. */
  public Integer rateLimitPerHour() {
    return rateLimitPerHour;
  }

  public BigDecimal costPerUseUsd() {
    return costPerUseUsd;
  }
}
