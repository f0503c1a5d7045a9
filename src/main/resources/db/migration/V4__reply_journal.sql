-- The reply journal: a node's output, stored once its model call(s) finished and before its
-- external task is completed, keyed by the external task. A retry or re-fetch of the same task
-- (a lost lock, a failed completion, a crash) completes from here instead of calling and
-- paying again. VARCHAR rather than TEXT/CLOB so one script serves H2 and PostgreSQL.
CREATE TABLE baton_reply_journal (
    task_id      VARCHAR(64)       NOT NULL PRIMARY KEY,
    run_id       VARCHAR(64)       NOT NULL,
    node_id      VARCHAR(255)      NOT NULL,
    output       VARCHAR(10000000) NOT NULL,
    recorded_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX baton_reply_journal_run ON baton_reply_journal (run_id);
