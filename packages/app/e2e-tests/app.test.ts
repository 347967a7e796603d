import { test, expect } from '@playwright/test';

test('the portal lists this repository and shows the Meshplane backend health', async ({
  page,
}) => {
  await page.goto('/');
  const enterButton = page.getByRole('button', { name: 'Enter' });
  await expect(enterButton).toBeVisible();
  await enterButton.click();

  // The catalog (the landing page) lists this repository's System.
  await page.goto('/?filters%5Bkind%5D=system&filters%5Buser%5D=all');
  await expect(
    page.getByRole('link', { name: 'Meshplane', exact: true }),
  ).toBeVisible();
  await page.screenshot({
    path: 'artifacts/screenshots/catalog-systems.png',
    fullPage: true,
  });

  // The Meshplane page calls the backend's health endpoint and renders the answer.
  await page.goto('/meshplane');
  await expect(page.getByText('Meshplane backend')).toBeVisible();
  await expect(page.getByText('ok', { exact: true })).toBeVisible();
  await expect(page.getByText(/^\d+\.\d+\.\d+$/)).toBeVisible();
  await page.screenshot({
    path: 'artifacts/screenshots/meshplane-health.png',
    fullPage: true,
  });
});
