// Baton's configuration of the Welcome page (replaces the webapp's default config.js)
export default {
  app: {
    name: 'Welcome',
    vendor: 'Baton'
  },
  customScripts: ['../baton/branding'],
  links: [
    {
      label: 'Baton REST API',
      href: '/api/openapi',
      description: 'The OpenAPI description of Baton\'s API: workflows, runs, approvals, '
        + 'agents, budgets, audit'
    },
    {
      label: 'Baton guides',
      href: '/docs/',
      description: 'How approvers decide gates, how analysts edit workflows in Camunda '
        + 'Modeler, operations and security'
    },
    {
      label: 'Who am I in Baton',
      href: '/api/me',
      description: 'Your roles and tenants'
    }
  ]
};
