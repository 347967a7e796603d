import { expect, test } from '@playwright/test';
import { screenshot, signIn } from '../../../e2e-tests/portal';

/*
 * The demo portal's catalog shows the fleet: a mesh service's page relates it
 * to the clusters it runs in (bookinfo/productpage runs in east-1 and east-2)
 * and to the demo team and system its namespace labels name.
 */
test('a mesh service page shows its clusters in the relations and its demo owner', async ({
  page,
}) => {
  await signIn(page);

  // The provider's first runs follow the backend's first sync of the fleet, and
  // the demo org is processed alongside: reload until both are in the catalog.
  await expect(async () => {
    await page.goto('/catalog/default/component/productpage.bookinfo');
    await expect(
      page.getByRole('heading', { name: 'productpage.bookinfo' }),
    ).toBeVisible({ timeout: 5_000 });
    await expect(
      page.getByText("which can't be found in the catalog"),
    ).toHaveCount(0);
  }).toPass({ timeout: 180_000 });

  const header = page.getByRole('main');
  await expect(
    header.getByRole('link', { name: 'bookinfo-team' }).first(),
  ).toBeVisible();
  await expect(
    header.getByRole('link', { name: 'bookinfo' }).first(),
  ).toBeVisible();

  const card = (title: string) =>
    page
      .getByRole('article')
      .filter({ has: page.getByRole('heading', { name: title, exact: true }) });

  const dependsOn = card('Depends on resources');
  await expect(
    dependsOn.getByRole('link', { name: 'east-1', exact: true }),
  ).toBeVisible();
  await expect(
    dependsOn.getByRole('link', { name: 'east-2', exact: true }),
  ).toBeVisible();
  await expect(
    dependsOn.getByRole('link', { name: 'west-1', exact: true }),
  ).toHaveCount(0);

  const relations = card('Relations');
  await expect(relations.getByText('east-1', { exact: true })).toBeVisible();
  await expect(relations.getByText('east-2', { exact: true })).toBeVisible();

  await page.screenshot({
    path: screenshot('catalog-mesh-service.png'),
    fullPage: true,
  });

  // The cluster's own page: a kubernetes-cluster Resource owned by the platform team.
  await dependsOn.getByRole('link', { name: 'east-1', exact: true }).click();
  await expect(
    page.getByRole('heading', { name: 'east-1', exact: true }),
  ).toBeVisible();
  await expect(card('About').getByText('kubernetes-cluster')).toBeVisible();
  await expect(
    card('About').getByRole('link', { name: 'platform-team' }),
  ).toBeVisible();
  await page.screenshot({
    path: screenshot('catalog-cluster.png'),
    fullPage: true,
  });
});
