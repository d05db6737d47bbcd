import { fileTypeFromBuffer } from 'file-type';

// What an uploaded file is, decided by its bytes (never by its name or the browser's claim). Only
// document and image formats a reviewer opens to read are taken; anything else (executables,
// archives, HTML, scripts disguised under another name) is refused.
export interface Sniffed {
  contentType: string;
  // file name endings that fit this content
  extensions: readonly string[];
}

const binary: Record<string, readonly string[]> = {
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
  'application/vnd.oasis.opendocument.text': ['odt'],
  'application/vnd.oasis.opendocument.spreadsheet': ['ods'],
};
const textEndings: Record<string, string> = { txt: 'text/plain', csv: 'text/csv', log: 'text/plain' };

export const allowedExtensions: readonly string[] = [...Object.values(binary).flat(), ...Object.keys(textEndings)];

// Plain text: valid UTF-8 without control characters other than tab, line feed, carriage return and
// form feed (a binary blob or an executable fails here).
function isText(content: Buffer): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return false;
  }
  // eslint-disable-next-line no-control-regex
  return !/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text);
}

export const extensionOf = (name: string) => /\.([a-z0-9]{1,8})$/i.exec(name)?.[1]?.toLowerCase() ?? '';

// The content's type when it is one we take and the name's ending fits it, else null.
export async function sniff(content: Buffer, name: string): Promise<Sniffed | null> {
  const ext = extensionOf(name);
  const found = await fileTypeFromBuffer(content);
  if (found) {
    const extensions = binary[found.mime];
    if (!extensions || !extensions.includes(ext)) return null;
    return { contentType: found.mime, extensions };
  }
  const textType = textEndings[ext];
  if (textType && isText(content)) return { contentType: `${textType}; charset=utf-8`, extensions: [ext] };
  return null;
}
