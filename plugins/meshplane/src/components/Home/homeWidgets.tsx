import { compatWrapper } from '@backstage/core-compat-api';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';

/** The signed-in user's mesh entities and their posture (`home-page-widget:meshplane/my-services`). @alpha */
export const myMeshServicesWidget = HomePageWidgetBlueprint.make({
  name: 'my-services',
  params: {
    name: 'MeshplaneMyServices',
    title: 'Your mesh services',
    description:
      'Services, workspaces and VMs you own, with their mTLS posture and findings',
    layout: { width: { defaultColumns: 8 } },
    components: () =>
      import('./MyMeshServicesContent').then(m => ({
        Content: () => compatWrapper(<m.MyMeshServicesContent />),
      })),
  },
});

/** Mesh requests waiting for approval or rollout (`home-page-widget:meshplane/open-requests`). @alpha */
export const openRequestsWidget = HomePageWidgetBlueprint.make({
  name: 'open-requests',
  params: {
    name: 'MeshplaneOpenRequests',
    title: 'Open mesh requests',
    description: 'Gateway, traffic and security group requests still open',
    layout: { width: { defaultColumns: 4 } },
    components: () =>
      import('./OpenRequestsContent').then(m => ({
        Content: () => compatWrapper(<m.OpenRequestsContent />),
      })),
  },
});

/** Clusters in sync and findings of the fleet (`home-page-widget:meshplane/fleet-health`). @alpha */
export const fleetHealthWidget = HomePageWidgetBlueprint.make({
  name: 'fleet-health',
  params: {
    name: 'MeshplaneFleetHealth',
    title: 'Mesh fleet health',
    description: 'Clusters in sync and findings of the mesh fleet',
    layout: { width: { defaultColumns: 4 } },
    components: () =>
      import('./FleetHealthContent').then(m => ({
        Content: () => compatWrapper(<m.FleetHealthContent />),
      })),
  },
});

/** Every home page widget of Meshplane, for the plugin's extension list. @alpha */
export const homeWidgets = [
  myMeshServicesWidget,
  openRequestsWidget,
  fleetHealthWidget,
];
