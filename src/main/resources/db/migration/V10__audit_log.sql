-- The tamper-evident audit log (dev.baton.audit): one row per recorded action, hash-chained.
-- Each entry holds the SHA-256 of the entry before it (prev_hash) and its own hash over a
-- canonical encoding of its fields (AuditHash), so an altered, inserted or deleted row breaks
-- the chain at that row (GET /api/audit/verify). Rows are only ever inserted.
CREATE TABLE baton_audit_log (
    seq            BIGINT           NOT NULL PRIMARY KEY,
    occurred_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    action         VARCHAR(100)     NOT NULL,
    actor          VARCHAR(255)     NOT NULL,
    tenant_id      VARCHAR(64),
    resource_type  VARCHAR(64),
    resource_id    VARCHAR(255),
    run_id         VARCHAR(64),
    details        VARCHAR(1000000),
    prev_hash      CHAR(64)         NOT NULL,
    hash           CHAR(64)         NOT NULL
);

CREATE INDEX baton_audit_log_action ON baton_audit_log (action, seq);
CREATE INDEX baton_audit_log_actor ON baton_audit_log (actor, seq);
CREATE INDEX baton_audit_log_run ON baton_audit_log (run_id, seq);
CREATE INDEX baton_audit_log_resource ON baton_audit_log (resource_id, seq);
CREATE INDEX baton_audit_log_tenant ON baton_audit_log (tenant_id, seq);
CREATE INDEX baton_audit_log_time ON baton_audit_log (occurred_at);

-- The head of the chain: the last entry's number and hash. Appending locks this one row, so
-- appends are serialized across threads and engine nodes sharing the database; the last
-- entry cannot be deleted unnoticed either (the head still names it).
CREATE TABLE baton_audit_head (
    id    INTEGER  NOT NULL PRIMARY KEY,
    seq   BIGINT   NOT NULL,
    hash  CHAR(64) NOT NULL
);

INSERT INTO baton_audit_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
