-- Uninstalling an agent bundle (issue 17 part 5): an operator takes an installed bundle out of
-- service ('uninstalled'); the approval's decided_by/decided_at/reason stay as they were, the
-- uninstall is recorded beside them. A newer version's approval marks the versions it replaces
-- 'superseded', so exactly one version of a bundle is 'installed' per tenant; the update below
-- applies that to bundles approved before this migration.
ALTER TABLE baton_bundle ADD COLUMN uninstalled_by VARCHAR(255);
ALTER TABLE baton_bundle ADD COLUMN uninstalled_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE baton_bundle ADD COLUMN uninstall_reason VARCHAR(2000);
UPDATE baton_bundle SET state = 'superseded'
 WHERE state = 'installed'
   AND EXISTS (SELECT 1 FROM baton_bundle newer
                WHERE newer.tenant_id = baton_bundle.tenant_id
                  AND newer.name = baton_bundle.name
                  AND newer.state = 'installed'
                  AND newer.id > baton_bundle.id);
