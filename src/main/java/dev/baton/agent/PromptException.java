package dev.baton.agent;

/** A prompt that cannot be rendered: a permanent failure of the node, not a crash. */
class PromptException extends RuntimeException {

  PromptException(String message) {
    super(message);
  }
}
