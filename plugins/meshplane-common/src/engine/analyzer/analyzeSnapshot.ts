import { AnalysisReport, MeshSnapshot } from '../model/types';
import type { IstioCrdSchemas } from '../validation/schema/crdSchemas';
import { MeshAnalyzer } from './MeshAnalyzer';

/**
 * Analyses a snapshot in one go: posture, findings and (with `edges`) every client workload →
 * service port edge. The CLI's JSON output is exactly this object.
 * @public
 */
export function analyzeSnapshot(
  snapshot: MeshSnapshot,
  options: { edges?: boolean; schemas?: IstioCrdSchemas } = {},
): AnalysisReport {
  return MeshAnalyzer.fromSnapshot(snapshot, {
    schemas: options.schemas,
  }).report({ edges: options.edges });
}
