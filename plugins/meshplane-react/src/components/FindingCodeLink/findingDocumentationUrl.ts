/**
 * Where a finding code is documented:
 *
 * - `IST0101`: Istio's analyzer message page, `istio.io/latest/docs/reference/config/analysis/ist0101/`;
 * - `KIA0501`: Kiali's validation list, scrolled to the code (a text fragment,
 *   since the page's anchors are derived from each heading's full title);
 * - `MPL0001`: Meshplane's own code page in the portal (`codesPage`, the path
 *   of `/meshplane/codes`), else the engine README at `engineReadmeUrl` when
 *   the portal configures where it is published.
 *
 * Returns `undefined` when the code has no known documentation.
 *
 * @public
 */
export function findingDocumentationUrl(
  code: string,
  options: { codesPage?: string; engineReadmeUrl?: string } = {},
): string | undefined {
  const match = /^(IST|KIA|MPL)\d{4}$/.exec(code);
  if (!match) return undefined;
  switch (match[1]) {
    case 'IST':
      return `https://istio.io/latest/docs/reference/config/analysis/${code.toLowerCase()}/`;
    case 'KIA':
      return `https://kiali.io/docs/features/validations/#:~:text=${code}`;
    default:
      if (options.codesPage) return `${options.codesPage}/${code}`;
      return options.engineReadmeUrl
        ? `${options.engineReadmeUrl}#${code.toLowerCase()}`
        : undefined;
  }
}
