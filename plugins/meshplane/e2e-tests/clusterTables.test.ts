import { expect, Page, test } from '@playwright/test';
import { screenshot, signIn } from '../../../e2e-tests/portal';
import { tableLayoutProblems } from '../../../e2e-tests/tableLayout';

/*
 * The cluster tables (the Mesh tab's Clusters and Workloads, the fleet page's
 * Clusters card) at 1280 px and 1920 px on the demo fleet, with west-1 shown
 * as unreachable (the answers are rewritten in the browser; no cluster is
 * taken down): every column in view, headers whole, no word broken, and
 * west-1's counts marked stale.
 */

/** Rewrites the cluster answers so that west-1 reads as unreachable for 7 minutes. */
async function westUnreachable(page: Page) {
  const lastSync = new Date(Date.now() - 7 * 60_000).toISOString();
  const down = (cluster: { name: string; host?: string }) =>
    cluster.name === 'west-1'
      ? {
          ...cluster,
          status: 'unreachable',
          lastSync,
          staleKinds: ['Deployment', 'Pod', 'ReplicaSet', 'Service'],
          ...(cluster.host
            ? {
                lastError: {
                  reason: 'unreachable',
                  message: 'discovery /version: connect ECONNREFUSED',
                  at: lastSync,
                },
              }
            : {}),
        }
      : cluster;
  await page.route(/\/api\/meshplane\/(clusters|entity\/)/, async route => {
    let body;
    try {
      const response = await route.fetch({
        headers: { ...route.request().headers(), 'if-none-match': '' },
      });
      body = await response.json();
    } catch (error) {
      // The page navigated away (or the test ended) while the answer was in flight:
      // Playwright disposes the response and the request no longer matters.
      if (/disposed|closed/i.test(String(error))) return;
      throw error;
    }
    if (body.items) body.items = body.items.map(down);
    if (body.clusters) body.clusters = body.clusters.map(down);
    await route.fulfill({ json: body }).catch(error => {
      if (!/disposed|closed|already handled/i.test(String(error))) throw error;
    });
  });
}

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
]) {
  test.describe(`the cluster tables at ${viewport.width} px`, () => {
    test.use({ viewport });

    test('the Mesh tab shows every column whole and west-1 stale', async ({
      page,
    }) => {
      await westUnreachable(page);
      await signIn(page);
      await expect(async () => {
        await page.goto('/catalog/default/component/reviews.bookinfo/mesh');
        await expect(page.getByTestId('meshplane-clusters')).toBeVisible({
          timeout: 15_000,
        });
      }).toPass({ timeout: 180_000, intervals: [2_000, 5_000] });
      const clusters = page.getByTestId('meshplane-clusters');
      await expect(clusters.getByText('live').first()).toBeVisible();
      await expect(clusters.getByText(/^as of /).first()).toBeVisible();
      expect(
        await tableLayoutProblems(page, '[data-testid=meshplane-clusters]'),
      ).toEqual([]);
      await clusters.screenshot({
        path: screenshot(`meshplane-clusters-${viewport.width}.png`),
      });
    });

    test('the fleet page shows every column whole and west-1 stale', async ({
      page,
    }) => {
      await westUnreachable(page);
      await signIn(page);
      await page.goto('/meshplane');
      const clusters = page.getByTestId('meshplane-fleet-clusters');
      await expect(clusters.getByText('east-1', { exact: true })).toBeVisible();
      await expect(clusters.getByText(/^as of /)).toBeVisible();
      expect(
        await tableLayoutProblems(
          page,
          '[data-testid=meshplane-fleet-clusters]',
        ),
      ).toEqual([]);
      await clusters.screenshot({
        path: screenshot(`meshplane-fleet-clusters-${viewport.width}.png`),
      });
    });
  });
}
