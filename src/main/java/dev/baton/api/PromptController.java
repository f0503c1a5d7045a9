package dev.baton.api;

import dev.baton.prompt.PromptService;
import dev.baton.prompt.PromptSummary;
import dev.baton.prompt.PromptVersion;
import dev.baton.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Prompt templates as data: list, read and version them (docs/api.md, "Prompt templates"). */
@RestController
@RequestMapping("/api/prompts")
class PromptController {

  private final PromptService prompts;

  PromptController(PromptService prompts) {
    this.prompts = prompts;
  }

  /** @param tenantId null when the template is shared with every tenant */
  record Summary(String name, String tenantId, int latestVersion, String source,
      Instant updatedAt) {

    static Summary of(PromptSummary p) {
      return new Summary(p.name(), p.tenantId(), p.latestVersion(), p.source(), p.updatedAt());
    }
  }

  /** A version without its text, as listed with its template. */
  record VersionInfo(int version, String source, String createdBy, Instant createdAt) {}

  record Detail(String name, String tenantId, int latestVersion, String source,
      Instant updatedAt, String text, List<VersionInfo> versions) {}

  record Version(String name, int version, String text, String source, String createdBy,
      Instant createdAt) {

    static Version of(PromptVersion v) {
      return new Version(v.name(), v.version(), v.text(), v.source(), v.createdBy(),
          v.createdAt());
    }
  }

  /** @param tenantId the tenant of a new template, for a user of several */
  record PutPrompt(String text, String tenantId) {}

  /** @param changed false when the text was already the latest version's */
  record Written(String name, int version, String tenantId, boolean changed) {}

  @GetMapping
  @Operation(summary = "List prompt templates", description = "The templates of the caller's "
      + "tenants and the shared ones (seeded from processes/prompts/), each with its latest "
      + "version and when it was written.")
  List<Summary> list(Caller caller) {
    return prompts.list(caller).stream().map(Summary::of).toList();
  }

  @GetMapping("/{name}")
  @Operation(summary = "Read a prompt template", description = "Its latest text and the list "
      + "of its versions, newest first.")
  @ApiResponse(responseCode = "400", description = "not a valid template name")
  @ApiResponse(responseCode = "404", description = "no such template")
  Detail get(@PathVariable String name, Caller caller) {
    PromptService.Detail d = prompts.get(caller, name);
    PromptSummary s = d.summary();
    return new Detail(s.name(), s.tenantId(), s.latestVersion(), s.source(), s.updatedAt(),
        d.latest().text(), d.versions().stream().map(v -> new VersionInfo(v.version(),
            v.source(), v.createdBy(), v.createdAt())).toList());
  }

  @GetMapping("/{name}/versions/{version}")
  @Operation(summary = "Read one version of a prompt template", description = "Versions are "
      + "never changed: a workflow deployed against version 3 renders version 3.")
  @ApiResponse(responseCode = "400", description = "not a valid template name or version")
  @ApiResponse(responseCode = "404", description = "no such template or version")
  Version version(@PathVariable String name, @PathVariable int version, Caller caller) {
    return Version.of(prompts.version(caller, name, version));
  }

  @PutMapping(consumes = {MediaType.TEXT_PLAIN_VALUE, "text/markdown"}, path = "/{name}")
  @Operation(summary = "Write a prompt template's next version", description = "The body is "
      + "the template's text, with {{input.x}} and {{node.output}} placeholders. Creates the "
      + "template (in the caller's tenant; shared when an administrator names no tenant) or "
      + "adds a version; the same text as the latest version adds none (200, changed false). "
      + "Workflows deployed earlier keep the version they were deployed with.")
  @ApiResponse(responseCode = "201", description = "a new version was written")
  @ApiResponse(responseCode = "400", description = "not a valid name, or no text")
  @ApiResponse(responseCode = "403", description = "a shared template, and not an administrator")
  @ApiResponse(responseCode = "409", description = "the name is taken in another tenant")
  @ApiResponse(responseCode = "422", description = "text too long or not storable")
  ResponseEntity<Written> putText(@PathVariable String name,
      @RequestBody(required = false) String text,
      @RequestParam(name = "tenant_id", required = false) String tenantId, Caller caller) {
    return written(prompts.put(caller, name, text, tenantId));
  }

  @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE, path = "/{name}")
  @Operation(summary = "Write a prompt template's next version (JSON)", description = "As "
      + "the text/plain form, with the text in {\"text\": \"...\", \"tenant_id\": \"...\"}.")
  @ApiResponse(responseCode = "201", description = "a new version was written")
  @ApiResponse(responseCode = "400", description = "not a valid name, or no text")
  @ApiResponse(responseCode = "403", description = "a shared template, and not an administrator")
  @ApiResponse(responseCode = "409", description = "the name is taken in another tenant")
  ResponseEntity<Written> putJson(@PathVariable String name,
      @RequestBody(required = false) PutPrompt body, Caller caller) {
    PutPrompt request = body == null ? new PutPrompt(null, null) : body;
    return written(prompts.put(caller, name, request.text(), request.tenantId()));
  }

  private static ResponseEntity<Written> written(PromptService.Written w) {
    Written reply = new Written(w.version().name(), w.version().version(), w.tenantId(),
        w.changed());
    return w.changed()
        ? ResponseEntity.created(URI.create("/api/prompts/" + reply.name() + "/versions/"
            + reply.version())).body(reply)
        : ResponseEntity.ok(reply);
  }
}
