package dev.baton.cluster;

import org.camunda.bpm.engine.ProcessEngineException;

/** The engine's REST API could not be reached or refused the worker; worth trying again. */
class EngineUnreachableException extends ProcessEngineException {

  public EngineUnreachableException(String message) {
    super(message);
  }

  public EngineUnreachableException(String message, Throwable cause) {
    super(message, cause);
  }
}
