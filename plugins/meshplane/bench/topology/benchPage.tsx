/*
 * Browser entry of the topology measurement (see measureTopology.ts): renders
 * one implementation with a synthetic topology and reports, through
 * `window.meshplaneBench`, when rendering started and when the DOM last changed.
 */
import { createRoot } from 'react-dom/client';
import { ApiProvider } from '@backstage/core-app-api';
import { errorApiRef } from '@backstage/core-plugin-api';
import { translationApiRef } from '@backstage/core-plugin-api/alpha';
import { DependencyGraph } from '@backstage/core-components';
import { UnifiedThemeProvider, themes } from '@backstage/theme';
import { TopologyGraph } from '@meshplane/plugin-meshplane-react';
import { syntheticTopology } from './syntheticTopology';

const params = new URLSearchParams(window.location.search);
const implementation = params.get('impl');
const topology = syntheticTopology(Number(params.get('nodes') ?? 200));

const noSubscription = { unsubscribe() {} };
const apis = new Map<string, unknown>([
  [
    errorApiRef.id,
    { post() {}, error$: () => ({ subscribe: () => noSubscription }) },
  ],
  [
    translationApiRef.id,
    {
      // Default messages: the translation function returns the key's default text.
      getTranslation: (ref: any) => ({
        ready: true,
        t: (key: string) => ref.getDefaultMessages?.()[key] ?? key,
      }),
      translation$: () => ({ subscribe: () => noSubscription }),
    },
  ],
]);

function Graph() {
  if (implementation === 'dependency-graph') {
    return (
      <DependencyGraph
        nodes={topology.nodes.map(n => ({ id: n.id, title: n.name }))}
        edges={topology.edges.map(e => ({ from: e.from, to: e.to }))}
        direction={'LR' as any}
        style={{ width: '100%', height: 800 }}
        fit="contain"
      />
    );
  }
  return <TopologyGraph topology={topology} height={800} />;
}

const bench = {
  start: 0,
  lastMutation: 0,
  lastLayout: 0,
  nodes: topology.nodes.length,
};
(window as any).meshplaneBench = bench;
const container = document.getElementById('root')!;
new MutationObserver(records => {
  const now = performance.now();
  bench.lastMutation = now;
  // Nodes appearing or moving: the layout is not final yet. (Pan/zoom
  // transforms of the whole drawing count too: both graphs fit on load.)
  if (
    records.some(r => r.type === 'childList' || r.attributeName === 'transform')
  ) {
    bench.lastLayout = now;
  }
}).observe(container, { subtree: true, childList: true, attributes: true });
bench.start = performance.now();
createRoot(container).render(
  <ApiProvider apis={{ get: (ref: { id: string }) => apis.get(ref.id) as any }}>
    <UnifiedThemeProvider theme={themes.light}>
      <Graph />
    </UnifiedThemeProvider>
  </ApiProvider>,
);
