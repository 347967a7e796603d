import { InputError } from '@backstage/errors';
import type { RequestFieldError } from '@meshplane/plugin-meshplane-common';

/**
 * A request refused for its input: a 400 whose body carries every problem
 * with the field it concerns (`error.fieldErrors`), so forms and scaffolder
 * logs can point at the field.
 */
export class RequestValidationError extends InputError {
  readonly fieldErrors: RequestFieldError[];

  constructor(fieldErrors: RequestFieldError[]) {
    super(
      `The request is invalid: ${fieldErrors
        .map(error => `${error.field}: ${error.message}`)
        .join('; ')}`,
    );
    // The error middleware maps statuses by name: keep InputError's (400).
    this.name = 'InputError';
    this.fieldErrors = fieldErrors;
  }
}

/**
 * Collects field errors while a request is checked; `throwIfAny` refuses the
 * request with all of them at once.
 */
export class FieldErrorCollector {
  readonly errors: RequestFieldError[] = [];

  add(field: string, message: string | undefined): void {
    if (message !== undefined) this.errors.push({ field, message });
  }

  get empty(): boolean {
    return this.errors.length === 0;
  }

  throwIfAny(): void {
    if (this.errors.length > 0) throw new RequestValidationError(this.errors);
  }
}

/** `group.settings.hosts[1]` from `['group', 'settings', 'hosts', 1]`. */
export function fieldPath(path: ReadonlyArray<string | number>): string {
  return path.reduce<string>((out, part) => {
    if (typeof part === 'number') return `${out}[${part}]`;
    return out === '' ? part : `${out}.${part}`;
  }, '');
}
