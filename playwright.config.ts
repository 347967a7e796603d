import { defineConfig } from '@playwright/test';
import { generateProjects } from '@backstage/e2e-test-utils/playwright';

/*
 * Browser tests: every package with an e2e-tests/ folder, in Debian's chromium (never a
 * downloaded browser), against the portal started by scripts/portal.ts with the demo fleet.
 * Screenshots go to artifacts/screenshots (git-ignored).
 */
const executablePath =
  process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  timeout: 120_000,
  expect: { timeout: 30_000 },
  workers: 1,
  webServer: process.env.PLAYWRIGHT_URL
    ? []
    : [
        {
          command:
            'node --require @backstage/cli/config/nodeTransform.cjs scripts/portal.ts',
          url: 'http://localhost:3000',
          reuseExistingServer: !process.env.CI,
          timeout: 600_000,
          stdout: 'ignore',
          stderr: 'pipe',
        },
      ],
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [
    ['list'],
    ['json', { outputFile: 'artifacts/playwright/results.json' }],
    ['html', { open: 'never', outputFolder: 'artifacts/playwright/report' }],
  ],
  use: {
    actionTimeout: 30_000,
    baseURL: process.env.PLAYWRIGHT_URL ?? 'http://localhost:3000',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  outputDir: 'artifacts/playwright/output',
  projects: (generateProjects() ?? []).map(project => ({
    ...project,
    use: {
      ...project.use,
      channel: undefined,
      launchOptions: {
        executablePath,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      },
    },
  })),
});
