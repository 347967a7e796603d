import type { FleetDefinition, FleetToken } from '../fleet';
import { clusterRequest, testFleet } from '../testing';
import { verifyAwsIamToken } from './awsIamToken';
import { FleetServer, startFleet } from './startFleet';

/** The example access key of AWS's documentation. */
const ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

/**
 * Issued by `@backstage/plugin-kubernetes-backend`'s `AwsIamStrategy` (0.21.15,
 * smithy SignatureV4) with the key above, `AWS_REGION=eu-west-1` and
 * `authMetadata['kubernetes.io/x-k8s-aws-id']: alpha`, signed at SIGNED_AT:
 * an independent signer to check the simulator's verification against.
 */
const TOKEN =
  'k8s-aws-v1.aHR0cHM6Ly9zdHMuZXUtd2VzdC0xLmFtYXpvbmF3cy5jb20vP0FjdGlvbj1HZXRDYWxsZXJJZGVudGl0eSZWZXJzaW9uPTIwMTEtMDYtMTUmWC1BbXotQWxnb3JpdGhtPUFXUzQtSE1BQy1TSEEyNTYmWC1BbXotQ3JlZGVudGlhbD1BS0lBSU9TRk9ETk43RVhBTVBMRSUyRjIwMjYxMjA2JTJGZXUtd2VzdC0xJTJGc3RzJTJGYXdzNF9yZXF1ZXN0JlgtQW16LURhdGU9MjAyNjEyMDZUMjAyNDQxWiZYLUFtei1FeHBpcmVzPTAmWC1BbXotU2lnbmVkSGVhZGVycz1ob3N0JTNCeC1rOHMtYXdzLWlkJlgtQW16LVNpZ25hdHVyZT1jN2JiMmUwZWIwZTgxZTNmNmE0YzdlOGFhNjIwMTI2MTg3M2JhYjllMDFiNWI1NDFjODQ5ODk0ODdiZWYxMDAy';
const SIGNED_AT = Date.UTC(2026, 11, 6, 20, 24, 41);
const MINUTE = 60_000;

/** The token with its presigned URL edited. */
function edited(edit: (url: URL) => void): string {
  const url = new URL(
    Buffer.from(TOKEN.slice('k8s-aws-v1.'.length), 'base64url').toString(),
  );
  edit(url);
  return `k8s-aws-v1.${Buffer.from(url.toString()).toString('base64url')}`;
}

function verify(
  token: string,
  options: { clusterId?: string; secret?: string; now?: number } = {},
) {
  return verifyAwsIamToken(token, {
    clusterId: options.clusterId ?? 'alpha',
    secretAccessKey: id =>
      id === ACCESS_KEY_ID ? options.secret ?? SECRET_ACCESS_KEY : undefined,
    now: new Date(options.now ?? SIGNED_AT + MINUTE),
  });
}

describe('verifyAwsIamToken', () => {
  it('accepts a token of the Kubernetes plugin signed for the cluster, within 15 minutes', () => {
    expect(verify(TOKEN)).toEqual({ accessKeyId: ACCESS_KEY_ID });
    expect(verify(TOKEN, { now: SIGNED_AT + 15 * MINUTE })).toEqual({
      accessKeyId: ACCESS_KEY_ID,
    });
  });

  it.each([
    ['another cluster id', { clusterId: 'beta' }, 'signature does not match'],
    [
      'a wrong secret',
      { secret: 'not-the-secret' },
      'signature does not match',
    ],
    [
      'an expired presign',
      { now: SIGNED_AT + 15 * MINUTE + 1000 },
      'X-Amz-Date is expired (15 minute expiration)',
    ],
    [
      'a presign from the future',
      { now: SIGNED_AT - 16 * MINUTE },
      'X-Amz-Date is in the future',
    ],
  ])('refuses %s', (_, options, failure) => {
    expect(verify(TOKEN, options)).toEqual({ failure });
  });

  it.each([
    [
      'an unknown access key',
      edited(u =>
        u.searchParams.set(
          'X-Amz-Credential',
          'AKIAOTHER/20261206/eu-west-1/sts/aws4_request',
        ),
      ),
      'unknown access key',
    ],
    [
      'an edited signed parameter',
      edited(u => u.searchParams.set('X-Amz-Expires', '60')),
      'signature does not match',
    ],
    [
      'another STS region than the credential scope',
      edited(u => {
        u.host = 'sts.us-west-2.amazonaws.com';
      }),
      'credential scope does not match the date or endpoint',
    ],
    [
      'a host that is not STS',
      edited(u => {
        u.host = 'sts.eu-west-1.example.com';
      }),
      'not an https URL of an STS endpoint',
    ],
    [
      'an action other than GetCallerIdentity',
      edited(u => u.searchParams.set('Action', 'AssumeRole')),
      'action is not GetCallerIdentity',
    ],
    [
      'a parameter aws-iam-authenticator does not allow',
      edited(u => u.searchParams.set('RoleArn', 'arn:aws:iam::1:role/x')),
      'query parameter RoleArn is not allowed',
    ],
    [
      'a token without the cluster id header signed',
      edited(u => u.searchParams.set('X-Amz-SignedHeaders', 'host')),
      'x-k8s-aws-id is not a signed header',
    ],
    [
      'X-Amz-Expires beyond 15 minutes',
      edited(u => u.searchParams.set('X-Amz-Expires', '901')),
      'X-Amz-Expires is not between 0 and 900',
    ],
    [
      'a bearer token',
      'demo-admin-token',
      'token lacks the k8s-aws-v1. prefix',
    ],
  ])('refuses %s', (_, token, failure) => {
    expect(verify(token)).toEqual({ failure });
  });
});

describe('EKS-style tokens on the simulated API servers', () => {
  const reader = (secretAccessKey: string): FleetToken => ({
    name: 'eks-reader',
    aws: { accessKeyId: ACCESS_KEY_ID, secretAccessKey },
    rules: [{ verbs: ['get', 'list'], resources: ['namespaces'] }],
  });
  /** The test fleet, with the access key mapped to a namespace reader on alpha. */
  const fleetWith = (token: FleetToken): FleetDefinition => {
    const fleet = testFleet();
    fleet.clusters[0].tokens.push(token);
    return fleet;
  };
  let fleet: FleetServer;
  let otherSecret: FleetServer;

  beforeAll(async () => {
    fleet = await startFleet({
      fleet: fleetWith(reader(SECRET_ACCESS_KEY)),
      tls: false,
    });
    otherSecret = await startFleet({
      fleet: fleetWith(reader('another-secret')),
      tls: false,
    });
  });

  beforeEach(() => {
    // Only the clock moves to the token's time; the servers' timers stay real.
    jest.useFakeTimers({
      now: SIGNED_AT + MINUTE,
      doNotFake: [
        'hrtime',
        'nextTick',
        'performance',
        'queueMicrotask',
        'setImmediate',
        'clearImmediate',
        'setInterval',
        'clearInterval',
        'setTimeout',
        'clearTimeout',
      ],
    });
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  afterAll(async () => {
    await fleet?.stop();
    await otherSecret?.stop();
  });

  const get = (server: FleetServer, cluster: string, path: string) =>
    clusterRequest(server.clusters.find(c => c.name === cluster)!, {
      path,
      token: TOKEN,
    });

  it('maps the access key to its identity and rules', async () => {
    expect((await get(fleet, 'alpha', '/api/v1/namespaces')).status).toBe(200);
    const denied = await get(fleet, 'alpha', '/api/v1/configmaps');
    expect(denied.status).toBe(403);
    expect(denied.json.message).toContain(
      'User "system:serviceaccount:fleet-sim:eks-reader"',
    );
  });

  it('answers 401 to a token signed for another cluster id', async () => {
    expect((await get(fleet, 'beta', '/api/v1/namespaces')).status).toBe(401);
  });

  it('answers 401 when the cluster knows another secret for the key', async () => {
    expect((await get(otherSecret, 'alpha', '/api/v1/namespaces')).status).toBe(
      401,
    );
  });

  it('answers 401 once the presign expired', async () => {
    jest.setSystemTime(SIGNED_AT + 16 * MINUTE);
    expect((await get(fleet, 'alpha', '/api/v1/namespaces')).status).toBe(401);
  });
});
