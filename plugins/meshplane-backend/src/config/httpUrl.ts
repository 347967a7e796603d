/**
 * `<at>.url` parsed as an http(s) URL without credentials (they belong in `credentialsKey`), or
 * an error naming the key.
 */
export function parseHttpUrl(
  url: string,
  at: string,
  credentialsKey: string,
): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`Invalid ${at}.url "${url}": not a URL`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new Error(
      `Invalid ${at}.url: must be http(s), got ${parsed.protocol}`,
    );
  }
  if (parsed.username || parsed.password) {
    throw new Error(
      `Invalid ${at}.url: credentials in the URL are not allowed, use ${credentialsKey}`,
    );
  }
  return parsed;
}
