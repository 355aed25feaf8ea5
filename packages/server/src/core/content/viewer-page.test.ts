import { describe, expect, it } from 'vitest';
import { escapeHtml, renderViewerPage } from './viewer-page.js';

describe('viewer page', () => {
  it('escapes everything taken from the library', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&\``)).toBe(
      '&#60;a href=&#34;x&#34; onclick=&#39;y&#39;&#62;&#38;&#96;',
    );
    const html = renderViewerPage(
      {
        kind: 'asset',
        token: 'abc_DEF-123',
        viewId: '0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b',
        title: '</title><script>x()</script>',
        description: '"><img src=x onerror=y>',
        repName: '<b>rep</b>',
        format: 'link',
        inline: false,
        fileName: null,
        linkHost: 'evil"><script>',
      },
      'n0nce',
    );
    expect(html).not.toMatch(/<script>x\(\)|<img src=x|<b>rep|evil">/);
    expect(html).toContain('href="/s/abc_DEF-123/open?v=0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b"');
    expect(html).toContain('<script nonce="n0nce">');
  });

  it('shows a PDF in a frame with a download link, and only a download for an Office document', () => {
    const base = {
      kind: 'asset' as const,
      token: 't0k3n_t0k3n_t0k3n_t0',
      viewId: '0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b',
      title: 'Guide',
      description: '',
      repName: null,
      linkHost: null,
      fileName: 'guide.pdf',
    };
    expect(renderViewerPage({ ...base, format: 'pdf', inline: true }, 'n')).toContain('<iframe src="/s/');
    const docx = renderViewerPage({ ...base, format: 'document', inline: false }, 'n');
    expect(docx).not.toContain('<iframe');
    expect(docx).toContain('download=1');
  });
});
