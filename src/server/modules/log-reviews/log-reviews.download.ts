// Response headers for the material download. The stored type and name came from the uploader's
// browser: served back as they are, text/html or an SVG would run in Tillit's origin, and a name
// with quotes or line breaks could end the header and write others.

// Types a browser shows or saves without running anything; the rest are served as plain bytes.
const harmless: ReadonlySet<string> = new Set([
  'text/csv',
  'text/plain',
  'application/json',
  'application/x-ndjson',
  'application/pdf',
  'application/zip',
  'application/gzip',
  'application/x-gzip',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-excel',
]);

export function servedType(stored: string): string {
  const [essence = '', ...params] = stored.split(';');
  const type = essence.trim().toLowerCase();
  if (!harmless.has(type)) return 'application/octet-stream';
  // Old Swedish log exports are often windows-1252: keep a well-formed charset, drop any other parameter.
  const charset = params.map((p) => /^\s*charset\s*=\s*"?([a-z0-9._:-]{1,40})"?\s*$/i.exec(p)?.[1]).find(Boolean);
  return charset ? `${type}; charset=${charset.toLowerCase()}` : type;
}

// RFC 5987 attr-char is narrower than encodeURIComponent's unreserved set.
const encode5987 = (s: string) => encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

// RFC 6266: a plain-ASCII fallback (no quote, backslash, percent or separator a lax parser might
// split on) and the real (Swedish) name as UTF-8 in filename*. Lone surrogates become U+FFFD, so
// encoding never throws.
export function disposition(name: string): string {
  const wellFormed = name.replace(/\p{Cs}/gu, '\ufffd');
  const ascii = wellFormed.replace(/[^\x20-\x7e]|["\\%;]/gu, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encode5987(wellFormed)}`;
}
