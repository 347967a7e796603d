export { createGroupRenderAction } from './groupRender';
export { createGroupRequestAction } from './groupRequest';
export { createRequestStatusAction } from './requestStatus';
