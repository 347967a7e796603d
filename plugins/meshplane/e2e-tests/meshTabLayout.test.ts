import { expect, Page, test } from '@playwright/test';
import { screenshot, signIn } from '../../../e2e-tests/portal';
import { tableLayoutProblems } from '../../../e2e-tests/tableLayout';

/*
 * How the Mesh tab reads at 1280 px and 1920 px wide, on the demo fleet: table
 * headers whole and words never broken mid-word in the posture, findings and
 * readiness tables, topology names at a readable size (a small graph whole, a cluster's
 * readable rather than whole), and a gateway worded as a gateway.
 */

/** Smallest on-screen size of a topology node name (px). */
const READABLE_PX = 12;

const entities = {
  service: '/catalog/default/component/payments-api.payments',
  smallService: '/catalog/default/component/reviews.bookinfo',
  gateway: '/catalog/default/resource/istio-ingressgateway.istio-ingress',
  cluster: '/catalog/default/resource/east-1',
};

/** Opens an entity's Mesh tab, waiting for the catalog to have the entity on a cold portal. */
async function openMeshTab(page: Page, entity: string) {
  await expect(async () => {
    await page.goto(`${entity}/mesh`);
    await expect(page.getByTestId('meshplane-findings')).toBeVisible({
      timeout: 15_000,
    });
  }).toPass({ timeout: 180_000, intervals: [2_000, 5_000] });
  await expect(page.getByTestId('meshplane-posture')).toBeVisible();
  await expect(page.getByTestId('meshplane-topology')).toBeVisible();
}

/** The on-screen size of the topology's node names and whether the drawing lies inside the view. */
async function topologyView(page: Page) {
  return page.getByTestId('meshplane-topology').evaluate(root => {
    const viewport = root.querySelector('svg')!;
    const drawing = viewport.querySelector(':scope > g') as SVGGElement;
    const name = drawing.querySelector('[data-node-type] text:nth-of-type(2)')!;
    const scale = (name as SVGGraphicsElement).getScreenCTM()!.a;
    const view = viewport.getBoundingClientRect();
    const box = drawing.getBoundingClientRect();
    return {
      namePx: parseFloat(getComputedStyle(name).fontSize) * scale,
      whole:
        box.left >= view.left - 1 &&
        box.right <= view.right + 1 &&
        box.top >= view.top - 1 &&
        box.bottom <= view.bottom + 1,
    };
  });
}

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
]) {
  test.describe(`the Mesh tab at ${viewport.width} px`, () => {
    test.describe.configure({ timeout: 300_000 });
    test.use({ viewport });

    test('tables keep their headers whole and never break a word', async ({
      page,
    }) => {
      await signIn(page);
      for (const [name, entity] of Object.entries(entities)) {
        await openMeshTab(page, entity);
        expect(
          await tableLayoutProblems(
            page,
            '[data-testid=meshplane-posture], [data-testid=meshplane-findings], [data-testid=meshplane-readiness]',
          ),
          name,
        ).toEqual([]);
        await page.getByTestId('meshplane-posture').screenshot({
          path: screenshot(`meshplane-posture-${name}-${viewport.width}.png`),
        });
      }
    });

    test('the topology fits a small graph and opens a cluster readable', async ({
      page,
    }) => {
      await signIn(page);
      await openMeshTab(page, entities.smallService);
      const small = await topologyView(page);
      expect(small.whole).toBe(true);
      expect(small.namePx).toBeGreaterThanOrEqual(READABLE_PX - 0.1);
      await page.getByTestId('meshplane-topology').screenshot({
        path: screenshot(`meshplane-topology-small-${viewport.width}.png`),
      });

      await openMeshTab(page, entities.cluster);
      const cluster = await topologyView(page);
      expect(cluster.namePx).toBeGreaterThanOrEqual(READABLE_PX - 0.1);
      await expect(
        page.getByText(
          'Part of the graph is out of view: drag to pan, or zoom out',
        ),
      ).toBeVisible();
      await page.getByTestId('meshplane-topology').screenshot({
        path: screenshot(`meshplane-topology-cluster-${viewport.width}.png`),
      });
    });
  });
}

test('a gateway is worded as a gateway: its Gateway servers decide, PeerAuthentication does not apply', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await signIn(page);
  await openMeshTab(page, entities.gateway);
  const posture = page.getByTestId('meshplane-posture');
  await expect(
    posture.getByText('workload policy: does not apply (gateway)').first(),
  ).toBeVisible();
  await expect(
    posture.getByText('Gateway servers', { exact: true }).first(),
  ).toBeVisible();
  await expect(
    posture.getByText(/send plaintext to the gateway/).first(),
  ).toBeVisible();
  await expect(
    posture.getByText(/no sidecar: accepts plaintext only|Istio default/),
  ).toHaveCount(0);
  await expect(posture.getByText(/moving to STRICT/)).toHaveCount(0);
});
