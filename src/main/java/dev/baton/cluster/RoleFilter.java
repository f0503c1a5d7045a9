package dev.baton.cluster;

import dev.baton.EngineSide;
import java.io.IOException;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.core.type.filter.TypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Component-scan filter of the worker role: a worker process has no engine, so every component
 * that needs one is left out - the packages marked {@link EngineSide} (the REST API, the
 * webapps' identity, deployment, runs, approvals, notifications), and anything else whose constructor or {@code @Bean} methods take an
 * engine service, that plugs into the engine, or whose methods the engine calls with an execution
 * or task. What stays is the agent worker, the LLM layer
 * and the budget/ledger side, which work on the shared database. Other roles scan everything.
 */
public class RoleFilter implements TypeFilter, EnvironmentAware {

  private Role role = Role.ALL;

  @Override
  public void setEnvironment(Environment environment) {
    this.role = Role.of(environment);
  }

  @Override
  public boolean match(MetadataReader reader, MetadataReaderFactory factory) throws IOException {
    if (role.runsEngine()) {
      return false;
    }
    Class<?> type;
    try {
      type = ClassUtils.forName(reader.getClassMetadata().getClassName(),
          getClass().getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
    return needsEngine(type, new HashSet<>());
  }

  /** Whether the class needs an engine, itself or through Baton classes it is built from. */
  static boolean needsEngine(Class<?> type, Set<Class<?>> seen) {
    if (!seen.add(type)) {
      return false;
    }
    if (engineSide(type) || ProcessEnginePlugin.class.isAssignableFrom(type)) {
      return true;
    }
    List<Executable> injected = new ArrayList<>(List.of(type.getDeclaredConstructors()));
    for (Method method : type.getDeclaredMethods()) {
      if (method.isAnnotationPresent(Bean.class)) {
        injected.add(method);
      }
      // called by the engine with an execution or task (listeners, delegates, expressions):
      // engine-side, whatever it is built from (its dependencies may be interfaces)
      for (Class<?> parameter : method.getParameterTypes()) {
        if (parameter.getName().startsWith("org.camunda.bpm.engine.delegate.")) {
          return true;
        }
      }
    }
    for (Executable executable : injected) {
      for (Class<?> parameter : executable.getParameterTypes()) {
        if (isEngineType(parameter) || (parameter.getName().startsWith("dev.baton.")
            && needsEngine(parameter, seen))) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether the class's package is marked as serving the engine. */
  private static boolean engineSide(Class<?> type) {
    Package pkg = type.getPackage();
    return pkg != null && pkg.isAnnotationPresent(EngineSide.class);
  }

  private static boolean isEngineType(Class<?> type) {
    String name = type.getName();
    return (name.startsWith("org.camunda.bpm.engine.") && !name.startsWith(
        "org.camunda.bpm.engine.variable.") && !name.startsWith(
        "org.camunda.bpm.engine.externaltask."))
        || name.startsWith("org.camunda.bpm.spring.");
  }
}
