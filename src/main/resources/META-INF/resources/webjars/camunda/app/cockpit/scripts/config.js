// Baton's configuration of Camunda Cockpit (replaces the webapp's default config.js)
export default {
  app: {
    name: 'Cockpit',
    vendor: 'Baton'
  },
  customScripts: ['../baton/branding']
};
