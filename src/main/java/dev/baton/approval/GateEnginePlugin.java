package dev.baton.approval;

import dev.baton.audit.AuditLog;
import dev.baton.budget.RunBudgets;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * Puts Baton's guards into the engine's command chain, for commands in the caller's
 * transaction and in a new one alike: {@link RefusalTranslation} outermost, {@link
 * GateCommandGuard} inside the command's context. Baton's Spring application registers it as
 * a bean; an engine built by hand (the process tests) adds it to its plugins.
 */
@Component
class GateEnginePlugin extends AbstractProcessEnginePlugin {

  private final AuditLog audit;
  private final RunBudgets budgets;
  private final GateDecisions decisions;

  GateEnginePlugin(AuditLog audit, RunBudgets budgets, GateDecisions decisions) {
    this.audit = audit;
    this.budgets = budgets;
    this.decisions = decisions;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setCustomPreCommandInterceptorsTxRequired(
        first(configuration.getCustomPreCommandInterceptorsTxRequired(),
            new RefusalTranslation(audit)));
    configuration.setCustomPreCommandInterceptorsTxRequiresNew(
        first(configuration.getCustomPreCommandInterceptorsTxRequiresNew(),
            new RefusalTranslation(audit)));
    configuration.setCustomPostCommandInterceptorsTxRequired(
        last(configuration.getCustomPostCommandInterceptorsTxRequired(),
            new GateCommandGuard(budgets, decisions)));
    configuration.setCustomPostCommandInterceptorsTxRequiresNew(
        last(configuration.getCustomPostCommandInterceptorsTxRequiresNew(),
            new GateCommandGuard(budgets, decisions)));
  }

  private static List<CommandInterceptor> first(List<CommandInterceptor> existing,
      CommandInterceptor interceptor) {
    List<CommandInterceptor> list = new ArrayList<>();
    list.add(interceptor);
    if (existing != null) {
      list.addAll(existing);
    }
    return list;
  }

  private static List<CommandInterceptor> last(List<CommandInterceptor> existing,
      CommandInterceptor interceptor) {
    List<CommandInterceptor> list = existing == null ? new ArrayList<>()
        : new ArrayList<>(existing);
    list.add(interceptor);
    return list;
  }
}
