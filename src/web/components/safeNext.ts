/**
 * Where to go after signing in: only a path of this site ("/\\host" counts as another host in
 * browsers), else the start page, which picks the first page the person's roles may use.
 */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return [...next].some((c) => c.charCodeAt(0) < 0x20) ? '/' : next;
}
