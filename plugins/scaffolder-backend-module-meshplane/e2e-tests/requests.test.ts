import { APIRequestContext, expect, Page, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import {
  portalState,
  portalStatePath,
  screenshot,
  signIn,
} from '../../../e2e-tests/portal';

/*
 * Browser tests of self-service mesh requests against the running portal with the demo fleet
 * (scripts/portal.ts): a bookinfo team member runs the group templates, the request is
 * previewed, approved and rolled out to the demo clusters, with west-1 taken down by the
 * simulator's control endpoint to show PARTIAL and the retry. Screenshots go to
 * artifacts/screenshots/. MESHPLANE_PORTAL_STATE points at the portal's state.json when the
 * portal runs from another checkout.
 *
 * The demo portal signs in as one user, so scripts/portal.ts lets that user approve its own
 * requests (meshplane.permissions.allowSelfApproval in the demo's generated config). That
 * requesters cannot approve their own requests otherwise is tested with several users in
 * plugins/meshplane-backend/src/requests/router.test.ts.
 */

/** A name no earlier run used, so runs never see each other's objects. */
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}`;

/** Opens a template once the catalog has it. */
async function openTemplate(page: Page, name: string) {
  await expect(async () => {
    await page.goto(`/create/templates/default/${name}`);
    await expect(page.getByRole('button', { name: 'Next' })).toBeVisible({
      timeout: 5_000,
    });
  }).toPass({ timeout: 120_000, intervals: [2_000, 5_000] });
}

/** Fills the first step shared by the templates: workspace (owned Systems), group name, namespaces. */
async function chooseWorkspace(
  page: Page,
  groupName: string,
  selectors: string[],
) {
  const workspace = page
    .getByRole('combobox', { name: /Workspace/ })
    .or(page.getByLabel(/Workspace/))
    .first();
  await workspace.click();
  await workspace.fill('bookinfo');
  await page
    .getByRole('option', { name: /bookinfo/ })
    .first()
    .click();
  await page.getByLabel('Group name').fill(groupName);
  for (const selector of selectors) {
    await page.getByLabel(selector).check();
  }
  await page.getByRole('button', { name: 'Next' }).click();
}

/** Reviews (from the last form step), creates, waits for the task and opens the request it made. */
async function createAndOpenRequest(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();
  const link = page.getByRole('link', { name: 'Open the request' });
  await expect(link).toBeVisible({ timeout: 90_000 });
  // The output link is absolute (app.baseUrl) and opens a new tab: follow it here.
  await page.goto((await link.getAttribute('href'))!);
  await expect(page.getByTestId('meshplane-request')).toBeVisible();
  return page.url().split('/').pop()!;
}

/** Runs the real kubectl against one demo cluster's bookinfo namespace; stdout as text. */
function kubectl(
  cluster: string,
  args: string[],
  stdio: 'pipe' | 'ignore' = 'pipe',
): string {
  const { kubeconfig } = portalState();
  return execFileSync(
    'kubectl',
    [
      '--kubeconfig',
      kubeconfig,
      '--context',
      cluster,
      '-n',
      'bookinfo',
      ...args,
    ],
    { encoding: 'utf8', stdio: ['ignore', stdio, stdio] },
  );
}

function kubectlGet(
  cluster: string,
  kind: string,
  name: string,
): any | undefined {
  try {
    return JSON.parse(
      kubectl(cluster, [
        'get',
        kind,
        name,
        '-o',
        'json',
        '--show-managed-fields',
      ]),
    );
  } catch (error) {
    if (
      /NotFound|not found/.test(String((error as { stderr?: string }).stderr))
    )
      return undefined;
    throw error;
  }
}

async function setFaults(
  request: APIRequestContext,
  cluster: string,
  faults: object,
) {
  const response = await request.post(
    `${portalState().controlUrl}/clusters/${cluster}/faults`,
    { data: faults },
  );
  expect(response.ok()).toBe(true);
}

/** Removes what Meshplane applied to bookinfo in earlier runs, so the preview starts from the demo fleet. */
function removeEarlierRollouts() {
  for (const cluster of ['east-1', 'east-2', 'west-1']) {
    kubectl(
      cluster,
      [
        'delete',
        'peerauthentications.security.istio.io,authorizationpolicies.security.istio.io,destinationrules.networking.istio.io',
        '-l',
        'app.kubernetes.io/managed-by=meshplane',
      ],
      'ignore',
    );
  }
}

test.beforeAll(() => {
  if (!existsSync(portalStatePath)) {
    throw new Error(
      `No portal state at ${portalStatePath}: start the portal with scripts/start (or set MESHPLANE_PORTAL_STATE)`,
    );
  }
  if (!existsSync('/usr/bin/kubectl')) {
    throw new Error(
      'kubectl (Debian package) is required to check and reset the demo clusters',
    );
  }
  removeEarlierRollouts();
});

test.describe('Mesh requests', () => {
  test('a team member requests a security group; an owner approves; west-1 down → PARTIAL, retry → READY; posture follows', async ({
    page,
    request,
  }) => {
    test.setTimeout(300_000);
    const group = unique('strict');
    await signIn(page);
    await openTemplate(page, 'meshplane-security-group');
    await page.screenshot({
      path: screenshot('requests-template-security.png'),
      fullPage: true,
    });
    await chooseWorkspace(page, group, [
      'bookinfo in east-1',
      'bookinfo in east-2',
      'bookinfo in west-1',
    ]);
    // Second step: REQUIRED (STRICT) and WORKSPACE are the defaults; say why.
    await expect(page.getByText('Traffic mode')).toBeVisible();
    await page
      .getByLabel('Why')
      .fill('Only the bookinfo workspace calls bookinfo, over mTLS');
    const id = await createAndOpenRequest(page);

    // The stored request: pending, previewed against the live fleet.
    await expect(
      page.getByText('PENDING approval', { exact: true }),
    ).toBeVisible();
    await expect(page.getByText('Namespace mTLS status').first()).toBeVisible();
    await expect(
      page.getByText(`create PeerAuthentication bookinfo/${group}`).first(),
    ).toBeVisible();
    await page
      .getByTestId('meshplane-request-preview')
      .screenshot({ path: screenshot('requests-pending-preview.png') });

    // The simulator takes west-1 down before the rollout.
    await setFaults(request, 'west-1', { down: true });
    try {
      const approve = page.getByRole('button', { name: 'Approve' });
      const waiting = page.getByText(
        /Waiting for an owner of the workspace other than the requester/,
      );
      await expect(approve.or(waiting)).toBeVisible();
      if (await waiting.isVisible()) {
        throw new Error(
          'The portal does not let its single demo user approve its own request: start the demo portal with scripts/start (it sets meshplane.permissions.allowSelfApproval)',
        );
      }
      await page.getByLabel('Comment').fill('approved by the bookinfo owners');
      await approve.click();
      await expect(page.getByText('APPROVED', { exact: true })).toBeVisible();
      // The page follows the rollout: two clusters READY, west-1 FAILED, the request PARTIAL.
      await expect(page.getByText('PARTIAL', { exact: true })).toBeVisible({
        timeout: 60_000,
      });
      await expect(
        page.getByRole('cell', { name: /west-1: cluster unreachable/ }).first(),
      ).toBeVisible();
      await page
        .getByTestId('meshplane-request')
        .screenshot({ path: screenshot('requests-partial.png') });
    } finally {
      await setFaults(request, 'west-1', {});
    }

    for (const cluster of ['east-1', 'east-2']) {
      const applied = kubectlGet(
        cluster,
        'peerauthentications.security.istio.io',
        group,
      );
      expect(applied?.spec).toEqual({ mtls: { mode: 'STRICT' } });
      expect(applied?.metadata.managedFields?.[0]?.manager).toBe('meshplane');
    }
    expect(
      kubectlGet('west-1', 'peerauthentications.security.istio.io', group),
    ).toBeUndefined();

    // Retry once west-1 is back: the request becomes READY, nothing else is applied again.
    const east1Version = kubectlGet(
      'east-1',
      'peerauthentications.security.istio.io',
      group,
    ).metadata.resourceVersion;
    await page.getByRole('button', { name: 'Retry failed clusters' }).click();
    await expect(
      page
        .getByRole('row', { name: /^west-1/ })
        .getByText('READY', { exact: true }),
    ).toBeVisible({ timeout: 60_000 });
    await expect(page.getByText('PARTIAL', { exact: true })).toBeHidden();
    expect(
      kubectlGet('west-1', 'authorizationpolicies.security.istio.io', group)
        ?.spec,
    ).toEqual({
      action: 'ALLOW',
      rules: [{ from: [{ source: { namespaces: ['bookinfo'] } }] }],
    });
    expect(
      kubectlGet('east-1', 'peerauthentications.security.istio.io', group)
        .metadata.resourceVersion,
    ).toBe(east1Version);
    await expect(page.getByRole('cell', { name: 'retried' })).toBeVisible();
    await page
      .getByTestId('meshplane-request')
      .screenshot({ path: screenshot('requests-ready.png') });

    // The workspace's Mesh tab shows the new policy deciding bookinfo's posture.
    await page.goto('/catalog/default/system/bookinfo');
    await page.getByRole('link', { name: 'Mesh', exact: true }).click();
    await expect(
      page
        .getByText(`PeerAuthentication bookinfo/${group} (namespace)`)
        .first(),
    ).toBeVisible({ timeout: 60_000 });
    await page.screenshot({
      path: screenshot('requests-posture-after.png'),
      fullPage: true,
    });

    // The workspace's requests tab lists it.
    await page
      .getByRole('navigation', { name: 'Content navigation' })
      .getByRole('link', { name: 'Mesh requests' })
      .click();
    await expect(
      page.getByRole('link', { name: `security group ${group}` }),
    ).toBeVisible();
    expect(page.url()).toContain('/mesh-requests');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    removeEarlierRollouts();
  });

  test('a DIRECT traffic group that turns TLS off towards STRICT servers shows the breaking edges in its preview', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await signIn(page);
    await openTemplate(page, 'meshplane-traffic-group');
    await chooseWorkspace(page, unique('plain'), ['bookinfo in east-1']);
    await page.getByLabel('Mode').click();
    await page.getByRole('option', { name: /Istio objects as YAML/ }).click();
    await page
      .getByRole('textbox', { name: /Istio objects/ })
      .fill(
        'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews-plain\nspec:\n  host: reviews.bookinfo.svc.cluster.local\n  trafficPolicy:\n    tls:\n      mode: DISABLE\n',
      );
    await page.getByRole('button', { name: 'Next' }).click();
    // Delivery: a request in Meshplane (the default).
    await createAndOpenRequest(page);
    await expect(page.getByText(/This request breaks traffic/)).toBeVisible();
    await expect(
      page.getByText('Edges that would start failing', { exact: true }),
    ).toBeVisible();
    await expect(
      page
        .getByText(/reviews-v1 port 9080 is STRICT and rejects plaintext/)
        .first(),
    ).toBeVisible();
    await page
      .getByTestId('meshplane-request-preview')
      .screenshot({ path: screenshot('requests-breaking-preview.png') });
  });

  test('bad input is refused with field-level messages', async ({ page }) => {
    test.setTimeout(180_000);
    await signIn(page);
    await openTemplate(page, 'meshplane-gateway-group');
    await chooseWorkspace(page, unique('shop'), ['bookinfo in east-1']);
    // One host and one route are there from the start (minItems 1).
    await page.locator('#root_settings_hosts_0').fill('shop_1.example.com');
    await page.locator('#root_settings_routes_0_service').fill('productpage');
    await page.locator('#root_settings_routes_0_port').fill('9080');
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('button', { name: 'Create' }).click();
    await expect(
      page.getByText(/Meshplane refused the request/).first(),
    ).toBeVisible({ timeout: 90_000 });
    await expect(
      page
        .getByText(
          /group\.settings\.hosts\[0\]: "shop_1\.example\.com" is not a valid DNS name/,
        )
        .first(),
    ).toBeVisible();
    await page.screenshot({
      path: screenshot('requests-refused.png'),
      fullPage: true,
    });
  });
});
