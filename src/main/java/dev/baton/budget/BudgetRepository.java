package dev.baton.budget;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

/** Budgets by workflow and by tenant. */
interface BudgetRepository extends JpaRepository<Budget, Long> {

  Optional<Budget> findByWorkflowId(String workflowId);

  Optional<Budget> findByTenantId(String tenantId);
}
