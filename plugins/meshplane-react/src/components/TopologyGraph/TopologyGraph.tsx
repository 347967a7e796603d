import {
  KeyboardEvent,
  ReactNode,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import IconButton from '@material-ui/core/IconButton';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles, useTheme, Theme } from '@material-ui/core/styles';
import ZoomInIcon from '@material-ui/icons/ZoomIn';
import ZoomOutIcon from '@material-ui/icons/ZoomOut';
import FullscreenIcon from '@material-ui/icons/ZoomOutMap';
import { edgeOutcomeColor } from '../../theme';
import {
  LABEL_FONT_SIZE,
  layoutTopology,
  NODE_HEIGHT,
  NODE_WIDTH,
  laneOf,
  PlacedEdge,
  PlacedNode,
  SUBLABEL_FONT_SIZE,
} from './layoutTopology';
import type {
  MeshTopology,
  TopologyNode,
  TopologyNodeType,
} from '@meshplane/plugin-meshplane-common';
import { usePanZoom } from './usePanZoom';
import { THIN_EDGE_WIDTH, trafficStrokeWidth } from './edgeTraffic';

/** Props of {@link TopologyGraph}. @public */
export interface TopologyGraphProps {
  /** The topology to draw (filter it beforehand to show a part). */
  topology: MeshTopology;
  /** Called when a node is clicked or activated with the keyboard. */
  onNodeClick?: (node: TopologyNode) => void;
  /** Nodes to emphasise (search matches); the others are dimmed. Absent: no emphasis. */
  highlighted?: ReadonlySet<string>;
  /** A node to centre the view on (e.g. the first search match). */
  focusNodeId?: string;
  /** Node shown as selected. */
  selectedNodeId?: string;
  /**
   * Largest height of the viewport in pixels (default 1600): the viewport
   * takes the height of the drawing fitted to its width, up to this.
   */
  height?: number;
}

const useStyles = makeStyles(theme => ({
  root: {
    position: 'relative',
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    background: theme.palette.background.default,
    overflow: 'hidden',
  },
  svg: {
    display: 'block',
    width: '100%',
    cursor: 'grab',
    touchAction: 'none',
    userSelect: 'none',
  },
  controls: {
    position: 'absolute',
    top: theme.spacing(0.5),
    right: theme.spacing(0.5),
    display: 'flex',
    flexDirection: 'column',
    background: theme.palette.background.paper,
    borderRadius: theme.shape.borderRadius,
    boxShadow: theme.shadows[1],
  },
  node: {
    cursor: 'pointer',
    outline: 'none',
    '&:focus-visible rect, &:hover rect, &:focus-visible polygon, &:hover polygon':
      {
        strokeWidth: 2.5,
      },
  },
  label: {
    fill: theme.palette.text.primary,
    fontSize: LABEL_FONT_SIZE,
    fontFamily: theme.typography.fontFamily,
  },
  sublabel: {
    fill: theme.palette.text.secondary,
    fontSize: SUBLABEL_FONT_SIZE,
    fontFamily: theme.typography.fontFamily,
  },
  groupLabel: {
    fill: theme.palette.text.secondary,
    fontSize: LABEL_FONT_SIZE,
    fontWeight: theme.typography.fontWeightMedium as number,
    fontFamily: theme.typography.fontFamily,
  },
  partialHint: {
    display: 'block',
    padding: theme.spacing(0.5, 1.5),
    borderTop: `1px solid ${theme.palette.divider}`,
  },
}));

const KIND_GLYPH: Record<TopologyNodeType, string> = {
  workload: 'W',
  service: 'S',
  vm: 'VM',
  gateway: 'GW',
  waypoint: 'WP',
  external: 'EX',
  route: 'RT',
};

/** Scale factor of one zoom button press. */
const ZOOM_STEP = 1.4;

/** A labelled icon button of the graph's control strip. */
function ControlButton(props: {
  label: string;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <Tooltip title={props.label}>
      <IconButton size="small" aria-label={props.label} onClick={props.onClick}>
        {props.children}
      </IconButton>
    </Tooltip>
  );
}

/** The viewport of a tiny topology (one node) is not made shorter than this (px). */
const MIN_HEIGHT = 160;

const OUTCOMES = ['mtls', 'plaintext', 'fail', 'denied', 'unknown'] as const;

const markerId = (outcome: string) => `meshplane-arrow-${outcome}`;

/** Where a node's text starts: right of its kind glyph. */
const TEXT_LEFT = 36;
/** Characters that fit right of the glyph, at about half an em per character. */
const charsFitting = (fontSize: number) =>
  Math.floor((NODE_WIDTH - TEXT_LEFT - 8) / (fontSize * 0.5));
const NAME_CHARS = charsFitting(LABEL_FONT_SIZE);
const SUBLABEL_CHARS = charsFitting(SUBLABEL_FONT_SIZE);

/** Cuts a label to what fits in a node box; the node's title holds the whole name. */
function fitLabel(text: string, maxChars: number): string {
  return text.length <= maxChars ? text : `${text.slice(0, maxChars - 1)}…`;
}

/** A cubic curve leaving the client and entering the server horizontally. */
function edgePath(edge: PlacedEdge): string {
  const { start, end } = edge;
  const bend = Math.max(60, Math.abs(end.x - start.x) / 2);
  return `M${start.x},${start.y} C${start.x + bend},${start.y} ${
    end.x - bend
  },${end.y} ${end.x},${end.y}`;
}

function nodeStroke(theme: Theme, node: TopologyNode): string {
  if (node.own) return theme.palette.primary.main;
  if (node.type === 'gateway' || node.type === 'waypoint')
    return theme.palette.secondary.main;
  return theme.palette.text.secondary;
}

function NodeShape(props: {
  node: PlacedNode;
  selected: boolean;
  theme: Theme;
}) {
  const { node, selected, theme } = props;
  const common = {
    width: NODE_WIDTH,
    height: NODE_HEIGHT,
    fill: selected
      ? theme.palette.action.selected
      : theme.palette.background.paper,
    stroke: nodeStroke(theme, node),
    strokeWidth: node.own || selected ? 2 : 1,
  };
  switch (node.type) {
    case 'service':
      return <rect {...common} rx={NODE_HEIGHT / 2} />;
    case 'vm':
      return <rect {...common} rx={2} strokeDasharray="6 3" />;
    case 'gateway':
      return <rect {...common} rx={8} strokeWidth={3} />;
    case 'external':
      return <rect {...common} rx={2} strokeDasharray="2 3" />;
    case 'route': {
      // A slanted box: the Gateway API route between a gateway (or service) and its backends.
      const k = NODE_HEIGHT / 4;
      const { width: w, height: h, ...paint } = common;
      return (
        <polygon {...paint} points={`${k},0 ${w},0 ${w - k},${h} 0,${h}`} />
      );
    }
    case 'waypoint': {
      // Bevelled corners: the L7 proxy a service's ambient traffic passes through.
      const b = NODE_HEIGHT / 3;
      const { width: w, height: h, ...paint } = common;
      return (
        <polygon
          {...paint}
          points={`${b},0 ${w - b},0 ${w},${b} ${w},${h - b} ${
            w - b
          },${h} ${b},${h} 0,${h - b} 0,${b}`}
        />
      );
    }
    default:
      return <rect {...common} rx={4} />;
  }
}

/**
 * Unresolved Gateway API backends dotted, edges of excluded traffic dashed,
 * observed traffic that no configuration allows dash-dotted.
 */
function edgeDash(edge: PlacedEdge): string | undefined {
  if (edge.unresolved) return '2 3';
  if (edge.observedOnly) return '8 3 2 3';
  if (edge.outcome === 'excluded') return '5 4';
  return undefined;
}

/** Thin, or as wide as its observed request rate; wider while one of its nodes is hovered. */
function edgeWidth(edge: PlacedEdge, active: boolean): number {
  const width = edge.observed
    ? trafficStrokeWidth(edge.observed)
    : THIN_EDGE_WIDTH;
  return active ? width + THIN_EDGE_WIDTH : width;
}

/** Edges of the hovered node stand out; edges between dimmed nodes fade. */
function edgeOpacity(
  faded: boolean,
  active: boolean,
  hovering: boolean,
): number {
  if (faded) return 0.15;
  return active || !hovering ? 0.9 : 0.35;
}

/** What a node is, for its hover title and its accessible name. */
export function nodeDescription(node: TopologyNode): string {
  let where = 'outside the mesh';
  if (node.cluster) where = `cluster ${node.cluster}`;
  else if (node.clusters && node.clusters.length > 0)
    where = `clusters ${node.clusters.join(', ')}`;
  const name = node.namespace ? `${node.namespace}/${node.name}` : node.name;
  let proxy = node.sidecar === false ? ', no sidecar' : '';
  if (node.dataplane === 'ambient')
    proxy = node.type === 'waypoint' ? '' : ', ambient (ztunnel)';
  const type = node.type === 'route' && node.kind ? node.kind : node.type;
  return `${type} ${name}, ${where}${proxy}${gatewayDescription(node)}`;
}

/** A gateway node's listeners and workload, for its title: `; listeners https 443 (bookinfo.example.com); runs as …`. */
function gatewayDescription(node: TopologyNode): string {
  const gateway = node.gateway;
  if (!gateway) return '';
  const listeners = gateway.listeners.map(
    l =>
      `${l.name} ${l.protocol} ${l.port}${
        l.hostname ? ` (${l.hostname})` : ''
      }`,
  );
  const parts = [
    listeners.length ? `listeners ${listeners.join(', ')}` : 'no listeners',
  ];
  if (!gateway.listeners.some(l => l.hostname) && gateway.hostnames.length)
    parts.push(`hosts ${gateway.hostnames.join(', ')}`);
  if (gateway.workload)
    parts.push(
      `runs as ${gateway.workload.namespace}/${gateway.workload.name}`,
    );
  return `; ${parts.join('; ')}`;
}

/**
 * A mesh topology: workloads, services, VMs and gateways in a box per cluster
 * (and per network when there are several), edges coloured by mTLS outcome,
 * with pan (drag), zoom (Ctrl/⌘ + wheel, pinch, buttons) and fit-to-view.
 * It opens fitted to its container's width with names at about the body text
 * size (as the fit-to-view button fits it): whole when that keeps them readable, else readable
 * from the left, the page scrolling over its height.
 *
 * @public
 */
export function TopologyGraph(props: TopologyGraphProps) {
  const {
    topology,
    onNodeClick,
    highlighted,
    focusNodeId,
    selectedNodeId,
    height: maxHeight = 1600,
  } = props;
  const classes = useStyles();
  const theme = useTheme();
  const viewportRef = useRef<SVGSVGElement>(null);
  const drawingRef = useRef<SVGGElement>(null);
  const { zoomBy, fit, centerOn } = usePanZoom(viewportRef, drawingRef);
  const layout = useMemo(() => layoutTopology(topology), [topology]);
  const [hovered, setHovered] = useState<string>();
  const [view, setView] = useState({ height: maxHeight, complete: true });

  // Before paint, so the graph never shows unfitted; "Fit to view" does the same.
  const refit = useCallback(() => {
    const { height, complete } = fit(layout, {
      minHeight: MIN_HEIGHT,
      maxHeight,
    });
    setView({ height, complete });
  }, [fit, layout, maxHeight]);
  useLayoutEffect(refit, [refit]);

  useEffect(() => {
    const target = focusNodeId && layout.nodes.find(n => n.id === focusNodeId);
    if (target) centerOn(target.x, target.y);
  }, [centerOn, focusNodeId, layout]);

  const dimmed = (id: string) =>
    highlighted !== undefined && !highlighted.has(id);
  const activate = (node: TopologyNode) => onNodeClick?.(node);
  const onKeyDown = (event: KeyboardEvent, node: TopologyNode) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      activate(node);
    }
  };

  return (
    <div className={classes.root} data-testid="meshplane-topology">
      <svg
        ref={viewportRef}
        className={classes.svg}
        style={{ height: view.height }}
        role="img"
        aria-label={`Topology: ${layout.nodes.length} nodes, ${layout.edges.length} edges`}
      >
        <defs>
          {OUTCOMES.map(outcome => (
            <marker
              key={outcome}
              id={markerId(outcome)}
              viewBox="0 0 10 10"
              refX="10"
              refY="5"
              // In drawing units: arrows keep their size on edges drawn wide by their traffic.
              markerUnits="userSpaceOnUse"
              markerWidth="11"
              markerHeight="11"
              orient="auto-start-reverse"
            >
              <path
                d="M0,0 L10,5 L0,10 z"
                fill={edgeOutcomeColor(
                  theme,
                  outcome === 'unknown' ? undefined : outcome,
                )}
              />
            </marker>
          ))}
        </defs>
        <g ref={drawingRef}>
          {layout.groups.map(group => (
            <g key={group.id} data-group={group.kind}>
              <rect
                x={group.x}
                y={group.y}
                width={group.width}
                height={group.height}
                rx={6}
                fill={
                  group.kind === 'network'
                    ? theme.palette.action.hover
                    : theme.palette.background.paper
                }
                fillOpacity={group.kind === 'network' ? 1 : 0.6}
                stroke={theme.palette.divider}
                strokeDasharray={group.kind === 'network' ? '8 4' : undefined}
              />
              <text
                x={group.x + 12}
                y={group.y + 21}
                className={classes.groupLabel}
              >
                {group.label}
              </text>
            </g>
          ))}
          {layout.edges.map(edge => {
            const outcome = edge.outcome ?? 'unknown';
            const active = hovered === edge.from || hovered === edge.to;
            const faded = dimmed(edge.from) && dimmed(edge.to);
            return (
              <path
                key={edge.id}
                d={edgePath(edge)}
                fill="none"
                data-outcome={outcome}
                {...(edge.unresolved ? { 'data-unresolved': 'true' } : {})}
                {...(edge.observed ? { 'data-observed': 'true' } : {})}
                {...(edge.observedOnly ? { 'data-observed-only': 'true' } : {})}
                stroke={edgeOutcomeColor(theme, edge.outcome)}
                strokeWidth={edgeWidth(edge, active)}
                strokeDasharray={edgeDash(edge)}
                strokeOpacity={edgeOpacity(
                  faded,
                  active,
                  hovered !== undefined,
                )}
                markerEnd={`url(#${markerId(
                  outcome === 'excluded' ? 'unknown' : outcome,
                )})`}
              >
                <title>{edge.lines.join('\n')}</title>
              </path>
            );
          })}
          {layout.nodes.map(node => (
            <g
              key={node.id}
              className={classes.node}
              transform={`translate(${node.x - NODE_WIDTH / 2},${
                node.y - NODE_HEIGHT / 2
              })`}
              opacity={dimmed(node.id) ? 0.25 : 1}
              role="button"
              tabIndex={0}
              aria-label={nodeDescription(node)}
              data-node-type={node.type}
              onClick={() => activate(node)}
              onKeyDown={event => onKeyDown(event, node)}
              onMouseEnter={() => setHovered(node.id)}
              onMouseLeave={() => setHovered(undefined)}
            >
              <title>{nodeDescription(node)}</title>
              <NodeShape
                node={node}
                selected={node.id === selectedNodeId}
                theme={theme}
              />
              <text
                x={10}
                y={NODE_HEIGHT / 2 + SUBLABEL_FONT_SIZE / 3}
                className={classes.sublabel}
                fontWeight="bold"
              >
                {KIND_GLYPH[node.type]}
              </text>
              <text x={TEXT_LEFT} y={19} className={classes.label}>
                {fitLabel(node.name, NAME_CHARS)}
              </text>
              <text x={TEXT_LEFT} y={36} className={classes.sublabel}>
                {fitLabel(node.namespace ?? laneOf(node), SUBLABEL_CHARS)}
              </text>
            </g>
          ))}
        </g>
      </svg>
      {!view.complete && (
        <Typography variant="caption" className={classes.partialHint}>
          Part of the graph is out of view: drag to pan, or zoom out
        </Typography>
      )}
      <div className={classes.controls}>
        <ControlButton label="Zoom in" onClick={() => zoomBy(ZOOM_STEP)}>
          <ZoomInIcon fontSize="small" />
        </ControlButton>
        <ControlButton label="Zoom out" onClick={() => zoomBy(1 / ZOOM_STEP)}>
          <ZoomOutIcon fontSize="small" />
        </ControlButton>
        <ControlButton label="Fit to view" onClick={refit}>
          <FullscreenIcon fontSize="small" />
        </ControlButton>
      </div>
    </div>
  );
}
