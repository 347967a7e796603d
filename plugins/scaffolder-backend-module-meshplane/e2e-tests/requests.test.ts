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

/** From the last settings step: the Preview step, whose verdict is computed by Meshplane's dry run. */
async function preview(page: Page) {
  await page.getByRole('button', { name: 'Next' }).click();
  const verdict = page.getByTestId('meshplane-preview-verdict');
  await expect(verdict).toBeVisible({ timeout: 60_000 });
  return (await verdict.textContent())!;
}

/** Previews (from the last settings step), reviews, creates, waits for the task and opens the request it made. */
async function createAndOpenRequest(page: Page): Promise<string> {
  await preview(page);
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
        'peerauthentications.security.istio.io,authorizationpolicies.security.istio.io,destinationrules.networking.istio.io,gateways.gateway.networking.k8s.io,httproutes.gateway.networking.k8s.io',
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
    await page
      .getByRole('radio', { name: /Direct: Istio objects as YAML/ })
      .check();
    await page.getByRole('button', { name: 'Next' }).click();
    await page
      .getByRole('textbox', { name: /Istio objects/ })
      .fill(
        'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews-plain\nspec:\n  host: reviews.bookinfo.svc.cluster.local\n  trafficPolicy:\n    tls:\n      mode: DISABLE\n',
      );
    await page.getByRole('button', { name: 'Next' }).click();
    // Delivery: a request in Meshplane (the default).
    await expect(page.getByText('How to deliver')).toBeVisible();
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

  test("the security template submits only what its authorization mode uses, and the verdict leads from the Preview step to the request's page", async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await signIn(page);
    await openTemplate(page, 'meshplane-security-group');
    await chooseWorkspace(page, unique('callers'), ['bookinfo in east-1']);

    // CUSTOM with a service account picked from the workspace, then back to WORKSPACE.
    await page
      .getByRole('radio', { name: /The service accounts I pick/ })
      .check();
    await page
      .getByRole('checkbox', { name: /^bookinfo\/bookinfo-productpage/ })
      .check();
    await page
      .getByLabel('Another service account', { exact: true })
      .fill('istio-ingress/istio-ingressgateway');
    await page
      .getByRole('button', { name: 'Add another service account' })
      .click();
    await page.screenshot({
      path: screenshot('requests-security-custom-callers.png'),
      fullPage: true,
    });
    await page
      .getByRole('radio', { name: /Any namespace of the workspace/ })
      .check();
    await expect(
      page.getByLabel('Another service account', { exact: true }),
    ).toBeHidden();

    // The Preview step: Meshplane's dry run of exactly what Create would send.
    // WORKSPACE allows only bookinfo itself: the ingress gateway's route to productpage is denied.
    const verdict = await preview(page);
    expect(verdict).toMatch(
      /^Breaking: .*would be denied by an AuthorizationPolicy \(.*\)\. east-1: 2 to create\.$/,
    );
    await page.screenshot({
      path: screenshot('requests-preview-step.png'),
      fullPage: true,
    });
    await page.getByRole('button', { name: 'Review' }).click();
    await expect(
      page.getByRole('row', { name: /^Preview/ }).getByText(verdict),
    ).toBeVisible();
    await page.screenshot({
      path: screenshot('requests-review-verdict.png'),
      fullPage: true,
    });

    // The task is created with the authorization WORKSPACE uses: no stale list.
    const [creation] = await Promise.all([
      page.waitForRequest(
        r =>
          r.method() === 'POST' && r.url().endsWith('/api/scaffolder/v2/tasks'),
      ),
      page.getByRole('button', { name: 'Create' }).click(),
    ]);
    const body = creation.postDataJSON();
    expect(body.values.settings.authorization).toEqual({ mode: 'WORKSPACE' });
    expect(body.values.preview).toBe(verdict);

    // The request's page opens with the same verdict.
    const link = page.getByRole('link', { name: 'Open the request' });
    await expect(link).toBeVisible({ timeout: 90_000 });
    await page.goto((await link.getAttribute('href'))!);
    const top = page.getByTestId('meshplane-preview-verdict');
    await expect(top).toHaveText(verdict);
    await expect(
      page.getByText('Edges an AuthorizationPolicy would deny', {
        exact: true,
      }),
    ).toBeVisible();
    await expect(
      page
        .getByTestId('meshplane-request-preview')
        .getByText(/istio-ingressgateway.*productpage/)
        .first(),
    ).toBeVisible();
    await page.screenshot({
      path: screenshot('requests-page-verdict.png'),
      fullPage: true,
    });
  });

  test('a bad host name is refused in the form in words; what only the fleet knows is refused by the Preview step', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await signIn(page);
    await openTemplate(page, 'meshplane-gateway-group');
    await chooseWorkspace(page, unique('shop'), ['bookinfo in east-1']);
    // One host and one route are there from the start (minItems 1).
    await page.locator('#root_settings_hosts_0').fill('shop_1.example.com');
    await page.getByRole('button', { name: /^Service/ }).click();
    await page.getByRole('option', { name: /^productpage\.bookinfo/ }).click();
    await page.getByRole('button', { name: 'Next' }).click();
    const hostMessage =
      'A host name is lower-case DNS labels separated by dots, like shop.example.com; `*.` may start it';
    await expect(page.getByText(hostMessage).first()).toBeVisible();
    await expect(
      page.getByTestId('meshplane-request-preview-field'),
    ).toBeHidden();
    await page.screenshot({
      path: screenshot('requests-bad-host.png'),
      fullPage: true,
    });

    // A well-formed host that the shared Gateway API Gateway of istio-ingress already listens
    // for on port 80 (bookinfo renders gateway groups to the Gateway API in the demo, so the
    // group would get a second Gateway for it): only the backend knows, and the Preview step
    // says so before anything is created.
    await page.locator('#root_settings_hosts_0').fill('bookinfo.example.com');
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(
      page.getByText('Meshplane refuses this request; go back and change:'),
    ).toBeVisible({ timeout: 60_000 });
    await expect(
      page
        .getByText(
          /served outside the workspace by Gateway east-1\/istio-ingress\/public-gateway \(listener http, port 80\)/,
        )
        .first(),
    ).toBeVisible();
    await page.screenshot({
      path: screenshot('requests-refused.png'),
      fullPage: true,
    });
  });

  test('a gateway group of bookinfo, a workspace in Gateway API mode, previews a Gateway and an HTTPRoute, rolls out, and kubectl reads the HTTPRoute back', async ({
    page,
  }) => {
    test.setTimeout(300_000);
    const group = unique('gwapi');
    const host = `${group}.example.com`;
    await signIn(page);
    await openTemplate(page, 'meshplane-gateway-group');
    await chooseWorkspace(page, group, ['bookinfo in east-1']);
    await page.locator('#root_settings_hosts_0').fill(host);
    await page.getByRole('button', { name: /^Service/ }).click();
    await page.getByRole('option', { name: /^productpage\.bookinfo/ }).click();
    await page
      .getByLabel('Why')
      .fill('The product page on its own host, through the Gateway API');

    // The Preview step: the demo configures bookinfo with gatewayApi: gateway-api, so the
    // dry run renders a Gateway of class istio and an HTTPRoute, not Istio's Gateway and
    // VirtualService.
    const verdict = await preview(page);
    expect(verdict).toMatch(/^Not breaking: .*east-1: 2 to create\.$/);
    const field = page.getByTestId('meshplane-request-preview-field');
    await expect(
      field.getByText(`create HTTPRoute bookinfo/${group}`),
    ).toBeVisible();
    await expect(
      field.getByText(`create Gateway bookinfo/${group}`),
    ).toBeVisible();
    await expect(field.getByText('gatewayClassName: istio')).toBeVisible();
    await expect(field.getByText(/VirtualService/)).toBeHidden();
    await page.screenshot({
      path: screenshot('requests-gateway-api-preview.png'),
      fullPage: true,
    });

    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('button', { name: 'Create' }).click();
    const link = page.getByRole('link', { name: 'Open the request' });
    await expect(link).toBeVisible({ timeout: 90_000 });
    await page.goto((await link.getAttribute('href'))!);
    await expect(page.getByTestId('meshplane-request')).toBeVisible();
    await expect(
      page
        .getByTestId('meshplane-request-preview')
        .getByText(`create HTTPRoute bookinfo/${group}`),
    ).toBeVisible();

    // Approve (the demo portal allows its single user to) and follow the rollout.
    const approve = page.getByRole('button', { name: 'Approve' });
    await expect(approve).toBeVisible();
    await page.getByLabel('Comment').fill('bookinfo moves to the Gateway API');
    await approve.click();
    await expect(
      page
        .getByRole('row', { name: /^east-1/ })
        .getByText('READY', { exact: true }),
    ).toBeVisible({ timeout: 60_000 });
    await page
      .getByTestId('meshplane-request')
      .screenshot({ path: screenshot('requests-gateway-api-ready.png') });

    // kubectl reads back what Meshplane applied to east-1 by server-side apply.
    const route = kubectlGet(
      'east-1',
      'httproutes.gateway.networking.k8s.io',
      group,
    );
    expect(route?.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(route?.spec.parentRefs).toEqual([
      { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: group },
    ]);
    expect(route?.spec.hostnames).toEqual([host]);
    expect(route?.spec.rules).toEqual([
      {
        matches: [{ path: { type: 'PathPrefix', value: '/' } }],
        backendRefs: [
          {
            group: '',
            kind: 'Service',
            name: 'productpage',
            port: 9080,
            weight: 1,
          },
        ],
      },
    ]);
    expect(route?.metadata.labels).toMatchObject({
      'app.kubernetes.io/managed-by': 'meshplane',
      'meshplane.io/group': group,
      'meshplane.io/group-type': 'gateway',
    });
    expect(route?.metadata.managedFields?.[0]?.manager).toBe('meshplane');
    const gateway = kubectlGet(
      'east-1',
      'gateways.gateway.networking.k8s.io',
      group,
    );
    expect(gateway?.spec).toEqual({
      gatewayClassName: 'istio',
      listeners: [
        {
          name: 'http-0',
          hostname: host,
          port: 80,
          protocol: 'HTTP',
          allowedRoutes: { namespaces: { from: 'Same' } },
        },
      ],
    });
    // Nothing of Istio's API for the group.
    expect(
      kubectlGet('east-1', 'virtualservices.networking.istio.io', group),
    ).toBeUndefined();

    removeEarlierRollouts();
  });
});
