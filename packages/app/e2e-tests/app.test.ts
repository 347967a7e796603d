import { test, expect } from '@playwright/test';
import { screenshot, signIn } from '../../../e2e-tests/portal';

test('the portal lists this repository and shows the Meshplane backend health', async ({
  page,
}) => {
  await signIn(page);

  // The catalog (the landing page) lists this repository's System once the catalog has
  // processed catalog-info.yaml (on a cold start, shortly after the backend is up).
  await expect(async () => {
    await page.goto('/?filters%5Bkind%5D=system&filters%5Buser%5D=all');
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
  await expect(page.getByText('ok', { exact: true })).toBeVisible();
  await expect(page.getByText(/^\d+\.\d+\.\d+$/)).toBeVisible();
  await page.screenshot({
    path: screenshot('meshplane-health.png'),
    fullPage: true,
  });
});
