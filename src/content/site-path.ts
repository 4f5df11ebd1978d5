/**
 * Site paths that content may name (aliases): they must stay inside the output folder whatever a file
 * system or CDN makes of them, so anything that could climb out, switch drive or scheme, or mean different
 * things to different servers is refused before anything is written.
 */
export function unsafeSitePathReason(path: string): string | undefined {
  if (!path.startsWith("/")) return 'must be a path on this site starting with "/", e.g. /content/2020-11/13/content_8355537.htm';
  if (path.startsWith("//")) return 'must not start with "//" (that names another host)';
  if (/[\u0000-\u001f\u007f]/.test(path)) return "must not contain control characters";
  if (path.includes("\\")) return "must not contain a backslash";
  if (path.includes(":")) return 'must not contain ":" (a URL scheme or drive letter)';
  if (/[?#]/.test(path)) return 'must not contain "?" or "#"';
  if (/%(2e|2f|5c|00)/i.test(path)) return "must not contain encoded dots, slashes or NUL";
  if (path.split("/").some((segment) => segment === ".." || segment === ".")) return 'must not contain "." or ".." segments';
  if (path.includes("//")) return 'must not contain an empty segment ("//")';
  return undefined;
}

/** NFC, so the same path typed two ways is one path (and collides as one). */
export function normaliseSitePath(path: string): string {
  return path.normalize("NFC");
}
