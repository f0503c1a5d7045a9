package dev.baton.cli;

import dev.baton.BatonProperties;
import dev.baton.budget.CostFormula;
import dev.baton.governance.GovernanceProperties;
import dev.baton.governance.PolicyEnvironment;
import dev.baton.limits.LimitsProperties;
import dev.baton.llm.LlmProperties;
import dev.baton.llm.ModelPrices;
import dev.baton.prompt.PromptFiles;
import dev.baton.registry.AgentProfile;
import dev.baton.registry.DefaultAgents;
import dev.baton.spec.AgentTypes;
import dev.baton.spec.SpecReader;
import dev.baton.workflow.SpecChecks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;

/**
 * The installation the command line checks against, read as the platform reads it without
 * starting it: {@code application.yml} (the packaged one, then {@code ./application.yml} and
 * {@code ./config/application.yml} over it), system properties and environment variables on
 * top, and the governance policy file ({@link PolicyEnvironment}). Its models, prices, default
 * model, key variables, budget enforcement, limits and governance rules; the
 * agents of a fresh installation (the registry's defaults) and {@code processes/prompts}. So
 * {@code baton validate} runs the platform's {@link SpecChecks}.
 */
final class Installation {

  private Installation() {}

  static SpecChecks checks() {
    return checks(System::getenv);
  }

  static SpecChecks checks(Function<String, String> keys) {
    StandardEnvironment environment = new StandardEnvironment();
    load(environment, new FileSystemResource("config/application.yml"));
    load(environment, new FileSystemResource("application.yml"));
    load(environment, new ClassPathResource("application.yml"));
    PolicyEnvironment.layOver(environment);
    Binder binder = Binder.get(environment);
    BatonProperties baton = binder.bindOrCreate("baton", BatonProperties.class);
    LlmProperties llm = binder.bindOrCreate("baton.llm", LlmProperties.class);
    LimitsProperties limits = binder.bindOrCreate("baton.limits", LimitsProperties.class);
    return new SpecChecks(new SpecReader(AgentTypes.BUILT_IN, limits.spec()), llm,
        new CostFormula(prices(llm), llm.defaultModel()), keys,
        new PromptFiles(baton.processesDir().resolve("prompts")), baton.budget().hardCap(),
        binder.bindOrCreate("baton.governance", GovernanceProperties.class).policy());
  }

  /** The agents a fresh installation has. */
  static List<AgentProfile> agents() {
    return DefaultAgents.profiles();
  }

  /** As the platform prices models: the catalogue's prices over the older baton.llm.prices. */
  private static ModelPrices prices(LlmProperties llm) {
    Map<String, ModelPrices.Price> prices = new HashMap<>(llm.prices());
    llm.models().forEach((name, model) -> {
      if (model.prices() != null) {
        prices.put(name, model.prices());
      }
    });
    return new ModelPrices(prices, llm.defaultMaxOutputTokens());
  }

  /** Adds a YAML file's profile-less documents after what is there (lower precedence). */
  private static void load(StandardEnvironment environment, Resource resource) {
    if (!resource.exists() || (resource instanceof FileSystemResource file
        && !Files.isRegularFile(Path.of(file.getPath())))) {
      return;
    }
    try {
      for (PropertySource<?> source : new YamlPropertySourceLoader()
          .load(resource.getDescription(), resource)) {
        if (source.getProperty("spring.config.activate.on-profile") == null) {
          environment.getPropertySources().addLast(source);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource.getDescription(), e);
    }
  }
}
