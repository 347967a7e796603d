import type { MeshTopology } from '@meshplane/plugin-meshplane-common';
import {
  CONTROLS_GUTTER,
  fitView,
  MAX_FIT_SCALE,
  MIN_LABEL_PX,
  READABLE_SCALE,
  VIEW_MARGIN,
} from './fitView';
import { LABEL_FONT_SIZE, layoutTopology } from './layoutTopology';

/** A service with `callers` callers spread over `clusters` clusters (a lane each), and one workload. */
function service(callers: number, clusters = 1): MeshTopology {
  const svc = {
    id: 'svc',
    type: 'service' as const,
    name: 'reviews',
    namespace: 'bookinfo',
    clusters: ['east-1'],
    own: true,
  };
  const workload = (id: string, cluster: string) => ({
    id,
    type: 'workload' as const,
    name: id,
    namespace: 'bookinfo',
    cluster,
    own: false,
  });
  const callerNodes = Array.from({ length: callers }, (_, i) =>
    workload(`caller-${i}`, `cluster-${i % clusters}`),
  );
  const workloadNodes = [workload('reviews-v1', 'cluster-0')];
  return {
    nodes: [svc, ...callerNodes, ...workloadNodes],
    edges: [
      ...callerNodes.map(c => ({
        from: c.id,
        to: 'svc',
        type: 'calls' as const,
      })),
      ...workloadNodes.map(w => ({
        from: 'svc',
        to: w.id,
        type: 'selects' as const,
      })),
    ],
  };
}

/** A chain of `length` services, each calling the next: a wide drawing. */
function chain(length: number): MeshTopology {
  const nodes = Array.from({ length }, (_, i) => ({
    id: `s${i}`,
    type: 'service' as const,
    name: `s${i}`,
    namespace: 'ns',
    clusters: ['east-1'],
    own: i === 0,
  }));
  return {
    nodes,
    edges: nodes.slice(1).map((n, i) => ({
      from: nodes[i].id,
      to: n.id,
      type: 'calls' as const,
    })),
  };
}

const bounds = { minHeight: 160, maxHeight: 1600 };
const labelPx = (k: number) => LABEL_FONT_SIZE * k;
/** The width the tab gives the graph on a 1280 px wide page. */
const TAB_WIDTH = 1000;
const room = (width: number) => width - VIEW_MARGIN - CONTROLS_GUTTER;

describe('fitView', () => {
  it('shows a small graph (a service with 3 callers) whole, centred, names at body size, in a viewport just its height', () => {
    const layout = layoutTopology(service(3));
    const fit = fitView(layout, { width: TAB_WIDTH, ...bounds });
    expect(fit.k).toBe(MAX_FIT_SCALE);
    expect(labelPx(fit.k)).toBe(LABEL_FONT_SIZE);
    expect(fit.complete).toBe(true);
    expect(fit.height).toBe(layout.height + 2 * VIEW_MARGIN);
    expect(fit.x).toBeCloseTo(
      VIEW_MARGIN + (room(TAB_WIDTH) - layout.width) / 2,
    );
    expect(fit.y).toBeCloseTo(VIEW_MARGIN);
  });

  it('never blows a small graph up past body text size, however wide the viewport', () => {
    const fit = fitView(layoutTopology(service(3)), {
      width: 1900,
      ...bounds,
    });
    expect(fit.k).toBe(MAX_FIT_SCALE);
  });

  it('scales a graph slightly too wide down to the width, as long as names stay readable', () => {
    const layout = layoutTopology(chain(4));
    const width = Math.floor(
      layout.width * 0.9 + VIEW_MARGIN + CONTROLS_GUTTER,
    );
    const fit = fitView(layout, { width, ...bounds });
    expect(fit.k).toBeLessThan(1);
    expect(fit.k).toBeGreaterThanOrEqual(READABLE_SCALE);
    expect(fit.complete).toBe(true);
    expect(layout.width * fit.k).toBeLessThanOrEqual(room(width));
  });

  it('opens a wide graph (a chain of 30 services) at the readable minimum from its left edge, the rest reached by panning', () => {
    const layout = layoutTopology(chain(30));
    const fit = fitView(layout, { width: TAB_WIDTH, ...bounds });
    expect(layout.width * READABLE_SCALE).toBeGreaterThan(room(TAB_WIDTH));
    expect(fit.k).toBeCloseTo(READABLE_SCALE);
    expect(labelPx(fit.k)).toBeCloseTo(MIN_LABEL_PX);
    expect(fit.complete).toBe(false);
    expect(fit.x).toBe(VIEW_MARGIN);
    expect(fit.height).toBeCloseTo(
      Math.max(bounds.minHeight, layout.height * fit.k + 2 * VIEW_MARGIN),
    );
  });

  it('fits a tall graph (12 callers in 6 clusters) to the width in a viewport as tall as the drawing, for the page to scroll', () => {
    const layout = layoutTopology(service(12, 6));
    const fit = fitView(layout, { width: TAB_WIDTH, ...bounds });
    expect(fit.k).toBe(MAX_FIT_SCALE);
    expect(fit.complete).toBe(true);
    expect(fit.height).toBe(layout.height + 2 * VIEW_MARGIN);
    expect(fit.height).toBeGreaterThan(800);
  });

  it('caps the viewport at its largest height, the rest of a very tall graph reached by panning', () => {
    const layout = layoutTopology(service(60, 10));
    const fit = fitView(layout, {
      width: 1600,
      minHeight: 160,
      maxHeight: 640,
    });
    expect(fit.complete).toBe(false);
    expect([fit.height, fit.y]).toEqual([640, VIEW_MARGIN]);
    expect(fit.x).toBeCloseTo(
      VIEW_MARGIN + (room(1600) - layout.width * fit.k) / 2,
    );
  });

  it('keeps scale 1 while the viewport is not measured, and a one-node graph gets the minimum height', () => {
    const layout = layoutTopology(chain(1));
    expect(fitView(layout, { width: 0, ...bounds })).toEqual({
      k: 1,
      x: VIEW_MARGIN,
      y: VIEW_MARGIN,
      height: bounds.minHeight,
      complete: true,
    });
    expect(fitView(layout, { width: 800, ...bounds }).height).toBe(
      bounds.minHeight,
    );
  });
});
