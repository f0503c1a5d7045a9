package dev.baton.budget;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** The cost ledger's rows as entities, for reports ({@link LedgerSpend} sums it in SQL). */
interface CostLedger extends JpaRepository<CostEntry, Long> {

  List<CostEntry> findByRunIdOrderByRecordedAtAsc(String runId);
}
