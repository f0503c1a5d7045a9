/**
 * Prompt templates as data: named templates with immutable numbered versions in Baton's own
 * tables (Flyway V14), shared by every engine node and worker through the database, seeded from
 * {@code processes/prompts/*.md} without ever adding a file's text over a version written
 * through the API. Deploy checks find a template here ({@link dev.baton.prompt.PromptSource}),
 * the compiled workflow pins the version it was checked against, and the worker renders that
 * version ({@link dev.baton.prompt.PromptStore#version}). Nothing here knows Camunda.
 */
package dev.baton.prompt;
