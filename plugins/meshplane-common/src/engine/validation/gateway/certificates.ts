import { KubeObject } from '../../model/types';

/**
 * Gateway credential checks: the secret keys istiod accepts and the certificate's expiry.
 * istio/istio `pkg/kube/secrets.go` (`ExtractCertInfo`), `pkg/config/analysis/analyzers/gateway/secret.go`.
 */

function decodeBase64(value: string): Uint8Array | undefined {
  try {
    const bin = atob(value.replace(/\s+/g, ''));
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return undefined;
  }
}

function secretValue(secret: KubeObject, key: string): string | undefined {
  const plain = (secret as any).stringData?.[key];
  if (typeof plain === 'string') return plain;
  const b64 = secret.data?.[key];
  if (typeof b64 !== 'string') return undefined;
  const bytes = decodeBase64(b64);
  return bytes ? new TextDecoder().decode(bytes) : undefined;
}

function hasKey(secret: KubeObject, key: string): boolean {
  return (
    (secret.data && key in secret.data) ||
    ((secret as any).stringData && key in (secret as any).stringData)
  );
}

/** Reads a DER length at `pos`; returns [length, headerBytes]. */
function derLength(der: Uint8Array, pos: number): [number, number] {
  const first = der[pos];
  if (first < 0x80) return [first, 1];
  const n = first & 0x7f;
  let len = 0;
  for (let i = 1; i <= n; i++) len = len * 256 + der[pos + i];
  return [len, 1 + n];
}

/** notAfter of an X.509 certificate (DER), or undefined when it cannot be parsed. */
export function certificateNotAfter(der: Uint8Array): Date | undefined {
  try {
    let pos = 0;
    const enter = () => {
      if (der[pos] !== 0x30) throw new Error('not a sequence');
      const [, h] = derLength(der, pos + 1);
      pos += 1 + h;
    };
    const skip = () => {
      const [len, h] = derLength(der, pos + 1);
      pos += 1 + h + len;
    };
    enter(); // Certificate
    enter(); // TBSCertificate
    if (der[pos] === 0xa0) skip(); // [0] version
    skip(); // serial
    skip(); // signature algorithm
    skip(); // issuer
    enter(); // validity
    skip(); // notBefore
    const tag = der[pos];
    const [len, h] = derLength(der, pos + 1);
    const text = new TextDecoder().decode(
      der.slice(pos + 1 + h, pos + 1 + h + len),
    );
    const m =
      tag === 0x17
        ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text)
        : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text);
    if (!m) return undefined;
    let year = Number(m[1]);
    if (tag === 0x17) year += year >= 50 ? 1900 : 2000;
    return new Date(
      Date.UTC(
        year,
        Number(m[2]) - 1,
        Number(m[3]),
        Number(m[4]),
        Number(m[5]),
        Number(m[6]),
      ),
    );
  } catch {
    return undefined;
  }
}

/** Why a gateway credential secret is unusable, or undefined when it is fine. */
export function certificateProblem(
  secret: KubeObject,
  now: Date = new Date(),
): string | undefined {
  let cert: string | undefined;
  for (const [c, k] of [
    ['cert', 'key'],
    ['tls.crt', 'tls.key'],
  ]) {
    const cv = secretValue(secret, c);
    const kv = secretValue(secret, k);
    if (cv && kv) {
      cert = cv;
      break;
    }
    if (hasKey(secret, c) && hasKey(secret, k))
      return `found keys "${c}" and "${k}", but they were empty`;
  }
  if (cert === undefined) {
    return `found secret, but didn't have expected keys (cert and key) or (tls.crt and tls.key); found: ${Object.keys(
      secret.data ?? {},
    )
      .sort()
      .join(', ')}`;
  }
  const m =
    /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(cert);
  const der = m ? decodeBase64(m[1]) : undefined;
  const notAfter = der ? certificateNotAfter(der) : undefined;
  if (!notAfter) return 'the certificate cannot be parsed';
  if (notAfter.getTime() < now.getTime())
    return `the certificate expired on ${notAfter.toISOString()}`;
  return undefined;
}
