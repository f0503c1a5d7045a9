/**
 * The workflow spec: the JSON DAG format teams write. Owns reading JSON (with line and column
 * for malformed input), checking it against the published JSON Schema, binding it to records,
 * and the semantic checks (graph, references, conditions). Every problem is reported at once
 * with its JSON path and a hint. Knows nothing of BPMN, Camunda or HTTP.
 *
 * <p>{@link dev.baton.spec.SpecReader} is the entry point; it composes the package-private
 * {@code LimitsCheck} ({@link dev.baton.spec.SpecLimits}: size, nesting and counts first and
 * alone, then every string and number), {@code JsonSchemaCheck} (schema from {@code
 * baton/schema/baton-workflow.schema.json} on the classpath, copied from {@code
 * processes/schema}), {@code SpecBinder} and {@code SemanticChecks} (which also refuses role
 * and user ids outside {@link dev.baton.spec.IdentityIds} and {@code matches} patterns outside
 * the {@link dev.baton.spec.RegexDialect}). The format is described in {@code
 * docs/spec-reference.md}.
 */
package dev.baton.spec;
