package dev.baton.budget;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** The cost ledger: rows in, sums out. */
public interface CostLedger extends JpaRepository<CostEntry, Long> {

  List<CostEntry> findByRunIdOrderByRecordedAtAsc(String runId);

  @Query("select coalesce(sum(e.costUsd), 0) from CostEntry e where e.runId = :runId")
  BigDecimal spentByRun(@Param("runId") String runId);

  @Query("select coalesce(sum(e.costUsd), 0) from CostEntry e "
      + "where e.workflowId = :workflowId and e.recordedAt >= :since")
  BigDecimal spentByWorkflowSince(@Param("workflowId") String workflowId,
      @Param("since") Instant since);

  @Query("select coalesce(sum(e.costUsd), 0) from CostEntry e "
      + "where e.tenantId = :tenantId and e.recordedAt >= :since")
  BigDecimal spentByTenantSince(@Param("tenantId") String tenantId,
      @Param("since") Instant since);
}
