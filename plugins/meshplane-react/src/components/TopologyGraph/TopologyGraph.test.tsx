import { renderInTestApp } from '@backstage/frontend-test-utils';
import { fireEvent, screen } from '@testing-library/react';
import type { MeshTopology } from '@meshplane/plugin-meshplane-common';
import { READABLE_SCALE, VIEW_MARGIN } from './fitView';
import { TopologyGraph } from './TopologyGraph';

const topology: MeshTopology = {
  nodes: [
    {
      id: 'svc',
      type: 'service',
      name: 'reviews',
      namespace: 'bookinfo',
      clusters: ['east-1'],
      own: true,
    },
    {
      id: 'gw',
      type: 'gateway',
      name: 'ingressgateway',
      namespace: 'istio-system',
      cluster: 'east-1',
      sidecar: true,
      own: false,
    },
    {
      id: 'vm',
      type: 'vm',
      name: 'legacy-vm',
      namespace: 'bookinfo',
      cluster: 'east-1',
      sidecar: false,
      own: false,
    },
  ],
  edges: [
    {
      from: 'gw',
      to: 'svc',
      type: 'route',
      outcome: 'mtls',
      source: 'VirtualService bookinfo/reviews',
    },
    { from: 'vm', to: 'svc', type: 'calls', port: 9080, outcome: 'plaintext' },
  ],
};

describe('TopologyGraph', () => {
  it("names a gateway node's listeners and the workload that runs it", async () => {
    await renderInTestApp(
      <TopologyGraph
        topology={{
          nodes: [
            {
              id: 'gateway:istio-ingress/public-gateway',
              type: 'gateway',
              name: 'public-gateway',
              namespace: 'istio-ingress',
              cluster: 'east-1',
              gateway: {
                kind: 'Gateway.gateway.networking.k8s.io',
                className: 'istio',
                listeners: [
                  { name: 'http', port: 80, protocol: 'HTTP' },
                  {
                    name: 'https',
                    port: 443,
                    protocol: 'HTTPS',
                    hostname: 'bookinfo.example.com',
                  },
                ],
                hostnames: ['bookinfo.example.com'],
                workload: {
                  cluster: 'east-1',
                  namespace: 'istio-ingress',
                  name: 'public-gateway-istio',
                },
              },
              own: true,
            },
          ],
          edges: [],
        }}
      />,
    );
    expect(
      screen.getByRole('button', {
        name: 'gateway istio-ingress/public-gateway, cluster east-1; listeners http HTTP 80, https HTTPS 443 (bookinfo.example.com); runs as istio-ingress/public-gateway-istio',
      }),
    ).toBeInTheDocument();
  });

  it('draws every node as an activatable element, kinds distinct, edges coloured by outcome', async () => {
    const clicked: string[] = [];
    await renderInTestApp(
      <TopologyGraph
        topology={topology}
        onNodeClick={node => clicked.push(node.id)}
      />,
    );
    const gateway = screen.getByRole('button', {
      name: 'gateway istio-system/ingressgateway, cluster east-1',
    });
    expect(gateway).toHaveAttribute('data-node-type', 'gateway');
    expect(
      screen.getByRole('button', {
        name: /vm bookinfo\/legacy-vm, cluster east-1, no sidecar/,
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', { name: 'Topology: 3 nodes, 2 edges' }),
    ).toBeInTheDocument();
    const outcomes = [...document.querySelectorAll('path[data-outcome]')].map(
      p => p.getAttribute('data-outcome'),
    );
    expect(outcomes.sort()).toEqual(['mtls', 'plaintext']);
    fireEvent.click(gateway);
    fireEvent.keyDown(
      screen.getByRole('button', { name: /service bookinfo\/reviews/ }),
      { key: 'Enter' },
    );
    expect(clicked).toEqual(['gw', 'svc']);
  });

  it('draws observed calls as wide as their rate, coloured by outcome, with their figures on hover', async () => {
    const caller = (id: string): MeshTopology['nodes'][number] => ({
      id,
      type: 'workload',
      name: id,
      namespace: 'shop',
      cluster: 'east-1',
      own: false,
    });
    await renderInTestApp(
      <TopologyGraph
        topology={{
          nodes: [
            topology.nodes[0],
            caller('busy'),
            caller('quiet'),
            caller('idle'),
            caller('stranger'),
          ],
          edges: [
            {
              from: 'busy',
              to: 'svc',
              type: 'calls',
              port: 9080,
              outcome: 'mtls',
              observed: {
                requestsPerSecond: 100,
                errorRate: 0.012,
                latencyP99Ms: 180,
                plaintextShare: 0,
              },
            },
            {
              from: 'quiet',
              to: 'svc',
              type: 'calls',
              port: 9080,
              outcome: 'plaintext',
              observed: {
                requestsPerSecond: 0.1,
                errorRate: 0,
                plaintextShare: 1,
              },
            },
            {
              from: 'idle',
              to: 'svc',
              type: 'calls',
              port: 9080,
              outcome: 'fail',
            },
            {
              from: 'stranger',
              to: 'svc',
              type: 'calls',
              observedOnly: true,
              observed: { requestsPerSecond: 1, errorRate: 0.5 },
            },
          ],
        }}
      />,
    );
    const edges = [...document.querySelectorAll('path[data-outcome]')];
    const byTitle = (text: string) =>
      edges.find(p => p.querySelector('title')!.textContent!.includes(text))!;
    const busy = byTitle('100 req/s');
    expect(busy.querySelector('title')!.textContent).toBe(
      'calls port 9080 mtls: 100 req/s, 1.2% errors, p99 180 ms, 0% plaintext',
    );
    expect(busy).toHaveAttribute('data-observed', 'true');
    expect(busy).toHaveAttribute('data-outcome', 'mtls');
    expect(busy).toHaveAttribute('stroke-width', '5.1');
    expect(busy).not.toHaveAttribute('stroke-dasharray');
    const quiet = byTitle('0.1 req/s');
    expect(quiet).toHaveAttribute('data-outcome', 'plaintext');
    expect(quiet).toHaveAttribute('stroke-width', '2.4');
    expect(quiet.querySelector('title')!.textContent).toBe(
      'calls port 9080 plaintext: 0.1 req/s, 0% errors, 100% plaintext',
    );
    // Configured, nothing observed: thin, as without traffic.
    const idle = byTitle('calls port 9080 fail');
    expect(idle).not.toHaveAttribute('data-observed');
    expect(idle).toHaveAttribute('stroke-width', '1.5');
    const stranger = byTitle('no configuration allows it');
    expect(stranger).toHaveAttribute('data-observed-only', 'true');
    expect(stranger).toHaveAttribute('stroke-dasharray', '8 3 2 3');
    expect(stranger.querySelector('title')!.textContent).toBe(
      'calls observed, no configuration allows it: 1 req/s, 50% errors',
    );
    // A hovered node's edges stand out over their traffic width.
    fireEvent.mouseEnter(screen.getByRole('button', { name: /shop\/busy/ }));
    expect(byTitle('100 req/s')).toHaveAttribute('stroke-width', '6.6');
  });

  it('dims what the search did not match', async () => {
    await renderInTestApp(
      <TopologyGraph topology={topology} highlighted={new Set(['vm'])} />,
    );
    expect(screen.getByRole('button', { name: /legacy-vm/ })).toHaveAttribute(
      'opacity',
      '1',
    );
    expect(
      screen.getByRole('button', { name: /ingressgateway/ }),
    ).toHaveAttribute('opacity', '0.25');
  });

  it('zooms with the buttons by changing the drawing transform', async () => {
    await renderInTestApp(<TopologyGraph topology={topology} />);
    const drawing = document.querySelector('svg > g')!;
    const before = drawing.getAttribute('transform');
    fireEvent.click(screen.getByRole('button', { name: 'Zoom in' }));
    expect(drawing.getAttribute('transform')).not.toBe(before);
    expect(drawing.getAttribute('transform')).toMatch(/scale\(1\.4\)/);
  });

  it('leaves the wheel to the page and zooms with Ctrl + wheel (or a pinch)', async () => {
    await renderInTestApp(<TopologyGraph topology={topology} />);
    const viewport = screen.getByRole('img', { name: /^Topology/ });
    const drawing = document.querySelector('svg > g')!;
    const before = drawing.getAttribute('transform');
    expect(fireEvent.wheel(viewport, { deltaY: -200 })).toBe(true);
    expect(drawing.getAttribute('transform')).toBe(before);
    expect(fireEvent.wheel(viewport, { deltaY: -200, ctrlKey: true })).toBe(
      false,
    );
    expect(drawing.getAttribute('transform')).not.toBe(before);
  });

  describe('in a measured viewport', () => {
    // jsdom lays nothing out: the viewport reports the width a 1280 px wide page gives the tab.
    beforeEach(() => {
      jest
        .spyOn(SVGSVGElement.prototype, 'getBoundingClientRect')
        .mockReturnValue({ width: 1000, height: 640 } as DOMRect);
    });
    afterEach(() => jest.restoreAllMocks());

    const scaleOf = (transform: string | null) =>
      Number(/scale\(([\d.]+)\)/.exec(transform ?? '')![1]);

    it('opens a small graph whole at body text size, in a viewport no taller than the drawing', async () => {
      await renderInTestApp(<TopologyGraph topology={topology} />);
      const drawing = document.querySelector('svg > g')!;
      expect(scaleOf(drawing.getAttribute('transform'))).toBe(1);
      const viewport = screen.getByRole('img', { name: /^Topology/ });
      expect(parseFloat(viewport.style.height)).toBeLessThan(300);
      expect(screen.queryByText(/out of view/)).not.toBeInTheDocument();
    });

    it('opens a cluster-sized graph readable rather than whole, says so, and fits again after zooming', async () => {
      // 60 services calling each other in a chain: 60 layers, far wider than the tab.
      const services = Array.from({ length: 60 }, (_, i) => ({
        id: `s${i}`,
        type: 'service' as const,
        name: `service-${i}`,
        namespace: 'shop',
        clusters: ['east-1'],
        own: i === 0,
      }));
      const large: MeshTopology = {
        nodes: services,
        edges: services.slice(1).map((s, i) => ({
          from: services[i].id,
          to: s.id,
          type: 'calls' as const,
          outcome: 'mtls' as const,
        })),
      };
      await renderInTestApp(<TopologyGraph topology={large} />);
      const drawing = document.querySelector('svg > g')!;
      const opened = drawing.getAttribute('transform');
      expect(scaleOf(opened)).toBeCloseTo(READABLE_SCALE);
      expect(opened).toMatch(new RegExp(`^translate\\(${VIEW_MARGIN},`));
      expect(
        screen.getByText(
          'Part of the graph is out of view: drag to pan, or zoom out',
        ),
      ).toBeInTheDocument();
      fireEvent.click(screen.getByRole('button', { name: 'Zoom out' }));
      expect(drawing.getAttribute('transform')).not.toBe(opened);
      fireEvent.click(screen.getByRole('button', { name: 'Fit to view' }));
      expect(drawing.getAttribute('transform')).toBe(opened);
    });
  });
});
