/**
 * The Meshplane backend plugin (pluginId `meshplane`).
 *
 * @packageDocumentation
 */
export { meshplanePlugin as default } from './plugin';
