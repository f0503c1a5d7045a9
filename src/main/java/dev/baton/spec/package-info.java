/**
 * The workflow spec: the JSON DAG format teams write. Owns reading JSON (with line and column
 * for malformed input), checking it against the published JSON Schema, binding it to records,
 * and the semantic checks (graph, references, conditions). Every problem is reported at once
 * with its JSON path and a hint. Knows nothing of BPMN, Camunda or HTTP.
 */
package dev.baton.spec;
