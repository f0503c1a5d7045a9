-- Prompt templates as data (issue 17): a template is a name, owned by a tenant (NULL: shared
-- with every tenant, as those seeded from processes/prompts/ are), with numbered versions that
-- are never changed or deleted: a new text is a new version. Deployed workflows pin the version
-- they were checked against, so a run renders the same text whenever and wherever it runs.
-- Names are unique across tenants, as workflow slugs are. VARCHAR rather than TEXT/CLOB so one
-- script serves H2 and PostgreSQL.
CREATE TABLE baton_prompt (
    name        VARCHAR(64)  NOT NULL PRIMARY KEY,
    tenant_id   VARCHAR(64),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- source: 'file' (seeded from processes/prompts/) or 'api' (PUT /api/prompts/{name}); a start-up
-- never adds a file's text over a version that came through the API
CREATE TABLE baton_prompt_version (
    name        VARCHAR(64)      NOT NULL REFERENCES baton_prompt (name),
    version     INTEGER          NOT NULL,
    body        VARCHAR(1000000) NOT NULL,
    source      VARCHAR(16)      NOT NULL,
    created_by  VARCHAR(255),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (name, version)
);
