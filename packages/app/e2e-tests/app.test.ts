import { test, expect } from '@playwright/test';
import { screenshot, signIn } from '../../../e2e-tests/portal';

test('the portal lists this repository and shows the Meshplane backend health', async ({
  page,
}) => {
  await signIn(page);

  // The catalog lists this repository's System once the catalog has processed
  // catalog-info.yaml (on a cold start, shortly after the backend is up).
  await expect(async () => {
    await page.goto('/catalog?filters%5Bkind%5D=system&filters%5Buser%5D=all');
    await expect(
      page.getByRole('link', { name: 'Meshplane', exact: true }),
    ).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 120_000, intervals: [1_000, 2_000, 5_000] });
  await page.screenshot({
    path: screenshot('catalog-systems.png'),
    fullPage: true,
  });

  // The Meshplane page calls the backend's health endpoint and renders the answer.
  await page.goto('/meshplane');
  await expect(page.getByText('Meshplane backend')).toBeVisible();
  // The health line (the metrics sources card below says `ok` too).
  const health = page.getByText('Meshplane backend').locator('..');
  await expect(health.getByText('ok', { exact: true })).toBeVisible();
  await expect(health.getByText(/^\d+\.\d+\.\d+$/)).toBeVisible();
  await page.screenshot({
    path: screenshot('meshplane-health.png'),
    fullPage: true,
  });
});

test("Backstage's routes: the catalog at /catalog lists the demo's mesh services", async ({
  page,
}) => {
  await signIn(page);
  // The catalog module turns the demo fleet's services into Components.
  await expect(async () => {
    await page.goto(
      '/catalog?filters%5Bkind%5D=component&filters%5Btype%5D=service&filters%5Buser%5D=all',
    );
    for (const name of [
      'productpage.bookinfo',
      'reviews.bookinfo',
      'payments-api.payments',
    ]) {
      await expect(page.getByRole('link', { name, exact: true })).toBeVisible({
        timeout: 5_000,
      });
    }
  }).toPass({ timeout: 120_000, intervals: [1_000, 2_000, 5_000] });
  // Names stay on one line: the link is one line high. (The table may still re-render: wait for
  // the link to be attached and visible before measuring it.)
  const name = page.getByRole('link', {
    name: 'productpage.bookinfo',
    exact: true,
  });
  await expect(name).toBeVisible();
  // Measured in one evaluation, retried while the table re-renders the row under us.
  await expect(async () => {
    const lines = await name.evaluate(
      el =>
        el.getBoundingClientRect().height /
        parseFloat(getComputedStyle(el).lineHeight),
    );
    expect(lines).toBeLessThan(1.5);
  }).toPass({ timeout: 30_000 });
  await page.screenshot({
    path: screenshot('catalog-services.png'),
    fullPage: true,
  });

  // kubernetes-cluster Resources show their live status, network, region and Istio revision.
  await page.goto(
    '/catalog?filters%5Bkind%5D=resource&filters%5Btype%5D=kubernetes-cluster&filters%5Buser%5D=all',
  );
  const east1 = page.getByRole('row').filter({
    has: page.getByRole('link', { name: 'east-1', exact: true }),
  });
  await expect(east1.getByText('synced', { exact: true })).toBeVisible();
  await expect(east1.getByText('net-east', { exact: true })).toBeVisible();
  await expect(east1.getByText('us-east-1', { exact: true })).toBeVisible();
  for (const header of ['Status', 'Network', 'Region', 'Istio revision']) {
    await expect(
      page.getByRole('columnheader', { name: header }),
    ).toBeVisible();
  }
  await page.screenshot({
    path: screenshot('catalog-clusters.png'),
    fullPage: true,
  });
});

test("the home page shows the guest's mesh services, open requests and fleet health", async ({
  page,
}) => {
  await signIn(page);
  await page.goto('/');
  const services = page.getByTestId('meshplane-home-my-services');
  // The guest is a member of bookinfo-team (examples/org.yaml), which owns bookinfo's services.
  await expect(async () => {
    await page.goto('/');
    await expect(
      services.getByRole('link', { name: 'reviews.bookinfo' }),
    ).toBeVisible({ timeout: 10_000 });
  }).toPass({ timeout: 120_000, intervals: [2_000, 5_000] });
  await expect(
    services.getByRole('link', { name: 'payments-api.payments' }),
  ).toHaveCount(0);
  await expect(services.getByText(/connection/).first()).toBeVisible();
  await expect(page.getByTestId('meshplane-home-fleet-health')).toContainText(
    /clusters? in sync/,
  );
  await expect(page.getByTestId('meshplane-home-open-requests')).toBeVisible();
  await page.screenshot({ path: screenshot('home.png'), fullPage: true });

  await services.getByRole('link', { name: 'reviews.bookinfo' }).click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/reviews\.bookinfo\/mesh$/,
  );
  await expect(page.getByTestId('meshplane-entity-mesh')).toBeVisible();
});
