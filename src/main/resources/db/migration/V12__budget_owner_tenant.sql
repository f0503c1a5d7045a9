-- Who owns a budget row: the tenant of the workflow it limits, or the tenant it limits. Only
-- that tenant's operators see and change it. Rows from before tenants belong to the default.
ALTER TABLE baton_budget ADD COLUMN owner_tenant_id VARCHAR(64) DEFAULT 'default' NOT NULL;
UPDATE baton_budget SET owner_tenant_id = tenant_id WHERE tenant_id IS NOT NULL;
