import { ApiError } from './ApiError';

/** One requirement of a label selector. */
export interface LabelRequirement {
  key: string;
  operator: '=' | '!=' | 'in' | 'notin' | 'exists' | '!exists';
  values: string[];
}

/** One requirement of a field selector (`metadata.name` / `metadata.namespace`). */
export interface FieldRequirement {
  field: 'metadata.name' | 'metadata.namespace';
  operator: '=' | '!=';
  value: string;
}

const KEY =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function splitTopLevel(selector: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of selector) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts.map(p => p.trim()).filter(p => p.length > 0);
}

function checkKey(key: string, selector: string): string {
  if (!KEY.test(key)) {
    throw ApiError.badRequest(
      `unable to parse requirement: invalid label key "${key}" in selector "${selector}"`,
    );
  }
  return key;
}

function checkValue(value: string, selector: string): string {
  if (value.length > 63 || !VALUE.test(value)) {
    throw ApiError.badRequest(
      `unable to parse requirement: invalid label value: "${value}" in selector "${selector}"`,
    );
  }
  return value;
}

/**
 * Parses a Kubernetes label selector (`=`, `==`, `!=`, `in`, `notin`, `key`,
 * `!key`); a bad selector is a 400 like kube-apiserver's.
 */
export function parseLabelSelector(
  selector: string | undefined,
): LabelRequirement[] {
  if (!selector) {
    return [];
  }
  return splitTopLevel(selector).map(part => {
    const set = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(part);
    if (set) {
      const values = set[3].split(',').map(v => checkValue(v.trim(), selector));
      return {
        key: checkKey(set[1], selector),
        operator: set[2] as 'in' | 'notin',
        values,
      };
    }
    const equality = /^([^!=\s]+)\s*(==|=|!=)\s*(.*)$/.exec(part);
    if (equality) {
      const operator = equality[2] === '!=' ? '!=' : '=';
      return {
        key: checkKey(equality[1], selector),
        operator,
        values: [checkValue(equality[3].trim(), selector)],
      };
    }
    if (part.startsWith('!')) {
      return {
        key: checkKey(part.slice(1).trim(), selector),
        operator: '!exists',
        values: [],
      };
    }
    return { key: checkKey(part, selector), operator: 'exists', values: [] };
  });
}

/** Whether labels satisfy every requirement. */
export function matchesLabels(
  requirements: LabelRequirement[],
  labels: Record<string, string> | undefined,
): boolean {
  return requirements.every(r => {
    const value = labels?.[r.key];
    switch (r.operator) {
      case '=':
      case 'in':
        return value !== undefined && r.values.includes(value);
      case '!=':
      case 'notin':
        return value === undefined || !r.values.includes(value);
      case 'exists':
        return value !== undefined;
      default:
        return value === undefined;
    }
  });
}

/**
 * Parses a field selector; like kube-apiserver for custom resources, only
 * `metadata.name` and `metadata.namespace` are supported.
 */
export function parseFieldSelector(
  selector: string | undefined,
): FieldRequirement[] {
  if (!selector) {
    return [];
  }
  return splitTopLevel(selector).map(part => {
    const match = /^([^!=\s]+)\s*(==|=|!=)\s*(.*)$/.exec(part);
    if (!match) {
      throw ApiError.badRequest(
        `invalid selector: '${selector}'; can't understand '${part}'`,
      );
    }
    const field = match[1];
    if (field !== 'metadata.name' && field !== 'metadata.namespace') {
      throw ApiError.badRequest(`field label not supported: ${field}`);
    }
    return {
      field,
      operator: match[2] === '!=' ? '!=' : '=',
      value: match[3].trim(),
    };
  });
}

/** Whether an object's namespace/name satisfy every field requirement. */
export function matchesFields(
  requirements: FieldRequirement[],
  namespace: string,
  name: string,
): boolean {
  return requirements.every(r => {
    const actual = r.field === 'metadata.name' ? name : namespace;
    return r.operator === '=' ? actual === r.value : actual !== r.value;
  });
}
