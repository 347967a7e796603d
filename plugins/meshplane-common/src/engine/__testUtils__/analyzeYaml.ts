import { MeshAnalyzer } from '../analyzer/MeshAnalyzer';
import { parseKubeYaml } from '../load';
import { MeshConfig, Message } from '../model/types';

/** Analyses YAML text as one cluster (or several: `{name: yaml}`) and returns the analyzer. */
export function analyzerFor(
  yaml: string | Record<string, string>,
  meshConfig?: Partial<MeshConfig>,
): MeshAnalyzer {
  const a = new MeshAnalyzer({ meshConfig });
  const clusters = typeof yaml === 'string' ? { default: yaml } : yaml;
  for (const [name, text] of Object.entries(clusters)) {
    const parsed = parseKubeYaml(text, `${name}.yaml`);
    if (parsed.errors.length)
      throw new Error(
        parsed.errors.map(e => `${e.file}:${e.line}: ${e.message}`).join('\n'),
      );
    a.loadCluster({ name, objects: parsed.objects.map(o => o.object) });
  }
  return a;
}

/** `CODE Kind ns/name` (or `CODE Kind name`) of every message of one analyzer, sorted. */
export function findingsOf(
  yaml: string | Record<string, string>,
  analyzer: string,
  meshConfig?: Partial<MeshConfig>,
): string[] {
  return analyzerFor(yaml, meshConfig)
    .report()
    .messages.filter((m: Message) => m.analyzer === analyzer)
    .map(
      m =>
        `${m.code} ${m.resource.kind} ${
          m.resource.namespace !== null ? `${m.resource.namespace}/` : ''
        }${m.resource.name}`,
    )
    .sort();
}
