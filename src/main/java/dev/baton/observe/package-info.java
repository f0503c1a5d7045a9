/**
 * Tracing of runs (Micrometer Tracing over OpenTelemetry, exported by OTLP when {@code
 * management.otlp.tracing.endpoint} is set): one trace per run, whose context travels in the
 * run's variable {@code baton_traceparent} from the REST start through the engine's jobs to the
 * workers (in-process or remote); spans for every node, agent task, model call and tool use;
 * the run's events as structured log lines carrying run, node, tenant and trace ids; and spend
 * as a metric ({@code baton.cost.usd}).
 */
package dev.baton.observe;
