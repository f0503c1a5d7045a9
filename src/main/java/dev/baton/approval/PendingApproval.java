package dev.baton.approval;

import java.time.Instant;
import java.util.List;

/** An approval waiting for a decision the caller may take. */
public record PendingApproval(
    String id,
    String runId,
    String nodeId,
    String gateName,
    String workflowId,
    Instant createdAt,
    Instant dueAt,
    List<String> candidateGroups,
    List<String> candidateUsers,
    int escalationLevel) {}
