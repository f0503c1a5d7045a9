package dev.baton.prompt;

import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Seeds the stored templates from a folder ({@code processes/prompts/}) as the start-up
 * deployment does workflows from {@code processes/}: a template is created (shared with every
 * tenant) when missing, and gets a new version only when its latest version came from the file
 * and the file changed; a version written through the API is never added over (the file is
 * skipped, with a warning). An unchanged file adds nothing, so restarts are cheap and engine
 * nodes starting together agree: each adds only after the version it saw, and of two nodes
 * adding the same version one wins.
 */
@Component
public class PromptSeeding {

  private static final Logger log = LoggerFactory.getLogger(PromptSeeding.class);

  private final PromptStore store;

  PromptSeeding(PromptStore store) {
    this.store = store;
  }

  /** What seeding did, per template name. */
  public enum Outcome { CREATED, UPDATED, UNCHANGED, KEPT_API_VERSION, RACED }

  public Map<String, Outcome> seed(PromptFiles files) {
    Map<String, Outcome> outcomes = new java.util.LinkedHashMap<>();
    files.all().forEach((name, text) -> {
      Outcome outcome = seed(name, text);
      outcomes.put(name, outcome);
      switch (outcome) {
        case CREATED, UPDATED -> log.info("Prompt template '{}' {} from {}", name,
            outcome == Outcome.CREATED ? "created" : "updated", files.dir().resolve(name + ".md"));
        case KEPT_API_VERSION -> log.warn("Prompt template '{}' skipped: its latest version was "
            + "written through the API, so {} is not added over it (PUT the file's text to "
            + "/api/prompts/{} to make it the latest)", name, files.dir().resolve(name + ".md"),
            name);
        default -> { }
      }
    });
    return outcomes;
  }

  private Outcome seed(String name, String text) {
    Optional<PromptVersion> latest = store.latest(name);
    if (latest.isEmpty()) {
      return store.add(name, null, text, PromptStore.SOURCE_FILE, null, 0).isPresent()
          ? Outcome.CREATED : Outcome.RACED;
    }
    if (latest.get().text().equals(text)) {
      return Outcome.UNCHANGED;
    }
    if (!PromptStore.SOURCE_FILE.equals(latest.get().source())) {
      return Outcome.KEPT_API_VERSION;
    }
    return store.add(name, null, text, PromptStore.SOURCE_FILE, null, latest.get().version())
        .isPresent() ? Outcome.UPDATED : Outcome.RACED;
  }
}
