import { K } from '../../model/kinds';
import { Message } from '../../model/types';
import { Analyzer } from '../Analyzer';
import { message } from '../messages';

const NAME = 'k8sgateway.CRDVersionAnalyzer';
const BUNDLE_VERSION = 'gateway.networking.k8s.io/bundle-version';

/** A version's numbers: major, minor, patch (each a uint64 in Go). */
type Triple = [bigint, bigint, bigint];

/**
 * The lowest Gateway API bundle version istiod processes a CRD at, by CRD name: below it the CRD
 * watcher filters the CRD out and objects of its kind are never read. istio/istio
 * `pkg/config/schema/gatewayapi/minimumversions.go` (`MinimumCRDVersions`).
 */
const MINIMUM_CRD_VERSIONS: ReadonlyMap<string, Triple> = new Map([
  ['grpcroutes.gateway.networking.k8s.io', [1n, 1n, 0n]],
  ['backendtlspolicies.gateway.networking.k8s.io', [1n, 4n, 0n]],
  ['tlsroutes.gateway.networking.k8s.io', [1n, 5n, 0n]],
  ['tcproutes.gateway.networking.k8s.io', [1n, 6n, 0n]],
]);

const NUMERIC = /^[0-9]+$/;
const IDENTIFIERS = /^[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*$/;

/**
 * A version as `semver.NewVersion` (Masterminds semver v3, which Istio uses) reads it: an
 * optional `v`, one to three numeric segments (missing ones are 0, leading zeros allowed), then
 * an optional `-prerelease` and `+metadata` of dot-separated `[0-9A-Za-z-]` identifiers, the
 * prerelease's numeric identifiers without a leading zero. Undefined when it does not parse.
 */
function parseSemver(
  text: string,
): { version: Triple; rendered: string } | undefined {
  if (text.length > 256) return undefined;
  let rest = text.startsWith('v') ? text.slice(1) : text;
  let metadata = '';
  let prerelease = '';
  const plus = rest.indexOf('+');
  if (plus >= 0) {
    metadata = rest.slice(plus + 1);
    rest = rest.slice(0, plus);
    if (!IDENTIFIERS.test(metadata)) return undefined;
  }
  const dash = rest.indexOf('-');
  if (dash >= 0) {
    prerelease = rest.slice(dash + 1);
    rest = rest.slice(0, dash);
    if (!IDENTIFIERS.test(prerelease)) return undefined;
    if (
      prerelease
        .split('.')
        .some(id => NUMERIC.test(id) && id.length > 1 && id.startsWith('0'))
    )
      return undefined;
  }
  const segments = rest.split('.');
  if (segments.length > 3 || !segments.every(s => NUMERIC.test(s)))
    return undefined;
  const numbers = segments.map(s => BigInt(s));
  if (numbers.some(n => n >= 1n << 64n)) return undefined;
  const [major, minor = 0n, patch = 0n] = numbers;
  const version: Triple = [major, minor, patch];
  const rendered = `${major}.${minor}.${patch}${
    prerelease ? `-${prerelease}` : ''
  }${metadata ? `+${metadata}` : ''}`;
  return { version, rendered };
}

function below(a: Triple, b: Triple): boolean {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] < b[i];
  return false;
}

/**
 * IST0176: a Gateway API CRD installed at a bundle version (its `gateway.networking.k8s.io/bundle-version`
 * annotation, prerelease ignored) below the minimum Istio requires for it, so istiod never
 * processes objects of its kind. A CRD without the annotation, or with a version that does not
 * parse, is not reported. istio/istio `pkg/config/analysis/analyzers/k8sgateway/crdversion.go`.
 */
export const k8sGatewayCrdVersionAnalyzer: Analyzer = {
  name: NAME,
  scope: 'cluster',
  subjects: [K.CustomResourceDefinition],
  run({ index, cluster }) {
    const out: Message[] = [];
    for (const crd of index.listAll(cluster, K.CustomResourceDefinition)) {
      const name = crd.obj.metadata.name;
      const minimum = MINIMUM_CRD_VERSIONS.get(name);
      if (!minimum) continue;
      const annotation: unknown =
        crd.obj.metadata.annotations?.[BUNDLE_VERSION];
      if (typeof annotation !== 'string') continue;
      const installed = parseSemver(annotation);
      if (!installed || !below(installed.version, minimum)) continue;
      out.push(
        message(
          'IST0176',
          NAME,
          crd,
          `Gateway API CRD ${JSON.stringify(
            name,
          )} is at version ${JSON.stringify(
            installed.rendered,
          )} but Istio requires at least ${JSON.stringify(
            minimum.join('.'),
          )}; resources of this kind will not be processed. Upgrade the Gateway API CRDs to satisfy the minimum version.`,
        ),
      );
    }
    return out;
  },
};
