import { KubeObject } from '../../model/types';
import { IstioCrdSchemas } from './crdSchemas';
import { FieldError, validateIstioRules } from './istioRules';

/**
 * Validates one Istio object: the CRD schema (when `schemas` from {@link loadIstioCrdSchemas} is
 * given) and Istio's own validation rules. Returns field-level errors and warnings, one per field
 * and severity: where both name the same field, Istio's rule (the message istioctl prints) wins
 * over the schema's generic one.
 * @public
 */
export function validateIstioObject(
  obj: KubeObject,
  options: { schemas?: IstioCrdSchemas } = {},
): FieldError[] {
  const rules = validateIstioRules(obj);
  const seen = new Set(rules.map(e => `${e.path}|${e.severity}`));
  const schema = (options.schemas?.validate(obj) ?? []).filter(e => {
    const key = `${e.path}|${e.severity}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return [...schema, ...rules];
}
