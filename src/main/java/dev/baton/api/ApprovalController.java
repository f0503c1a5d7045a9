package dev.baton.api;

import dev.baton.approval.ApprovalService;
import dev.baton.approval.Decision;
import dev.baton.approval.PendingApproval;
import dev.baton.limits.RequestLimits;
import dev.baton.security.Caller;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Approval gates: what the caller may decide, and deciding it. */
@RestController
@RequestMapping("/api/approvals")
class ApprovalController {

  private final ApprovalService approvals;
  private final RequestLimits limits;

  ApprovalController(ApprovalService approvals, RequestLimits limits) {
    this.approvals = approvals;
    this.limits = limits;
  }

  /** @param raiseUsd for a budget-override approval: how much to raise the run's budget by */
  record Approve(String justification, java.math.BigDecimal raiseUsd) {}

  record Reject(String reason) {}

  record RequestChanges(String comment) {}

  record Decided(String id, String decision) {}

  @GetMapping("/pending")
  List<PendingApproval> pending(Caller caller) {
    return approvals.pending(caller);
  }

  @PostMapping("/{id}/approve")
  ResponseEntity<Decided> approve(@PathVariable String id,
      @RequestBody(required = false) Approve request, Caller caller) {
    if (request != null) {
      limits.engineText("$.justification", request.justification());
      limits.usd("$.raise_usd", request.raiseUsd());
    }
    approvals.decide(caller, id, Decision.APPROVE,
        request == null ? null : request.justification(),
        request == null ? null : request.raiseUsd());
    return ResponseEntity.ok(new Decided(id, Decision.APPROVE.value()));
  }

  @PostMapping("/{id}/reject")
  ResponseEntity<Decided> reject(@PathVariable String id,
      @RequestBody(required = false) Reject request, Caller caller) {
    limits.engineText("$.reason", request == null ? null : request.reason());
    approvals.decide(caller, id, Decision.REJECT,
        request == null ? null : request.reason());
    return ResponseEntity.ok(new Decided(id, Decision.REJECT.value()));
  }

  /** Sends the work back to the agent before the gate, with the comment as its input. */
  @PostMapping("/{id}/request-changes")
  ResponseEntity<Decided> requestChanges(@PathVariable String id,
      @RequestBody(required = false) RequestChanges request, Caller caller) {
    limits.engineText("$.comment", request == null ? null : request.comment());
    approvals.decide(caller, id, Decision.REQUEST_CHANGES,
        request == null ? null : request.comment());
    return ResponseEntity.ok(new Decided(id, Decision.REQUEST_CHANGES.value()));
  }
}
