module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  overrides: [
    {
      // Browser tests share the portal helpers in the repository's e2e-tests/ folder.
      files: ['e2e-tests/**'],
      rules: { '@backstage/no-relative-monorepo-imports': 'off' },
    },
  ],
});
