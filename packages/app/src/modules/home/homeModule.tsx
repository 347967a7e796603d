import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { HomePageLayoutBlueprint } from '@backstage/plugin-home-react/alpha';

/**
 * The portal's home page (`/`): a fixed grid of the installed widgets,
 * Meshplane's first (the signed-in user's mesh services, open mesh requests,
 * fleet health), under a greeting. Users do not arrange it themselves, so it
 * never opens empty in edit mode.
 */
const homeLayout = HomePageLayoutBlueprint.make({
  params: {
    loader: () => import('./HomeLayout').then(m => m.HomeLayout),
  },
});

export const homeModule = createFrontendModule({
  pluginId: 'home',
  extensions: [homeLayout],
});
