-- Every reservation first looks for what earlier attempts of its task still hold. Held rows are
-- only the calls in flight (settled and released ones pile up): an index led by the status finds
-- them without scanning the table, which the task-id index could not do for "task_id = ? OR
-- task_id LIKE ?" (a further call of a task is held as "<task id>#<n>").
CREATE INDEX baton_budget_reservation_held ON baton_budget_reservation (status, task_id);
