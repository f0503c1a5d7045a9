package dev.baton.run;

/** The answer to starting a run. */
public record RunStarted(String id, String workflowId, String status) {}
