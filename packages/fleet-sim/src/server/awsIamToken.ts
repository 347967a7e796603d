import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Prefix of the tokens `aws eks get-token`, aws-iam-authenticator and the Kubernetes plugin's `aws` strategy issue. */
export const AWS_IAM_TOKEN_PREFIX = 'k8s-aws-v1.';

/**
 * A presigned STS URL is valid for 15 minutes after its `X-Amz-Date`, whatever
 * `X-Amz-Expires` says (aws-iam-authenticator, `pkg/token/token.go`).
 */
const PRESIGNED_URL_LIFETIME_MS = 15 * 60 * 1000;
const MAX_TOKEN_LENGTH = 4096;
const CLUSTER_ID_HEADER = 'x-k8s-aws-id';
/** The query parameters aws-iam-authenticator lets through, lower case. */
const ALLOWED_PARAMETERS = new Set([
  'action',
  'version',
  'x-amz-algorithm',
  'x-amz-credential',
  'x-amz-date',
  'x-amz-expires',
  'x-amz-security-token',
  'x-amz-signature',
  'x-amz-signedheaders',
]);
/** SHA-256 of the empty body of a GET. */
const EMPTY_PAYLOAD_SHA256 =
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const STS_HOST = /^sts(?:\.([a-z0-9-]+))?\.amazonaws\.com$/;

/** The access key a token was signed with, or why it is refused. */
export type AwsIamTokenVerdict = { accessKeyId: string } | { failure: string };

/** RFC 3986 encoding, as SigV4's canonical query string wants it. */
function escapeUri(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

/** `20261206T202441Z` → epoch ms, or NaN. */
function parseAmzDate(value: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return m
    ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6])
    : Number.NaN;
}

/**
 * Verifies an EKS-style bearer token (`k8s-aws-v1.` + base64url of a presigned
 * STS `GetCallerIdentity` URL) for the cluster `clusterId`, as
 * aws-iam-authenticator does before it calls STS, and as STS then checks the
 * SigV4 signature: the URL is checked the authenticator's way (STS host, path,
 * allowed parameters, action, `x-k8s-aws-id` among the signed headers,
 * `X-Amz-Expires` within 15 minutes, `X-Amz-Date` not older than 15 minutes),
 * then the signature is recomputed with the access key's secret and the
 * `x-k8s-aws-id` header set to `clusterId`, so a token signed for another
 * cluster fails. Temporary credentials (`X-Amz-Security-Token`) are not
 * simulated and fail.
 */
export function verifyAwsIamToken(
  token: string,
  options: {
    clusterId: string;
    /** The secret of an access key the cluster accepts, undefined for an unknown key. */
    secretAccessKey: (accessKeyId: string) => string | undefined;
    now: Date;
  },
): AwsIamTokenVerdict {
  if (token.length > MAX_TOKEN_LENGTH) return { failure: 'token too large' };
  if (!token.startsWith(AWS_IAM_TOKEN_PREFIX)) {
    return { failure: `token lacks the ${AWS_IAM_TOKEN_PREFIX} prefix` };
  }
  let url: URL;
  try {
    url = new URL(
      Buffer.from(
        token.slice(AWS_IAM_TOKEN_PREFIX.length),
        'base64url',
      ).toString('utf8'),
    );
  } catch {
    return { failure: 'token is not a base64url URL' };
  }
  const host = STS_HOST.exec(url.host);
  if (url.protocol !== 'https:' || !host || url.pathname !== '/') {
    return { failure: 'not an https URL of an STS endpoint' };
  }
  const hostRegion = host[1] ?? 'us-east-1';
  const params = new Map<string, { key: string; value: string }>();
  for (const [key, value] of url.searchParams) {
    const lower = key.toLowerCase();
    if (!ALLOWED_PARAMETERS.has(lower)) {
      return { failure: `query parameter ${key} is not allowed` };
    }
    if (params.has(lower)) return { failure: `query parameter ${key} twice` };
    params.set(lower, { key, value });
  }
  const param = (name: string) => params.get(name)?.value ?? '';
  if (param('action') !== 'GetCallerIdentity') {
    return { failure: 'action is not GetCallerIdentity' };
  }
  if (param('x-amz-algorithm') !== 'AWS4-HMAC-SHA256') {
    return { failure: 'algorithm is not AWS4-HMAC-SHA256' };
  }
  const signedHeaders = param('x-amz-signedheaders').toLowerCase().split(';');
  if (!signedHeaders.includes(CLUSTER_ID_HEADER)) {
    return { failure: `${CLUSTER_ID_HEADER} is not a signed header` };
  }
  // The verifier knows the values of these two headers only: STS would see no others.
  if (signedHeaders.some(h => h !== 'host' && h !== CLUSTER_ID_HEADER)) {
    return { failure: 'signs headers other than host and x-k8s-aws-id' };
  }
  const expires = Number(param('x-amz-expires'));
  if (!Number.isInteger(expires) || expires < 0 || expires > 900) {
    return { failure: 'X-Amz-Expires is not between 0 and 900' };
  }
  const amzDate = param('x-amz-date');
  const signedAt = parseAmzDate(amzDate);
  if (Number.isNaN(signedAt)) return { failure: 'X-Amz-Date is malformed' };
  const now = options.now.getTime();
  if (now > signedAt + PRESIGNED_URL_LIFETIME_MS) {
    return { failure: 'X-Amz-Date is expired (15 minute expiration)' };
  }
  if (signedAt > now + PRESIGNED_URL_LIFETIME_MS) {
    return { failure: 'X-Amz-Date is in the future' };
  }
  if (params.has('x-amz-security-token')) {
    return { failure: 'temporary credentials are not simulated' };
  }
  const [accessKeyId, day, region, service, terminator, ...rest] =
    param('x-amz-credential').split('/');
  if (
    rest.length > 0 ||
    day !== amzDate.slice(0, 8) ||
    region !== hostRegion ||
    service !== 'sts' ||
    terminator !== 'aws4_request'
  ) {
    return { failure: 'credential scope does not match the date or endpoint' };
  }
  const secret = options.secretAccessKey(accessKeyId);
  if (secret === undefined) return { failure: 'unknown access key' };

  const canonicalQuery = [...params.values()]
    .filter(p => p.key.toLowerCase() !== 'x-amz-signature')
    .map(p => ({ key: escapeUri(p.key), value: escapeUri(p.value) }))
    // Byte order of the encoded keys, not the locale's.
    .sort((a, b) => Number(a.key > b.key) - Number(a.key < b.key))
    .map(p => `${p.key}=${p.value}`)
    .join('&');
  const headerValues: Record<string, string> = {
    host: url.host,
    [CLUSTER_ID_HEADER]: options.clusterId,
  };
  const headerNames = [...signedHeaders].sort();
  const canonicalRequest = [
    'GET',
    '/',
    canonicalQuery,
    ...headerNames.map(h => `${h}:${headerValues[h].trim()}`),
    '',
    headerNames.join(';'),
    EMPTY_PAYLOAD_SHA256,
  ].join('\n');
  const scope = `${day}/${region}/sts/aws4_request`;
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    amzDate,
    scope,
    createHash('sha256').update(canonicalRequest, 'utf8').digest('hex'),
  ].join('\n');
  const signingKey = [day, region, 'sts', 'aws4_request'].reduce<
    string | Buffer
  >((key, part) => hmac(key, part), `AWS4${secret}`);
  const expected = Buffer.from(hmac(signingKey, stringToSign).toString('hex'));
  const given = Buffer.from(param('x-amz-signature').toLowerCase());
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { failure: 'signature does not match' };
  }
  return { accessKeyId };
}
