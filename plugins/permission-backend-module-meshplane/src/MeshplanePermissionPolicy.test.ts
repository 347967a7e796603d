import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import {
  meshplaneEntityReadPermission,
  meshplaneFleetReadPermission,
} from '@meshplane/plugin-meshplane-common';
import { MeshplanePermissionPolicy } from './MeshplanePermissionPolicy';

const userRef = 'user:default/alice';
const user = {
  credentials: mockCredentials.user(userRef),
  info: {
    userEntityRef: userRef,
    ownershipEntityRefs: [userRef, 'group:default/bookinfo-team'],
  },
};
const userInfo = mockServices.userInfo({
  ownershipEntityRefs: user.info.ownershipEntityRefs,
});
const catalogDelete = createPermission({
  name: 'catalog.entity.delete',
  attributes: { action: 'delete' },
  resourceType: 'catalog-entity',
});

describe('MeshplanePermissionPolicy', () => {
  it('allows fleet reads, entity reads and everything else by default', async () => {
    const policy = new MeshplanePermissionPolicy({ userInfo });
    for (const permission of [
      meshplaneFleetReadPermission,
      meshplaneEntityReadPermission,
      catalogDelete,
    ]) {
      expect(await policy.handle({ permission }, user)).toEqual({
        result: AuthorizeResult.ALLOW,
      });
    }
  });

  it('answers entity reads with the catalog ownership condition for owners-only, and nothing else changes', async () => {
    const policy = new MeshplanePermissionPolicy({
      userInfo,
      entityRead: 'owners',
    });
    expect(
      await policy.handle({ permission: meshplaneEntityReadPermission }, user),
    ).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'catalog-entity',
        params: { claims: [userRef, 'group:default/bookinfo-team'] },
      },
    });
    expect(
      await policy.handle({ permission: meshplaneEntityReadPermission }),
    ).toEqual({
      result: AuthorizeResult.ALLOW,
    });
    expect(
      await policy.handle({ permission: meshplaneFleetReadPermission }, user),
    ).toEqual({
      result: AuthorizeResult.ALLOW,
    });
    expect(await policy.handle({ permission: catalogDelete }, user)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });
});
