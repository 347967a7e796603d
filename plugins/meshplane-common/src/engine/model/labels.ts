/** Label selection helpers (Kubernetes `labels.SelectorFromSet` / Istio `labels.Instance.SubsetOf`). */

export type Labels = Readonly<Record<string, string>>;

/** True when every key/value of `selector` is in `labels` (an empty selector matches everything). */
export function selectorMatches(
  selector: Labels | undefined | null,
  labels: Labels | undefined | null,
): boolean {
  if (!selector) return true;
  for (const key of Object.keys(selector)) {
    if (!labels || labels[key] !== String(selector[key])) return false;
  }
  return true;
}

/** True when the selector has at least one label. */
export function hasLabels(
  selector: Labels | undefined | null,
): selector is Labels {
  return Boolean(selector) && Object.keys(selector!).length > 0;
}

/** Evaluates a Kubernetes LabelSelector (matchLabels + matchExpressions). */
export function labelSelectorMatches(
  selector:
    | {
        matchLabels?: Labels;
        matchExpressions?: Array<{
          key: string;
          operator: string;
          values?: string[];
        }>;
      }
    | undefined,
  labels: Labels | undefined,
): boolean {
  if (!selector) return true;
  if (!selectorMatches(selector.matchLabels, labels)) return false;
  for (const expr of selector.matchExpressions ?? []) {
    const value = labels?.[expr.key];
    const values = expr.values ?? [];
    switch (expr.operator) {
      case 'In':
        if (value === undefined || !values.includes(value)) return false;
        break;
      case 'NotIn':
        if (value !== undefined && values.includes(value)) return false;
        break;
      case 'Exists':
        if (value === undefined) return false;
        break;
      case 'DoesNotExist':
        if (value !== undefined) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}
