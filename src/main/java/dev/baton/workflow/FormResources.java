package dev.baton.workflow;

import dev.baton.BatonProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.springframework.stereotype.Component;

/**
 * The Camunda Forms in {@code forms/}. They go into every workflow's deployment, because
 * approval tasks bind their form with {@code formRefBinding="deployment"}: a run keeps the form
 * it was compiled with even after the form changes.
 */
@Component
class FormResources {

  private final Path directory;

  FormResources(BatonProperties properties) {
    this.directory = properties.formsDir();
  }

  void addTo(DeploymentBuilder builder) {
    for (Path form : files()) {
      try {
        builder.addString(form.getFileName().toString(), Files.readString(form));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read form " + form, e);
      }
    }
  }

  List<Path> files() {
    if (!Files.isDirectory(directory)) {
      throw new IllegalStateException("forms directory " + directory.toAbsolutePath()
          + " is missing: set baton.forms-dir to the folder holding approval.form");
    }
    try (Stream<Path> files = Files.list(directory)) {
      return new ArrayList<>(files.filter(f -> f.toString().endsWith(".form")).sorted().toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
