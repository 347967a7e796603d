/** Destinations of a VirtualService with their field paths (http/tcp/tls routes, mirrors). */
export interface RouteDestination {
  destination: any;
  path: string;
  kind: 'route' | 'mirror';
}

export function routeDestinations(spec: any): RouteDestination[] {
  const out: RouteDestination[] = [];
  for (const section of ['http', 'tcp', 'tls'] as const) {
    (spec?.[section] ?? []).forEach((rule: any, i: number) => {
      (rule?.route ?? []).forEach((r: any, j: number) => {
        if (r?.destination)
          out.push({
            destination: r.destination,
            path: `spec.${section}[${i}].route[${j}].destination`,
            kind: 'route',
          });
      });
    });
  }
  return out;
}

export function mirrorDestinations(spec: any): RouteDestination[] {
  const out: RouteDestination[] = [];
  (spec?.http ?? []).forEach((rule: any, i: number) => {
    if (rule?.mirror)
      out.push({
        destination: rule.mirror,
        path: `spec.http[${i}].mirror`,
        kind: 'mirror',
      });
    (rule?.mirrors ?? []).forEach((m: any, j: number) => {
      if (m?.destination)
        out.push({
          destination: m.destination,
          path: `spec.http[${i}].mirrors[${j}].destination`,
          kind: 'mirror',
        });
    });
  });
  return out;
}

/** VS gateways; an empty list means the mesh. */
export function vsGateways(spec: any): string[] {
  return Array.isArray(spec?.gateways) ? spec.gateways.map(String) : [];
}

export function appliesToMesh(spec: any): boolean {
  const gws = vsGateways(spec);
  return gws.length === 0 || gws.includes('mesh');
}
