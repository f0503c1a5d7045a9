-- Hard caps that hold under concurrency: every limited scope (a run today; workflows and
-- tenants per day and month with the budgets API) has an account. committed_usd is settled
-- cost plus open reservations; a reservation is one conditional UPDATE, so the row lock
-- decides between concurrent calls, whichever engine node or worker makes them.
CREATE TABLE baton_budget_account (
    scope_key      VARCHAR(255)   NOT NULL PRIMARY KEY,
    limit_usd      NUMERIC(18, 8) NOT NULL,
    committed_usd  NUMERIC(18, 8) NOT NULL
);

-- One row per reserved model call: what is held against which accounts, until settled.
CREATE TABLE baton_budget_reservation (
    id             VARCHAR(64)    NOT NULL PRIMARY KEY,
    run_id         VARCHAR(64)    NOT NULL,
    node_id        VARCHAR(255)   NOT NULL,
    task_id        VARCHAR(64),
    scope_keys     VARCHAR(2000)  NOT NULL,
    amount_usd     NUMERIC(18, 8) NOT NULL,
    status         VARCHAR(16)    NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX baton_budget_reservation_run ON baton_budget_reservation (run_id);
