import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import type { ResourceType } from './resourceTypes';

/** The subset of OpenAPI v3 schema the simulator serves and prunes with. */
export interface StructuralSchema {
  type?: 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean';
  description?: string;
  properties?: Record<string, StructuralSchema>;
  required?: string[];
  additionalProperties?: StructuralSchema;
  items?: StructuralSchema;
  enum?: string[];
  'x-kubernetes-preserve-unknown-fields'?: true;
}

const PACKAGE = path.join('@kubernetes-models', 'istio');

/**
 * The folder of `@kubernetes-models/istio`, searched like `require` would (its `exports` map has
 * only `import` conditions, so `require.resolve` cannot name it directly).
 */
function packageFolder(): string {
  const candidates = require.resolve.paths(PACKAGE) ?? [];
  for (const base of candidates) {
    const folder = path.join(base, PACKAGE);
    if (fs.existsSync(path.join(folder, 'package.json'))) return folder;
  }
  throw new Error(`cannot find ${PACKAGE} (searched ${candidates.join(', ')})`);
}

function descriptionOf(node: ts.Node): string | undefined {
  const docs = (node as { jsDoc?: ts.JSDoc[] }).jsDoc;
  const comment = docs?.[docs.length - 1]?.comment;
  if (typeof comment === 'string') return comment.trim() || undefined;
  return comment
    ? ts.getTextOfJSDocComment(comment)?.trim() || undefined
    : undefined;
}

function propertyName(name: ts.PropertyName): string {
  return ts.isStringLiteral(name) ||
    ts.isIdentifier(name) ||
    ts.isNumericLiteral(name)
    ? name.text
    : name.getText();
}

/** Merges object schemas (the variants of a oneOf, the parts of an intersection) into one with every property. */
function mergeObjects(
  parts: StructuralSchema[],
  keepRequired: boolean,
): StructuralSchema {
  const objects = parts.filter(p => p.type === 'object');
  if (!objects.length)
    return parts[0] ?? { 'x-kubernetes-preserve-unknown-fields': true };
  const out: StructuralSchema = { type: 'object' };
  for (const o of objects) {
    if (o.properties) out.properties = { ...o.properties, ...out.properties };
    if (o.additionalProperties && !out.additionalProperties)
      out.additionalProperties = o.additionalProperties;
    if (o['x-kubernetes-preserve-unknown-fields'])
      out['x-kubernetes-preserve-unknown-fields'] = true;
  }
  if (keepRequired && objects[0].required) out.required = objects[0].required;
  return out;
}

/**
 * A structural schema from a type of `@kubernetes-models/istio`'s declarations, which the package
 * generates from Istio's CRD schemas: object literals (descriptions from their doc comments), maps,
 * arrays, string enums, scalars; oneOf variants (intersections and unions of object literals) fold
 * into one object with every property, as the structural schema Kubernetes prunes with does.
 */
function schemaOf(node: ts.TypeNode): StructuralSchema {
  if (ts.isParenthesizedTypeNode(node)) return schemaOf(node.type);
  if (ts.isTypeLiteralNode(node)) {
    const properties: Record<string, StructuralSchema> = {};
    const required: string[] = [];
    let additional: StructuralSchema | undefined;
    for (const member of node.members) {
      if (ts.isPropertySignature(member) && member.type) {
        const name = propertyName(member.name);
        const schema = schemaOf(member.type);
        const description = descriptionOf(member);
        properties[name] = description ? { ...schema, description } : schema;
        if (!member.questionToken) required.push(name);
      } else if (ts.isIndexSignatureDeclaration(member) && member.type) {
        additional = schemaOf(member.type);
      }
    }
    const out: StructuralSchema = { type: 'object' };
    if (Object.keys(properties).length) out.properties = properties;
    if (required.length) out.required = required;
    if (additional) out.additionalProperties = additional;
    return out;
  }
  if (ts.isArrayTypeNode(node))
    return { type: 'array', items: schemaOf(node.elementType) };
  if (ts.isTypeReferenceNode(node)) {
    const name = node.typeName.getText();
    const args = node.typeArguments ?? [];
    if (name === 'Array' && args[0])
      return { type: 'array', items: schemaOf(args[0]) };
    if (
      (name === 'Exclude' ||
        name === 'Omit' ||
        name === 'Partial' ||
        name === 'Required') &&
      args[0]
    )
      return schemaOf(args[0]);
    return { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
  }
  if (ts.isIntersectionTypeNode(node))
    return mergeObjects(node.types.map(schemaOf), true);
  if (ts.isUnionTypeNode(node)) {
    const literals = node.types
      .filter(ts.isLiteralTypeNode)
      .map(t => t.literal);
    if (
      literals.length === node.types.length &&
      literals.every(ts.isStringLiteral)
    ) {
      return {
        type: 'string',
        enum: literals.map(l => (l as ts.StringLiteral).text),
      };
    }
    const parts = node.types.map(schemaOf);
    if (parts.every(p => p.type === 'object'))
      return mergeObjects(parts, false);
    return parts.find(p => p.type && p.type !== 'object') ?? parts[0];
  }
  if (ts.isLiteralTypeNode(node)) {
    if (ts.isStringLiteral(node.literal))
      return { type: 'string', enum: [node.literal.text] };
    if (ts.isNumericLiteral(node.literal)) return { type: 'number' };
    return { type: 'boolean' };
  }
  switch (node.kind) {
    case ts.SyntaxKind.StringKeyword:
      return { type: 'string' };
    case ts.SyntaxKind.NumberKeyword:
      return { type: 'number' };
    case ts.SyntaxKind.BooleanKeyword:
      return { type: 'boolean' };
    default:
      return { 'x-kubernetes-preserve-unknown-fields': true };
  }
}

const cache = new Map<string, StructuralSchema | null>();

/**
 * The structural schema of a served Istio kind (undefined for other kinds): `apiVersion`, `kind`,
 * `metadata` (ObjectMeta, kept as is) and the kind's `spec`/`status` with every field, type, enum and
 * description Istio's CRD declares. Built once per process from the declaration files of
 * `@kubernetes-models/istio` (the package the engine validates Istio objects with).
 */
export function istioStructuralSchema(
  type: ResourceType,
): StructuralSchema | undefined {
  if (!type.istio) return undefined;
  const key = `${type.group}/${type.version}/${type.kind}`;
  if (!cache.has(key)) cache.set(key, buildSchema(type) ?? null);
  return cache.get(key) ?? undefined;
}

function buildSchema(type: ResourceType): StructuralSchema | undefined {
  const file = path.join(
    packageFolder(),
    type.group,
    type.version,
    `${type.kind}.d.ts`,
  );
  if (!fs.existsSync(file)) return undefined;
  const source = ts.createSourceFile(
    file,
    fs.readFileSync(file, 'utf8'),
    ts.ScriptTarget.Latest,
    true,
  );
  const declaration = source.statements.find(
    (s): s is ts.InterfaceDeclaration =>
      ts.isInterfaceDeclaration(s) && s.name.text === `I${type.kind}`,
  );
  if (!declaration) return undefined;
  const properties: Record<string, StructuralSchema> = {};
  for (const member of declaration.members) {
    if (!ts.isPropertySignature(member) || !member.type) continue;
    const name = propertyName(member.name);
    const description = descriptionOf(member);
    let schema: StructuralSchema;
    if (name === 'metadata') {
      schema = {
        type: 'object',
        description: 'Standard object metadata (ObjectMeta).',
        'x-kubernetes-preserve-unknown-fields': true,
      };
    } else if (name === 'apiVersion' || name === 'kind') {
      schema = { type: 'string' };
    } else {
      schema = schemaOf(member.type);
    }
    properties[name] = description ? { ...schema, description } : schema;
  }
  return {
    type: 'object',
    description:
      properties.spec?.description ??
      `${type.kind} (${type.group}/${type.version})`,
    properties,
    required: ['apiVersion', 'kind'],
  };
}

/**
 * Fields of `value` its structural schema does not declare, as dotted paths (`spec.hostz`,
 * `spec.http[0].route[0].bogus`): what kube-apiserver prunes, and rejects under
 * `fieldValidation=Strict` (`strict decoding error: unknown field ...`).
 */
export function unknownFields(
  schema: StructuralSchema,
  value: unknown,
  at = '',
): string[] {
  if (schema['x-kubernetes-preserve-unknown-fields'] && !schema.properties)
    return [];
  if (Array.isArray(value)) {
    return schema.items
      ? value.flatMap((v, i) => unknownFields(schema.items!, v, `${at}[${i}]`))
      : [];
  }
  if (typeof value !== 'object' || value === null) return [];
  const out: string[] = [];
  for (const [key, v] of Object.entries(value)) {
    const field = at ? `${at}.${key}` : key;
    const declared = schema.properties?.[key] ?? schema.additionalProperties;
    if (declared) out.push(...unknownFields(declared, v, field));
    else if (!schema['x-kubernetes-preserve-unknown-fields']) out.push(field);
  }
  return out;
}

/** A copy of `value` without the fields its structural schema does not declare (kube-apiserver's pruning). */
export function pruneUnknownFields<T>(schema: StructuralSchema, value: T): T {
  if (schema['x-kubernetes-preserve-unknown-fields'] && !schema.properties)
    return value;
  if (Array.isArray(value)) {
    return (
      schema.items
        ? value.map(v => pruneUnknownFields(schema.items!, v))
        : value
    ) as T;
  }
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const declared = schema.properties?.[key] ?? schema.additionalProperties;
    if (declared) out[key] = pruneUnknownFields(declared, v);
    else if (schema['x-kubernetes-preserve-unknown-fields']) out[key] = v;
  }
  return out as T;
}
