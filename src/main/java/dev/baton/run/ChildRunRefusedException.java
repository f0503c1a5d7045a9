package dev.baton.run;

/** A child run was not started: a limit of the run tree, or the parent has ended. */
public class ChildRunRefusedException extends RuntimeException {

  public ChildRunRefusedException(String message) {
    super(message);
  }
}
