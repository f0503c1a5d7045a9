-- The budget in force for each run: written when the run starts (its start listener, whatever
-- the entry point) from the workflow's spec (metadata.budget_usd), else its workflow budget's
-- per_run_usd, else baton.budget.default-per-run-usd, never from a variable the caller
-- passed; raised only by an approved budget override. Every reader (the worker's reservation,
-- the budget check's facts, overrides, cost report and run status, the approval review, tool
-- budgets) reads it here. The variable baton_budget_usd is a display copy.
CREATE TABLE baton_run_budget (
    run_id        VARCHAR(64)     NOT NULL PRIMARY KEY,
    workflow_id   VARCHAR(64)     NOT NULL,
    tenant_id     VARCHAR(64)     NOT NULL,
    budget_usd    NUMERIC(18, 8)  NOT NULL,
    -- spec, workflow_budget, default, or retried (carried over from the run a retry restarted)
    source        VARCHAR(32)     NOT NULL,
    raised_usd    NUMERIC(18, 8)  NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
