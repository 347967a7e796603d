export {
  findClaimConflicts,
  formatClaim,
  type ClaimConflict,
  type WorkspaceClaims,
} from './claimConflicts';
export {
  resolveGroupTargets,
  type FleetClusterNamespaces,
  type GroupTarget,
} from './groupTargets';
export {
  describeWorkspace,
  normalizeWorkspaceRef,
  WorkspaceDirectory,
  type WorkspaceCatalog,
  type WorkspaceRecord,
} from './WorkspaceDirectory';
export { workspaceInventory } from './workspaceInventory';
export {
  GATEWAY_API_MODES,
  readWorkspaceSettings,
  settingsOf,
  type GatewayApiMode,
  type WorkspaceSettings,
  type WorkspaceSettingsTable,
} from './workspaceSettings';
