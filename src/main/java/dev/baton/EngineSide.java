package dev.baton;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a package (its package-info): the package exists to serve the engine or its API, so a
 * worker-only process, which has no engine, leaves all of it out ({@code cluster.RoleFilter}). Marked
 * where the package is declared, so renaming or moving a package cannot silently bring it into
 * the worker.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PACKAGE)
public @interface EngineSide {}
