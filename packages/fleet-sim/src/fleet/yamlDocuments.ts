import { LineCounter, parseAllDocuments } from 'yaml';
import { FleetLoadError } from './FleetLoadError';

/** One YAML document of a file, with the line it starts on. */
export interface YamlDocument {
  value: unknown;
  line: number;
}

/**
 * Parses a multi-document YAML (or JSON) text; a syntax error becomes a
 * `FleetLoadError` naming the file and line.
 */
export function parseYamlDocuments(text: string, file: string): YamlDocument[] {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, {
    lineCounter,
    prettyErrors: false,
  });
  const list = Array.isArray(documents) ? documents : [];
  const result: YamlDocument[] = [];
  for (const document of list) {
    const error = document.errors[0];
    if (error) {
      const line = lineCounter.linePos(error.pos[0]).line;
      throw new FleetLoadError({
        file,
        line,
        message: `invalid YAML: ${error.message.split('\n')[0]}`,
      });
    }
    const value = document.toJS({ maxAliasCount: 100 });
    if (value === null || value === undefined) {
      continue;
    }
    const start = document.contents?.range?.[0] ?? document.range[0];
    result.push({ value, line: lineCounter.linePos(start).line });
  }
  return result;
}
