-- The reply journal is kept after its task completed, for replay (docs/replay.md): a run's
-- recorded executions, one row per external task, so a node that ran several times in a loop
-- has one row per round, in recorded_at order. completed_at is set (instead of deleting the
-- row) in the transaction that completes the task; find-by-task-id, the idempotency contract,
-- is unchanged. prompt is the rendered prompt the model was given, redacted like the output.
-- Rows of runs whose history is gone are deleted by JournalRetention (idempotent, any node).
ALTER TABLE baton_reply_journal ADD COLUMN prompt VARCHAR(10000000);
ALTER TABLE baton_reply_journal ADD COLUMN completed_at TIMESTAMP WITH TIME ZONE;

CREATE INDEX baton_reply_journal_completed ON baton_reply_journal (completed_at);
