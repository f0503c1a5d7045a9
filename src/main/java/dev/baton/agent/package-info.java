/**
 * Agent tasks at run time: the worker that fetches Camunda external tasks of topic {@code
 * baton-agent}, renders the node's prompt, calls the model from the catalogue and completes
 * the task with the node's output (or fails it as an incident or a routed BPMN error); the
 * reply journal that keeps a finished call from being paid twice (and, kept after completion, is
 * the run's recording that replay reads: {@link dev.baton.agent.RecordedReplies}), and the lock keeper that
 * extends a task's lock while its call runs; backpressure while a provider is in trouble (a
 * task waits in the engine with its retries kept, calls its fallback model, or becomes an
 * incident after the model's patience: {@link dev.baton.agent.ProviderPatience}) and the log
 * line and metric of every incident the worker raises ({@link dev.baton.agent.IncidentLog});
 * a bound on the tasks doing database work at once, however many calls are in flight ({@link
 * dev.baton.agent.Bookkeeping}).
 * The one place where Camunda and the LLM layer
 * meet.
 */
package dev.baton.agent;
