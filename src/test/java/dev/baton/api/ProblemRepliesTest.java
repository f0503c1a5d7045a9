package dev.baton.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;

class ProblemRepliesTest {

  @Test
  void aClientErrorSaysWhatToChangeAndKeepsTheServersReason() {
    ProblemDetail p = ProblemReplies.problem(405, "/api", "DELETE", "GET, POST",
        "Request method 'DELETE' is not supported", null);
    assertThat(p.getStatus()).isEqualTo(405);
    assertThat(p.getTitle()).isEqualTo("Method Not Allowed");
    assertThat(p.getType().toString()).isEqualTo("https://baton.dev/problems/method-not-allowed");
    assertThat(p.getDetail()).isEqualTo("the method DELETE is not allowed here; allowed: GET, "
        + "POST (Request method 'DELETE' is not supported)");
  }

  @Test
  void aNotFoundPointsAtTheReferenceOfItsPrefix() {
    assertThat(ProblemReplies.problem(404, "/api", "GET", null, "No static resource api/x.", null)
        .getDetail()).isEqualTo("there is nothing at this path; Baton's API is described at "
            + "/api/openapi");
    assertThat(ProblemReplies.problem(404, "/actuator", "GET", null, null, null).getDetail())
        .contains("GET /actuator lists");
  }

  @Test
  void aServerErrorNamesOnlyItsReference() {
    ProblemDetail p = ProblemReplies.problem(500, "/api", "GET", null,
        "java.sql.SQLException: password authentication failed for user baton", "ref-1");
    assertThat(p.getDetail()).isEqualTo("something went wrong on our side; the server log has "
        + "the details under ref ref-1");
  }

  @Test
  void headerAndParameterValuesTheFirewallQuotesAreNotRepeated() {
    String cause = "The request was rejected because the header: \"Authorization \" has a value "
        + "\"Bearer sk-secret\u0007\" that is not allowed.";
    assertThat(ProblemReplies.problem(400, "/api", "GET", null, cause, null).getDetail())
        .doesNotContain("sk-secret").contains("a header name or value");
    // other components' messages about parameters are theirs to word
    assertThat(ProblemReplies.sanitise("Missing ':' in tag parameter", "Bad Request"))
        .isEqualTo("Missing ':' in tag parameter");
    assertThat(ProblemReplies.sanitise("line one\nline\ttwo", "Bad Request"))
        .isEqualTo("line one line two");
    assertThat(ProblemReplies.sanitise("x".repeat(500), "Bad Request")).hasSize(203);
    assertThat(ProblemReplies.sanitise("Bad Request", "Bad Request")).isNull();
  }

  @Test
  void anUnknownStatusStillGivesAProblem() {
    ProblemDetail p = ProblemReplies.problem(499, null, "GET", null, null, null);
    assertThat(p.getStatus()).isEqualTo(499);
    assertThat(p.getTitle()).isEqualTo("Error 499");
    assertThat(p.getDetail()).isEqualTo("the request cannot be served");
  }
}
