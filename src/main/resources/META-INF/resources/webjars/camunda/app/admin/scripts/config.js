// Baton's configuration of Camunda Admin (replaces the webapp's default config.js)
export default {
  app: {
    name: 'Admin',
    vendor: 'Baton'
  },
  customScripts: ['../baton/branding']
};
