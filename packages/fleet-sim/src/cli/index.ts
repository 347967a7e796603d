export { runFleetSimCli } from './runFleetSimCli';
