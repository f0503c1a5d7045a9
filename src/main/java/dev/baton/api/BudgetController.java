package dev.baton.api;

import dev.baton.budget.BudgetService;
import dev.baton.budget.BudgetService.BudgetView;
import dev.baton.budget.BudgetSpec;
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

  BudgetController(BudgetService budgets) {
    this.budgets = budgets;
  }

  @GetMapping
  List<BudgetView> list() {
    return budgets.list();
  }

  @GetMapping("/{id}")
  BudgetView get(@PathVariable long id) {
    return budgets.get(id);
  }

  @PostMapping
  ResponseEntity<BudgetView> create(@RequestBody BudgetSpec spec) {
    BudgetView created = budgets.create(spec);
    return ResponseEntity.created(URI.create("/api/budgets/" + created.id())).body(created);
  }

  @PutMapping("/{id}")
  BudgetView update(@PathVariable long id, @RequestBody BudgetSpec spec) {
    return budgets.update(id, spec);
  }
}
