export { useServiceEntityLink } from './useServiceEntityLink';
