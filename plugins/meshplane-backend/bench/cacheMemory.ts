import { KubeObject, MeshAnalyzer } from '@meshplane/plugin-meshplane-common';
import { StringPool } from '../src/fleet/StringPool';
import { isRelevant, ObjectTrimmer } from '../src/fleet/trimObject';
import { listRaw } from './rawBaseline';

/**
 * Heap of the cache alone, measured outside the backend on the same lists:
 * the objects trimmed exactly as the informers trim them, in the engine's
 * index; then the same after the engine's full analysis.
 */
export async function measureCacheMemory(
  clusters: Array<{ name: string; url: string; caData: string; token: string }>,
  gc: () => number,
): Promise<{
  objects: number;
  cacheBytesPerObject: number;
  analysedBytesPerObject: number;
  analysisMs: number;
}> {
  const before = gc();
  const trimmer = new ObjectTrimmer(new StringPool());
  let analyzer: MeshAnalyzer | undefined = new MeshAnalyzer();
  let objects = 0;
  await listRaw(clusters, 500, (cluster, apiVersion, kind, items) => {
    for (const raw of items as Array<Record<string, any>>) {
      if (!isRelevant(kind, raw)) continue;
      analyzer!.upsert(
        cluster,
        trimmer.trim(apiVersion, kind, raw) as KubeObject,
      );
      objects++;
    }
  });
  const cached = gc();
  const started = performance.now();
  analyzer.refresh();
  const analysisMs = Math.round(performance.now() - started);
  const analysed = gc();
  analyzer = undefined;
  return {
    objects,
    cacheBytesPerObject: Math.round((cached - before) / objects),
    analysedBytesPerObject: Math.round((analysed - before) / objects),
    analysisMs,
  };
}
