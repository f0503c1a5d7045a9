-- Agents belong to a tenant: a team's agents are seen, matched and changed only in its tenant.
-- NULL: shared with every tenant (the defaults Baton ships), changed only by administrators.
-- Slugs stay unique across tenants, since deployed workflows name their agent by slug.
ALTER TABLE baton_agent ADD COLUMN tenant_id VARCHAR(64);
CREATE INDEX baton_agent_tenant ON baton_agent (tenant_id);
