package dev.baton.api;

import dev.baton.budget.BudgetService;
import dev.baton.budget.BudgetService.BudgetView;
import dev.baton.budget.BudgetSpec;
import dev.baton.limits.RequestLimits;
import dev.baton.security.Caller;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Budgets per workflow or tenant: daily, monthly and per-run limits, hard or soft cap. */
@RestController
@RequestMapping("/api/budgets")
class BudgetController {

  private final BudgetService budgets;
  private final RequestLimits limits;

  BudgetController(BudgetService budgets, RequestLimits limits) {
    this.budgets = budgets;
    this.limits = limits;
  }

  /** Values the budget table cannot hold are refused with their path, never a 500. */
  private BudgetSpec checked(BudgetSpec spec) {
    if (spec == null) {
      throw new dev.baton.problem.BadRequestException("the body must be a budget object: "
          + "name, workflow_id or tenant_id, and limits");
    }
    limits.name("$.name", spec.name());
    limits.id("$.workflow_id", spec.workflowId());
    limits.id("$.tenant_id", spec.tenantId());
    limits.budgetUsd("$.monthly_usd", spec.monthlyUsd());
    limits.budgetUsd("$.daily_usd", spec.dailyUsd());
    limits.usd("$.per_run_usd", spec.perRunUsd());
    return spec;
  }

  @GetMapping
  List<BudgetView> list(Caller caller) {
    return budgets.list(caller);
  }

  @GetMapping("/{id}")
  BudgetView get(@PathVariable long id, Caller caller) {
    return budgets.get(caller, id);
  }

  @PostMapping
  ResponseEntity<BudgetView> create(@RequestBody BudgetSpec spec, Caller caller) {
    BudgetView created = budgets.create(caller, checked(spec));
    return ResponseEntity.created(URI.create("/api/budgets/" + created.id())).body(created);
  }

  @PutMapping("/{id}")
  BudgetView update(@PathVariable long id, @RequestBody BudgetSpec spec, Caller caller) {
    return budgets.update(caller, id, checked(spec));
  }
}
