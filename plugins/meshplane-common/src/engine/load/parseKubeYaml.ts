import { LineCounter, parseAllDocuments } from 'yaml';
import { KubeObject } from '../model/types';

/** Where an object came from. @public */
export interface ObjectSource {
  file: string;
  /** 1-based line of the document (or list item) start. */
  line: number;
}

/** An object parsed from text, with its origin. @public */
export interface LoadedObject {
  object: KubeObject;
  source: ObjectSource;
}

/** A document that could not be read: names file and line. @public */
export interface LoadError {
  file: string;
  line: number;
  message: string;
  /** For a mapping without them: the required fields it lacks (`apiVersion`, `kind`, `metadata.name`). */
  missing?: string[];
}

/** Result of {@link parseKubeYaml}. @public */
export interface ParseResult {
  objects: LoadedObject[];
  errors: LoadError[];
}

/** Formats a load error as `file:line: message`. @public */
export function formatLoadError(error: LoadError): string {
  return `${error.file}:${error.line}: ${error.message}`;
}

function missingFields(value: Record<string, any>): string[] {
  const missing: string[] = [];
  if (typeof value.apiVersion !== 'string' || !value.apiVersion)
    missing.push('apiVersion');
  if (typeof value.kind !== 'string' || !value.kind) missing.push('kind');
  const md = value.metadata;
  if (
    typeof md !== 'object' ||
    md === null ||
    Array.isArray(md) ||
    typeof md.name !== 'string' ||
    !md.name
  ) {
    missing.push('metadata.name');
  }
  return missing;
}

function isMapping(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function collect(
  value: unknown,
  file: string,
  line: number,
  out: ParseResult,
  what: string,
): void {
  if (!isMapping(value)) {
    out.errors.push({ file, line, message: `${what} is not a mapping` });
    return;
  }
  if (
    typeof value.kind === 'string' &&
    value.kind.endsWith('List') &&
    Array.isArray(value.items)
  ) {
    value.items.forEach((item: unknown, i: number) =>
      collect(item, file, line, out, `${value.kind} item ${i}`),
    );
    return;
  }
  const missing = missingFields(value);
  if (missing.length) {
    out.errors.push({
      file,
      line,
      message: `${what} lacks ${missing.join(', ')}`,
      missing,
    });
    return;
  }
  const obj = value as KubeObject;
  if (
    obj.metadata.namespace !== undefined &&
    typeof obj.metadata.namespace !== 'string'
  ) {
    out.errors.push({
      file,
      line,
      message: `${what}: metadata.namespace is not a string`,
    });
    return;
  }
  out.objects.push({ object: obj, source: { file, line } });
}

/**
 * Parses Kubernetes objects from YAML (multi-document) or JSON text;
 * `kind: List` (and `*List`) documents are expanded. Documents that are
 * empty are skipped; a document that is not a mapping or lacks `apiVersion`,
 * `kind` or `metadata.name` is reported as an error with file and line.
 * Pure: no I/O, runs in the browser too.
 * @public
 */
export function parseKubeYaml(text: string, fileName: string): ParseResult {
  const out: ParseResult = { objects: [], errors: [] };
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: false,
  });
  const list = Array.isArray(docs) ? docs : [docs];
  for (const doc of list) {
    const start = doc.contents?.range?.[0] ?? doc.range?.[0] ?? 0;
    const line = lineCounter.linePos(start).line;
    if (doc.errors.length > 0) {
      const err = doc.errors[0];
      const errLine =
        err.linePos?.[0]?.line ?? lineCounter.linePos(err.pos[0]).line;
      out.errors.push({
        file: fileName,
        line: errLine,
        message: `invalid YAML: ${err.message.split('\n')[0]}`,
      });
      continue;
    }
    if (doc.contents === null) continue;
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 1000 });
    } catch (e) {
      out.errors.push({
        file: fileName,
        line,
        message: `invalid YAML: ${(e as Error).message}`,
      });
      continue;
    }
    if (value === null || value === undefined) continue;
    collect(value, fileName, line, out, 'document');
  }
  return out;
}
