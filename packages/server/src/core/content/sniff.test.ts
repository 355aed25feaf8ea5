import { describe, expect, it } from 'vitest';
import { declaredMatches, sniffContent, zipEntryNames } from './sniff.js';

/** A minimal ZIP (stored entries, no data) with a central directory naming `names`. */
function zip(names: string[]): Uint8Array {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const name of names) {
    const n = Buffer.from(name);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(n.length, 26);
    local.push(header, n);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(n.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, n);
    offset += 30 + n.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(names.length, 8);
  end.writeUInt16LE(names.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, cd, end]);
}

const bytes = (...values: number[]) => Uint8Array.from(values);
const text = (s: string) => new TextEncoder().encode(s);

describe('content sniffing', () => {
  it('knows each allowed type by its magic bytes', () => {
    expect(sniffContent(text('%PDF-1.7\n'))).toEqual({ kind: 'allowed', mime: 'application/pdf' });
    expect(sniffContent(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0))).toEqual({
      kind: 'allowed',
      mime: 'image/png',
    });
    expect(sniffContent(bytes(0xff, 0xd8, 0xff, 0xe0))).toEqual({ kind: 'allowed', mime: 'image/jpeg' });
    expect(sniffContent(text('GIF89a...'))).toEqual({ kind: 'allowed', mime: 'image/gif' });
    expect(sniffContent(text('RIFF\0\0\0\0WEBPVP8 '))).toEqual({ kind: 'allowed', mime: 'image/webp' });
    expect(sniffContent(Uint8Array.from([0, 0, 0, 0x18, ...text('ftypmp42')]))).toEqual({
      kind: 'allowed',
      mime: 'video/mp4',
    });
    expect(sniffContent(text('name,email\nAda,ada@example.com\n'))).toEqual({
      kind: 'allowed',
      mime: 'text/plain',
    });
  });

  it('tells Office documents apart by their entries, and refuses other archives', () => {
    const docx = zip(['[Content_Types].xml', '_rels/.rels', 'word/document.xml']);
    expect(sniffContent(docx, zipEntryNames(docx))).toMatchObject({
      mime: expect.stringContaining('wordprocessingml'),
    });
    const pptx = zip(['[Content_Types].xml', 'ppt/presentation.xml']);
    expect(sniffContent(pptx, zipEntryNames(pptx))).toMatchObject({
      mime: expect.stringContaining('presentationml'),
    });
    const xlsx = zip(['xl/workbook.xml']);
    expect(sniffContent(xlsx, zipEntryNames(xlsx))).toMatchObject({
      mime: expect.stringContaining('spreadsheetml'),
    });
    const plain = zip(['setup.exe']);
    expect(sniffContent(plain, zipEntryNames(plain))).toEqual({ kind: 'refused', what: 'a ZIP archive' });
  });

  it('names what refused content is', () => {
    expect(sniffContent(text('MZ\x90\0'))).toEqual({ kind: 'refused', what: 'a Windows executable' });
    expect(sniffContent(bytes(0x7f, 0x45, 0x4c, 0x46, 2))).toEqual({
      kind: 'refused',
      what: 'a Linux executable',
    });
    expect(sniffContent(text('#!/bin/sh\nrm -rf /'))).toEqual({ kind: 'refused', what: 'a script' });
    expect(sniffContent(text('  <!DOCTYPE html><p>hi'))).toEqual({
      kind: 'refused',
      what: 'HTML or XML markup',
    });
    expect(sniffContent(text('<svg onload=alert(1)>'))).toEqual({
      kind: 'refused',
      what: 'HTML or XML markup',
    });
    expect(sniffContent(bytes(1, 2, 3, 0, 5))).toEqual({
      kind: 'refused',
      what: 'binary data of an unknown type',
    });
  });

  it('accepts text cut inside a multi-byte character at the end of the sniffed head', () => {
    const euro = text('price: 10 €');
    expect(sniffContent(euro.subarray(0, euro.length - 1))).toEqual({ kind: 'allowed', mime: 'text/plain' });
  });

  it('lets plain text be declared as CSV, and nothing else differ', () => {
    expect(declaredMatches('text/csv', 'text/plain')).toBe(true);
    expect(declaredMatches('image/png', 'image/png')).toBe(true);
    expect(declaredMatches('image/jpeg', 'image/png')).toBe(false);
    expect(declaredMatches('application/pdf', 'text/plain')).toBe(false);
  });
});
