package dev.baton.prompt;

import java.util.List;
import java.util.Optional;

/** Where deploy checks look prompt templates up: the database and files, or files alone. */
public interface PromptSource {

  /**
   * A template a workflow of this tenant may use.
   *
   * @param name the bare name ({@link PromptNames#bare})
   * @param version the version a spec asks for; null for the latest
   * @param tenantId the tenant of the workflow; null sees only shared templates
   */
  Optional<PromptText> find(String name, Integer version, String tenantId);

  /** The names a workflow of this tenant may use, sorted, for hints. */
  List<String> names(String tenantId);
}
