package dev.baton.budget;

/** Who pays: the run, its workflow and its tenant. */
public record RunRef(String runId, String workflowId, String tenantId) {}
