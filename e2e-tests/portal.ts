import { expect, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/*
 * What every browser test shares about the portal started by scripts/portal.ts (playwright.config.ts):
 * where the backend and the demo fleet's control endpoint are, where screenshots go, and signing in.
 * MESHPLANE_PORTAL_STATE points at the portal's state.json when the portal runs from another checkout.
 */

export const repoRoot = join(__dirname, '..');

export const backendUrl =
  process.env.PLAYWRIGHT_BACKEND_URL ?? 'http://localhost:7007';

/** Path of a screenshot artifact (artifacts/ is git-ignored). */
export const screenshot = (name: string) =>
  join(repoRoot, 'artifacts', 'screenshots', name);

export const portalStatePath =
  process.env.MESHPLANE_PORTAL_STATE ??
  join(repoRoot, '.tools', 'portal', 'state.json');

/** The demo fleet the portal started: its control endpoint (faults) and kubeconfig. */
export function portalState(): { controlUrl: string; kubeconfig: string } {
  const state = JSON.parse(readFileSync(portalStatePath, 'utf8'));
  return {
    controlUrl: state.controlUrl,
    kubeconfig: join(portalStatePath, '..', 'kubeconfig'),
  };
}

/**
 * Signs in as the guest and waits until the app shows its sidebar: navigating before the
 * sign-in completes (slow on a cold backend) lands on the sign-in page again.
 */
export async function signIn(page: Page) {
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  await expect(enter).toBeVisible();
  // The guest sign-in asks the backend: retried while it is busy (starting, or restarting on
  // a code change under `yarn start`).
  await expect(async () => {
    if (await enter.isVisible()) await enter.click();
    await expect(enter).toBeHidden({ timeout: 10_000 });
  }).toPass({ timeout: 60_000 });
  await expect(
    page.getByRole('link', { name: 'Catalog' }).first(),
  ).toBeVisible();
}

/**
 * On a Mesh tab whose answer is joined with observed traffic (the demo portal runs a
 * Prometheus), switches to "All permitted callers": every connection the configuration
 * allows, as without a metrics source. Without the traffic toolbar (no Prometheus), nothing
 * to do.
 */
export async function showAllCallers(page: Page) {
  const toolbar = page.getByTestId('meshplane-traffic-toolbar');
  if (!(await toolbar.isVisible())) return;
  const all = toolbar.getByRole('button', { name: 'All permitted callers' });
  await all.click();
  await expect(page).toHaveURL(/callers=all/);
  await expect(all).toHaveAttribute('aria-pressed', 'true');
  await expect(toolbar.getByRole('progressbar')).toHaveCount(0);
}
