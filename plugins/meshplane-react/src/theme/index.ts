export { edgeOutcomeColor } from './meshPalette';
