import { createApp } from '@backstage/frontend-defaults';
import { navModule } from './modules/nav';
import { homeModule } from './modules/home';
import { meshplaneCatalogPlugin } from './modules/catalog';

export default createApp({
  features: [meshplaneCatalogPlugin, navModule, homeModule],
});
