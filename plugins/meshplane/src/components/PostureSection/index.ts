export { PostureSection } from './PostureSection';
