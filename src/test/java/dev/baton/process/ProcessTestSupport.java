package dev.baton.process;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Binds each test to the shared in-memory engine and cleans up after it (runs, clock). */
abstract class ProcessTestSupport {

  protected ProcessTestEngine baton;

  @BeforeEach
  void bindEngine() {
    baton = ProcessTestEngine.get();
  }

  @AfterEach
  void cleanUp() {
    baton.reset();
  }
}
