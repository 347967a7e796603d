import {
  InfoCard,
  StatusError,
  StatusOK,
  StatusPending,
  Table,
  TableColumn,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type {
  GatewayApiGateway,
  GatewayApiListener,
  GatewayApiRoute,
  GatewayApiRouteBackend,
  GatewayApiRouteParent,
} from '@meshplane/plugin-meshplane-common';
import {
  BreakableText,
  FindingCodeLink,
  oneLine,
  wholeWords,
} from '@meshplane/plugin-meshplane-react';
import { ReactNode } from 'react';
import {
  backendShare,
  ConditionVerdict,
  gatewayCondition,
  listenerVerdict,
} from './gatewayStatus';

/*
 * The Gateway API on an entity's Mesh tab: a gateway's Gateways (class, status, listeners) and
 * the routes attached to them, a service's routes that reach it; each route with the listeners
 * it attaches to, its hostnames, whether Istio accepts it and its backends with their weight
 * and status, an unresolved backend with Istio's reason and its finding's code.
 */

/** A verdict as a status label, its message as the tooltip. */
function Verdict(props: { verdict: ConditionVerdict; children?: ReactNode }) {
  const { verdict, children } = props;
  const text = children ?? verdict.text;
  const label = { 'aria-label': verdict.text, 'aria-hidden': false } as const;
  let status: ReactNode;
  if (verdict.verdict === 'ok') status = <StatusOK {...label}>{text}</StatusOK>;
  else if (verdict.verdict === 'problem')
    status = <StatusError {...label}>{text}</StatusError>;
  else status = <StatusPending {...label}>{text}</StatusPending>;
  return <span title={verdict.message}>{status}</span>;
}

type ListenerRow = GatewayApiListener & { id: string };

const listenerColumns: TableColumn<ListenerRow>[] = [
  oneLine({ title: 'Listener', field: 'name', highlight: true }),
  oneLine({
    title: 'Protocol / port',
    render: row => `${row.protocol}/${row.port}`,
  }),
  wholeWords({
    title: 'Hostname',
    render: row => <BreakableText text={row.hostname ?? 'any host'} />,
  }),
  oneLine({
    title: 'Attached routes',
    type: 'numeric',
    render: row => row.attachedRoutes ?? '—',
  }),
  wholeWords({
    title: 'Status',
    render: row => <Verdict verdict={listenerVerdict(row)} />,
  }),
];

/** One Gateway: class, cluster, addresses, Accepted and Programmed, its listeners. */
function GatewaySummary(props: { gateway: GatewayApiGateway }) {
  const { gateway } = props;
  return (
    <Box mb={2} data-testid="meshplane-gateway">
      <Typography variant="subtitle1">
        Gateway {gateway.namespace}/{gateway.name}
      </Typography>
      <Typography variant="body2" color="textSecondary">
        class {gateway.className} · cluster {gateway.cluster}
        {gateway.addresses.length > 0 &&
          ` · address ${gateway.addresses.join(', ')}`}
        {gateway.hostnames.length > 0 &&
          ` · hostnames ${gateway.hostnames.join(', ')}`}
      </Typography>
      <Box display="flex" style={{ gap: 24 }} my={1}>
        {['Accepted', 'Programmed'].map(type => (
          <Typography variant="body2" component="span" key={type}>
            {type}:{' '}
            <Verdict verdict={gatewayCondition(gateway.conditions, type)} />
          </Typography>
        ))}
      </Box>
      <Table<ListenerRow>
        data={gateway.listeners.map(l => ({ ...l, id: l.name }))}
        columns={listenerColumns}
        options={{
          search: false,
          paging: false,
          sorting: false,
          padding: 'dense',
          toolbar: false,
        }}
        emptyContent={
          <Typography style={{ padding: 16 }}>
            The Gateway has no listeners: no route can attach to it.
          </Typography>
        }
      />
    </Box>
  );
}

type RouteRow = GatewayApiRoute & { id: string; route: string };

function parentName(parent: GatewayApiRouteParent): string {
  const where = [
    parent.sectionName && `sectionName ${parent.sectionName}`,
    parent.port !== undefined && `port ${parent.port}`,
  ].filter(Boolean);
  return `${parent.kind} ${parent.namespace}/${parent.name}${
    where.length ? ` (${where.join(', ')})` : ''
  }`;
}

function backendName(backend: GatewayApiRouteBackend): string {
  return `${backend.kind === 'Service' ? '' : `${backend.kind} `}${
    backend.kind === 'Hostname' ? '' : `${backend.namespace}/`
  }${backend.name}${backend.port !== undefined ? `:${backend.port}` : ''}`;
}

function Backend(props: {
  route: GatewayApiRoute;
  backend: GatewayApiRouteBackend;
}) {
  const { route, backend } = props;
  const share = backendShare(route, backend);
  return (
    <Box mb={0.5} data-testid="meshplane-route-backend">
      <Typography variant="body2">
        <BreakableText text={backendName(backend)} />
      </Typography>
      <Typography variant="caption" color="textSecondary" component="div">
        weight {backend.weight}
        {share !== undefined && ` (${share}% of rule ${backend.rule + 1})`}
      </Typography>
      <Typography variant="body2" component="div">
        <Verdict
          verdict={{
            verdict: backend.resolved ? 'ok' : 'problem',
            text: backend.resolved ? 'resolved' : backend.reason,
            message: backend.message,
          }}
        />
        {backend.findingCodes.map(code => (
          <Box component="span" ml={1} key={code}>
            <FindingCodeLink code={code} />
          </Box>
        ))}
      </Typography>
      {!backend.resolved && (
        <Typography variant="caption" color="textSecondary" component="div">
          <BreakableText text={backend.message} />
        </Typography>
      )}
    </Box>
  );
}

function routeColumns(showClusters: boolean): TableColumn<RouteRow>[] {
  return [
    oneLine({
      title: 'Route',
      field: 'route',
      highlight: true,
      render: row => (
        <>
          <Typography variant="body2" style={{ fontWeight: 'inherit' }}>
            {row.namespace}/{row.name}
          </Typography>
          <Typography variant="caption" color="textSecondary" component="div">
            {row.kind}
            {row.relations.includes('parent') && ' · mesh route'}
            {showClusters && ` · ${row.clusters.join(', ')}`}
          </Typography>
        </>
      ),
    }),
    wholeWords({
      title: 'Listeners',
      render: row =>
        row.parents.map((parent, index) => (
          <Box key={index} mb={0.5}>
            <Typography variant="body2">
              {parent.kind === 'Gateway'
                ? parent.listeners.join(', ') || 'none'
                : 'mesh (all clients of the service)'}
            </Typography>
            <Typography variant="caption" color="textSecondary">
              <BreakableText text={parentName(parent)} />
            </Typography>
          </Box>
        )),
    }),
    wholeWords({
      title: 'Hostnames',
      render: row => (
        <BreakableText
          text={
            row.hostnames.length ? row.hostnames.join(', ') : 'any (listener)'
          }
        />
      ),
    }),
    oneLine({
      title: 'Accepted',
      render: row =>
        row.parents.map((parent, index) => (
          <Box key={index} mb={0.5}>
            <Verdict
              verdict={{
                verdict: parent.accepted ? 'ok' : 'problem',
                text: parent.reason,
                message: parent.message,
              }}
            />
          </Box>
        )),
    }),
    wholeWords({
      title: 'Backends',
      render: row =>
        row.backends.length ? (
          row.backends.map((backend, index) => (
            <Backend key={index} route={row} backend={backend} />
          ))
        ) : (
          <Typography variant="body2" color="textSecondary">
            none
          </Typography>
        ),
    }),
  ];
}

/**
 * The Gateway API part of an entity's Mesh tab: for a gateway Resource its
 * Gateways (class, Accepted and Programmed, listeners) and the routes
 * attached to them; for a service the routes that reach it (as a backend, or
 * as the parent of a mesh route). Each route with the listeners it attaches
 * to, its hostnames, whether Istio accepts it, and its backends with weight
 * and status; an unresolved backend with Istio's reason and the code of its
 * finding, linked to how to fix it.
 */
export function GatewayRoutesSection(props: {
  gateways: GatewayApiGateway[];
  routes: GatewayApiRoute[];
}) {
  const { gateways, routes } = props;
  const showClusters =
    new Set(routes.map(r => r.clusters.join(','))).size > 1 ||
    new Set(gateways.map(g => g.cluster)).size > 1;
  const subject = gateways.length
    ? `attached to ${
        gateways.length === 1
          ? `Gateway ${gateways[0].namespace}/${gateways[0].name}`
          : 'these Gateways'
      }`
    : `${routes.length === 1 ? 'reaches' : 'reach'} the linked services`;
  return (
    <div data-testid="meshplane-gateway-routes">
      <InfoCard
        title="Gateway API"
        subheader={`${routes.length} ${
          routes.length === 1 ? 'route' : 'routes'
        } ${subject}`}
      >
        {gateways.map(gateway => (
          <GatewaySummary
            key={`${gateway.cluster}/${gateway.namespace}/${gateway.name}`}
            gateway={gateway}
          />
        ))}
        <Table<RouteRow>
          title="Routes"
          data={routes.map((r, index) => ({
            ...r,
            id: `${index}`,
            route: `${r.kind} ${r.namespace}/${r.name}`,
          }))}
          columns={routeColumns(showClusters)}
          options={{
            search: routes.length > 10,
            paging: routes.length > 20,
            pageSize: 20,
            padding: 'dense',
          }}
          emptyContent={
            <Typography style={{ padding: 16 }}>
              {gateways.length
                ? 'No HTTPRoute, GRPCRoute, TCPRoute or TLSRoute names this gateway as its parent.'
                : 'No Gateway API route reaches the linked services.'}
            </Typography>
          }
        />
      </InfoCard>
    </div>
  );
}
