import type { FastifyReply } from 'fastify';

// RFC 5987 attr-char is narrower than encodeURIComponent's unreserved set.
const encode5987 = (s: string) => encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

// Always a download, never shown inline: a plain-ASCII fallback name and the real (Swedish) one in
// filename* (RFC 6266).
export function attachment(name: string): string {
  const wellFormed = name.replace(/\p{Cs}/gu, '\ufffd');
  const ascii = wellFormed.replace(/[^\x20-\x7e]|["\\%;]/gu, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encode5987(wellFormed)}`;
}

// The stored type was sniffed from the bytes at upload and is one of the allowed ones; the browser is
// still told not to guess, and a sandbox keeps anything opened from it away from Tillit's origin.
export function sendFile(reply: FastifyReply, file: { name: string; contentType: string; sha256: string }, content: Buffer) {
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', attachment(file.name))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'no-store')
    .send(content);
}
