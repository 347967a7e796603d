export { previewRequest } from './previewRequest';
export type { PreviewObserver } from './previewRequest';
