import { expect, Page, test } from '@playwright/test';
import { screenshot, signIn } from '../../../e2e-tests/portal';

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
    const response = await route.fetch({
      headers: { ...route.request().headers(), 'if-none-match': '' },
    });
    const body = await response.json();
    if (body.items) body.items = body.items.map(down);
    if (body.clusters) body.clusters = body.clusters.map(down);
    await route.fulfill({ json: body });
  });
}

/**
 * Columns out of view, cut headers and words broken mid-word in the tables of
 * `root`: a line may only break after a space, a hyphen, a slash, a dot, a
 * colon, an underscore or an opening parenthesis, or between two elements.
 */
async function layoutProblems(page: Page, testId: string): Promise<string[]> {
  return page.getByTestId(testId).evaluate(root => {
    const problems: string[] = [];
    root.querySelectorAll('table').forEach(table => {
      const scroller = table.parentElement!.closest(
        '[class*="horizontalScrollContainer"]',
      );
      if (scroller && scroller.scrollWidth > scroller.clientWidth + 1)
        problems.push(
          `table wider than its card by ${
            scroller.scrollWidth - scroller.clientWidth
          } px`,
        );
      table.querySelectorAll('thead th').forEach(th => {
        if (th.scrollWidth > th.clientWidth + 1)
          problems.push(`header cut: ${th.textContent}`);
      });
      table.querySelectorAll('tbody td').forEach(td => {
        const walker = document.createTreeWalker(td, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text = (node as Text).data;
          const range = document.createRange();
          let lastTop: number | undefined;
          for (let i = 0; i < text.length; i++) {
            range.setStart(node, i);
            range.setEnd(node, i + 1);
            const rect = range.getClientRects()[0];
            if (!rect) continue;
            const top = Math.round(rect.top);
            if (
              lastTop !== undefined &&
              top > lastTop + 2 &&
              !/[\s\-/.:_(]/.test(text[i - 1]) &&
              !/\s/.test(text[i])
            ) {
              problems.push(
                `broken mid-word: ${text.slice(0, i)}|${text.slice(i)}`,
              );
            }
            lastTop = top;
          }
        }
      });
    });
    return problems;
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
      expect(await layoutProblems(page, 'meshplane-clusters')).toEqual([]);
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
      expect(await layoutProblems(page, 'meshplane-fleet-clusters')).toEqual(
        [],
      );
      await clusters.screenshot({
        path: screenshot(`meshplane-fleet-clusters-${viewport.width}.png`),
      });
    });
  });
}
