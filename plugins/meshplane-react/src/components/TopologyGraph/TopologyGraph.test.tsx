import { renderInTestApp } from '@backstage/frontend-test-utils';
import { fireEvent, screen } from '@testing-library/react';
import type { MeshTopology } from '@meshplane/plugin-meshplane-common';
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
});
