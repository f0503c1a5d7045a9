-- One row per budget threshold crossing that was alerted: the primary key makes "one alert per
-- crossing" hold across threads and engine nodes (the first insert wins; a day's or month's
-- crossing has its period in the key, so the next period alerts again).
CREATE TABLE baton_budget_alert (
    crossing_key   VARCHAR(400)   NOT NULL PRIMARY KEY,
    run_id         VARCHAR(64)    NOT NULL,
    workflow_id    VARCHAR(64)    NOT NULL,
    tenant_id      VARCHAR(64)    NOT NULL,
    alert_on       VARCHAR(64)    NOT NULL,
    reason         VARCHAR(2000)  NOT NULL,
    raised_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

-- A task fetched again (its worker died, its lock expired) releases what its earlier attempt
-- still holds: found by task id.
CREATE INDEX baton_budget_reservation_task ON baton_budget_reservation (task_id);
