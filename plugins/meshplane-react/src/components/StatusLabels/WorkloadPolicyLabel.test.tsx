import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import type { WorkloadPosture } from '@meshplane/plugin-meshplane-common';
import { WorkloadPolicyLabel } from './WorkloadPolicyLabel';

const workload = (posture: Partial<WorkloadPosture>): WorkloadPosture => ({
  cluster: 'east-1',
  namespace: 'payments',
  name: 'payments-api',
  kind: 'Deployment',
  sidecar: true,
  status: 'MTLS_NOT_ENABLED',
  mode: 'STRICT',
  ports: [],
  decidedBy: [
    {
      kind: 'PeerAuthentication',
      namespace: 'payments',
      name: 'default',
      scope: 'namespace',
    },
  ],
  ...posture,
});

async function icon(posture: Partial<WorkloadPosture>, text: string) {
  await renderInTestApp(<WorkloadPolicyLabel workload={workload(posture)} />);
  const label = screen.getByLabelText(text);
  expect(label).toHaveTextContent(text);
  return within(label)
    .getByTestId(/^status-/)
    .getAttribute('data-testid');
}

describe('WorkloadPolicyLabel', () => {
  it('shows "no workload policy" with what it inherits, in grey rather than as a missing mTLS', async () => {
    expect(
      await icon({}, 'workload policy: none (inherits namespace STRICT)'),
    ).toBe('status-aborted');
  });

  it('is green for a workload policy that enables mTLS', async () => {
    expect(
      await icon({ status: 'MTLS_ENABLED' }, 'workload policy: mTLS enabled'),
    ).toBe('status-ok');
  });

  it('is red for a workload policy that disables mTLS', async () => {
    expect(
      await icon(
        { status: 'MTLS_DISABLED', mode: 'DISABLE' },
        'workload policy: mTLS disabled',
      ),
    ).toBe('status-error');
  });

  it('stays grey where nothing enforces the policy or it does not apply', async () => {
    expect(
      await icon(
        { status: 'MTLS_ENABLED', sidecar: false, mode: 'DISABLE' },
        'workload policy: mTLS enabled, not enforced: no Istio proxy',
      ),
    ).toBe('status-aborted');
  });

  it('says that a PeerAuthentication does not apply to a gateway', async () => {
    expect(
      await icon(
        { sidecar: false, note: 'gateway proxy', decidedBy: [] },
        'workload policy: does not apply (gateway)',
      ),
    ).toBe('status-aborted');
  });
});
