package dev.baton.prompt;

import dev.baton.BatonProperties;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * What deploying a spec checks its templates against: the stored templates the workflow's
 * tenant may use (its own and the shared ones), then, for a name not stored at all, the file in
 * {@code processes/prompts/} (one added after start-up, which seeds the rest).
 */
@Component
public class StoredPrompts implements PromptSource {

  private final PromptStore store;
  private final PromptFiles files;

  @Autowired
  StoredPrompts(PromptStore store, BatonProperties properties) {
    this(store, new PromptFiles(properties.processesDir().resolve("prompts")));
  }

  StoredPrompts(PromptStore store, PromptFiles files) {
    this.store = store;
    this.files = files;
  }

  @Override
  public Optional<PromptText> find(String name, Integer version, String tenantId) {
    if (!PromptNames.valid(name)) {
      return Optional.empty();
    }
    Optional<PromptSummary> stored = store.summary(name);
    if (stored.isPresent()) {
      if (!usable(stored.get().tenantId(), tenantId)) {
        return Optional.empty();
      }
      return (version == null ? store.latest(name) : store.version(name, version))
          .map(v -> new PromptText(name, v.version(), v.text()));
    }
    // a file has no versions: asked for one, the template is not there
    return version == null ? files.find(name, null, tenantId) : Optional.empty();
  }

  @Override
  public List<String> names(String tenantId) {
    TreeSet<String> names = new TreeSet<>(files.names(tenantId));
    store.list().forEach(p -> {
      if (usable(p.tenantId(), tenantId)) {
        names.add(p.name());
      } else {
        names.remove(p.name());
      }
    });
    return List.copyOf(names);
  }

  /** A shared template serves every tenant; a tenant's own only that tenant's workflows. */
  private static boolean usable(String owner, String tenantId) {
    return owner == null || Objects.equals(owner, tenantId);
  }
}
