/**
 * PII redaction: finds personal data and secrets (e-mail addresses, phone numbers, payment card
 * numbers that pass the Luhn check, API keys and tokens through {@link dev.baton.llm.Redactor},
 * and the operator's own patterns per PII domain) in text Baton is about to store or log, and
 * replaces each with a mask naming what it was ({@code [redacted:email]}). {@link Privacy} is
 * what other packages call where text enters storage (the reply journal, node outputs held as
 * process variables, the approver's review form, incident messages, the run input when so
 * configured); {@link RedactingLogFilter} covers every log line. Detection is pattern-based:
 * it can miss personal data written in an unexpected shape (docs/privacy.md).
 */
package dev.baton.privacy;
