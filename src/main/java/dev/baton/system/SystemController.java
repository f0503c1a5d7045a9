package dev.baton.system;

import dev.baton.security.Caller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/system/status}: for operators (and administrators). */
@RestController
class SystemController {

  private final SystemStatusService status;

  SystemController(SystemStatusService status) {
    this.status = status;
  }

  @GetMapping("/api/system/status")
  SystemStatus status(Caller caller) {
    return status.status(caller);
  }
}
