-- Child runs (issue 17 part 8, meta-tools): an agent whose tools allow it starts a run of a
-- workflow from inside its own run. baton_run_link links each child to its parent (and the root
-- of its tree); request_key makes a replayed tool call (the external task retried after a
-- crash) find the child it started instead of starting a second one. baton_run_ancestor holds
-- every (run, ancestor) pair so that the spend of a run's descendants, at any depth, is one
-- indexed join. baton_run_family counts children per run and runs per tree: the counts are
-- raised by conditional UPDATEs, so the row lock decides between parallel branches on any
-- engine node.
CREATE TABLE baton_run_link (
    child_run_id    VARCHAR(64)   NOT NULL PRIMARY KEY,
    parent_run_id   VARCHAR(64)   NOT NULL,
    root_run_id     VARCHAR(64)   NOT NULL,
    depth           INTEGER       NOT NULL,
    workflow_id     VARCHAR(64)   NOT NULL,
    parent_node_id  VARCHAR(255),
    parent_task_id  VARCHAR(64),
    request_key     VARCHAR(64)   NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT baton_run_link_request UNIQUE (parent_run_id, request_key)
);
CREATE INDEX baton_run_link_root ON baton_run_link (root_run_id);

CREATE TABLE baton_run_ancestor (
    run_id          VARCHAR(64)   NOT NULL,
    ancestor_run_id VARCHAR(64)   NOT NULL,
    distance        INTEGER       NOT NULL,
    PRIMARY KEY (run_id, ancestor_run_id)
);
CREATE INDEX baton_run_ancestor_of ON baton_run_ancestor (ancestor_run_id);

CREATE TABLE baton_run_family (
    run_id          VARCHAR(64)   NOT NULL PRIMARY KEY,
    root_run_id     VARCHAR(64)   NOT NULL,
    depth           INTEGER       NOT NULL,
    children        INTEGER       NOT NULL,
    descendants     INTEGER       NOT NULL
);
