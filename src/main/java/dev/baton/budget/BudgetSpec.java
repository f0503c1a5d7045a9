package dev.baton.budget;

import java.math.BigDecimal;

/**
 * A budget as the API takes it: for a workflow ({@code workflow_id}) or a tenant ({@code
 * tenant_id}); limits left null mean no limit.
 */
public record BudgetSpec(
    String name,
    String workflowId,
    String tenantId,
    BigDecimal monthlyUsd,
    BigDecimal dailyUsd,
    BigDecimal perRunUsd,
    Boolean hardCap,
    Integer alertThresholdPercent) {}
