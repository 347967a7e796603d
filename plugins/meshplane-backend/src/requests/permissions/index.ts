export {
  isInWorkspace,
  isRequester,
  isWorkspaceOwner,
  requestResourceRef,
  requestRules,
} from './requestRules';
