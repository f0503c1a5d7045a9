/**
 * How Camunda evaluates Baton's decision tables: a FEEL engine that parses each expression of
 * a deployed table once instead of on every evaluation, plugged into the process engine's DMN
 * engine. The budget check runs before every agent task, so its cost is paid per task.
 */
package dev.baton.decision;
