package dev.baton.approval;

import dev.baton.audit.AuditLog;
import dev.baton.problem.BadRequestException;
import dev.baton.problem.ConflictException;
import dev.baton.problem.ForbiddenException;
import dev.baton.problem.NotFoundException;
import dev.baton.problem.UnprocessableException;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outermost interceptor of every engine command: when Baton refused it (a {@link
 * GuardRefusal} of the engine guards, or a gate's listener refusing a decision), the refusal
 * reaches the caller as an exception Camunda's REST API and webapps answer with 4xx and the
 * message, instead of a 500 wrapping it: 403 for who may not ({@link AuthorizationException}),
 * 400 for what is not acceptable ({@link FormFieldValidationException} on a completion, else
 * {@link BadUserRequestException}). Baton's own exception stays the cause, so the Baton API
 * answers with its status (ProblemHandler). A {@link GuardRefusal} is audited, in a
 * transaction of its own: the refused command's is rolled back.
 */
final class RefusalTranslation extends CommandInterceptor {

  private static final Logger log = LoggerFactory.getLogger(RefusalTranslation.class);

  private final AuditLog audit;

  RefusalTranslation(AuditLog audit) {
    this.audit = audit;
  }

  @Override
  public <T> T execute(Command<T> command) {
    if (Context.getCommandContext() != null) {
      return next.execute(command); // a nested command: the outermost one translates
    }
    try {
      return next.execute(command);
    } catch (RuntimeException e) {
      RuntimeException refusal = refusal(e);
      if (refusal == null) {
        throw e;
      }
      if (refusal instanceof GuardRefusal guard) {
        try {
          audit.appendSeparately(guard.attempt());
        } catch (RuntimeException auditFailed) {
          log.error("A refused engine command could not be audited: {}", guard.getMessage(),
              auditFailed);
        }
      }
      throw translate(refusal, command);
    }
  }

  /** Baton's refusal in the cause chain (listeners' exceptions come wrapped by the engine). */
  private static RuntimeException refusal(Throwable e) {
    for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
      if (t instanceof ForbiddenException || t instanceof UnprocessableException
          || t instanceof ConflictException || t instanceof BadRequestException
          || t instanceof NotFoundException) {
        return (RuntimeException) t;
      }
    }
    return null;
  }

  private static ProcessEngineException translate(RuntimeException refusal, Command<?> command) {
    ProcessEngineException translated;
    if (refusal instanceof ForbiddenException) {
      translated = new AuthorizationException(refusal.getMessage());
    } else if (org.camunda.bpm.engine.impl.cmd.BatonCommandFields.completes(command)) {
      translated = new FormFieldValidationException(ApprovalService.FORM_DECISION,
          refusal.getMessage());
    } else {
      translated = new BadUserRequestException(refusal.getMessage());
    }
    translated.initCause(refusal);
    return translated;
  }
}
