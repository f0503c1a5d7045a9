package dev.baton.process;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.baton.it.DatabaseAvailable;

/** Binds each test to the shared engine and cleans up after it (runs, clock). */
@ExtendWith(DatabaseAvailable.class)
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
