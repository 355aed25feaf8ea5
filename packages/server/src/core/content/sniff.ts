import type { AssetFormat } from './asset.js';

/** A file type the library accepts, with the format it is filed under. */
export interface AllowedType {
  mime: string;
  format: Exclude<AssetFormat, 'link'>;
  /** Shown in a browser's page (PDF, images, video, text); the rest only download. */
  inline: boolean;
}

const docx = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const pptx = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Every file type an asset may be; anything else is refused. */
export const allowedTypes: readonly AllowedType[] = [
  { mime: 'application/pdf', format: 'pdf', inline: true },
  { mime: 'image/png', format: 'image', inline: true },
  { mime: 'image/jpeg', format: 'image', inline: true },
  { mime: 'image/gif', format: 'image', inline: true },
  { mime: 'image/webp', format: 'image', inline: true },
  { mime: 'video/mp4', format: 'video', inline: true },
  { mime: docx, format: 'document', inline: false },
  { mime: pptx, format: 'presentation', inline: false },
  { mime: xlsx, format: 'spreadsheet', inline: false },
  { mime: 'text/plain', format: 'text', inline: true },
  { mime: 'text/csv', format: 'text', inline: false },
];

export const allowedType = (mime: string): AllowedType | undefined =>
  allowedTypes.find((t) => t.mime === mime);

/** What the bytes are: an allowed MIME type, or a description of something refused. */
export type Sniffed = { kind: 'allowed'; mime: string } | { kind: 'refused'; what: string };

const startsWith = (head: Uint8Array, bytes: readonly number[], at = 0): boolean =>
  head.length >= at + bytes.length && bytes.every((b, i) => head[at + i] === b);
const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

/**
 * Identifies a file from its first bytes (at least 4 KiB when the file is that long) and, for a
 * ZIP file, the names of its entries (an Office document is a ZIP with `word/`, `ppt/` or `xl/`).
 * Never trusts a name or a declared type: only magic numbers decide.
 */
export function sniffContent(head: Uint8Array, zipEntries: readonly string[] = []): Sniffed {
  if (startsWith(head, ascii('%PDF-'))) return { kind: 'allowed', mime: 'application/pdf' };
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { kind: 'allowed', mime: 'image/png' };
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { kind: 'allowed', mime: 'image/jpeg' };
  if (startsWith(head, ascii('GIF87a')) || startsWith(head, ascii('GIF89a')))
    return { kind: 'allowed', mime: 'image/gif' };
  if (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8))
    return { kind: 'allowed', mime: 'image/webp' };
  if (startsWith(head, ascii('ftyp'), 4)) {
    const brand = String.fromCharCode(...head.subarray(8, 12));
    if (/^(isom|iso2|iso4|iso5|iso6|mp41|mp42|avc1|dash|M4V |MSNV)$/.test(brand))
      return { kind: 'allowed', mime: 'video/mp4' };
    return { kind: 'refused', what: `an ISO media file of brand "${brand.trim()}"` };
  }
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
    if (zipEntries.some((n) => n.startsWith('word/'))) return { kind: 'allowed', mime: docx };
    if (zipEntries.some((n) => n.startsWith('ppt/'))) return { kind: 'allowed', mime: pptx };
    if (zipEntries.some((n) => n.startsWith('xl/'))) return { kind: 'allowed', mime: xlsx };
    return { kind: 'refused', what: 'a ZIP archive' };
  }
  if (startsWith(head, ascii('MZ'))) return { kind: 'refused', what: 'a Windows executable' };
  if (startsWith(head, [0x7f, 0x45, 0x4c, 0x46])) return { kind: 'refused', what: 'a Linux executable' };
  if (
    startsWith(head, [0xcf, 0xfa, 0xed, 0xfe]) ||
    startsWith(head, [0xce, 0xfa, 0xed, 0xfe]) ||
    startsWith(head, [0xca, 0xfe, 0xba, 0xbe])
  )
    return { kind: 'refused', what: 'a macOS executable' };
  if (startsWith(head, [0x1f, 0x8b])) return { kind: 'refused', what: 'a gzip archive' };
  if (startsWith(head, ascii('Rar!'))) return { kind: 'refused', what: 'a RAR archive' };
  if (startsWith(head, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]))
    return { kind: 'refused', what: 'a 7-Zip archive' };
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0])) return { kind: 'refused', what: 'a legacy Office file' };
  const text = asText(head);
  if (text === null) return { kind: 'refused', what: 'binary data of an unknown type' };
  const start = text.trimStart().slice(0, 512).toLowerCase();
  if (start.startsWith('#!')) return { kind: 'refused', what: 'a script' };
  if (/^(<!doctype html|<html|<head|<body|<script|<svg|<\?xml)/.test(start) || start.includes('<script'))
    return { kind: 'refused', what: 'HTML or XML markup' };
  return { kind: 'allowed', mime: 'text/plain' };
}

/** The head as text when it is UTF-8 without control bytes (a cut multi-byte character at the end is fine). */
function asText(head: Uint8Array): string | null {
  for (const b of head)
    if (b === 0 || (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c)) return null;
  // Drop up to three trailing bytes of a character the 4 KiB cut may have split.
  let end = head.length;
  for (let i = 0; i < 3 && end > 0 && (head[end - 1]! & 0xc0) === 0x80; i++) end--;
  if (end > 0 && (head[end - 1]! & 0xc0) === 0xc0) end--;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, end));
  } catch {
    return null;
  }
}

/**
 * Whether a declared type fits the sniffed one. Plain text may be declared as CSV (CSV has no
 * magic number); everything else must match exactly.
 */
export function declaredMatches(declared: string, sniffed: string): boolean {
  if (declared === sniffed) return true;
  return sniffed === 'text/plain' && declared === 'text/csv';
}

/** The names of a ZIP file's entries, read from its central directory (the file's last bytes). */
export function zipEntryNames(tail: Uint8Array): string[] {
  const view = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return [];
  const cdSize = view.getUint32(eocd + 12, true);
  let at = eocd - cdSize;
  if (at < 0) return [];
  const names: string[] = [];
  const decoder = new TextDecoder();
  while (at + 46 <= eocd && view.getUint32(at, true) === 0x02014b50) {
    const nameLength = view.getUint16(at + 28, true);
    const extra = view.getUint16(at + 30, true);
    const comment = view.getUint16(at + 32, true);
    names.push(decoder.decode(tail.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + nameLength + extra + comment;
  }
  return names;
}
