-- Baton's processes (engine nodes, workers) and when each was last seen: every process writes
-- its own row every few seconds, so /api/system/status can say who is up without asking them
CREATE TABLE baton_node (
    node_id     VARCHAR(200) NOT NULL PRIMARY KEY,
    role        VARCHAR(16)  NOT NULL,
    started_at  TIMESTAMP    NOT NULL,
    last_seen   TIMESTAMP    NOT NULL
);
