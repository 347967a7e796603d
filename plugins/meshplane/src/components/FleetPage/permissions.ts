import { meshplaneFleetReadPermission } from '@meshplane/plugin-meshplane-common';

/** The permission every fleet page call needs, named in permission-denied states. */
export const fleetReadPermissionName = meshplaneFleetReadPermission.name;
