export { previewRequest } from './previewRequest';
