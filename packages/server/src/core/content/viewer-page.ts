import type { AssetFormat } from './asset.js';

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

export type ViewerPage =
  | {
      kind: 'asset';
      token: string;
      viewId: string;
      title: string;
      description: string;
      repName: string | null;
      format: AssetFormat;
      /** Whether the browser can show the file in the page (PDF, image, video, text). */
      inline: boolean;
      fileName: string | null;
      /** Host of an external link, shown next to the button. */
      linkHost: string | null;
    }
  | { kind: 'gate'; token: string; title: string; error: string | null }
  | { kind: 'gone'; reason: 'expired' | 'revoked' | 'retired' }
  | { kind: 'missing' };

/** The Content-Security-Policy of a viewer page: only its own inline script (by nonce) runs. */
export const viewerPagePolicy = (nonce: string): string =>
  [
    "default-src 'none'",
    "img-src 'self'",
    "media-src 'self'",
    "frame-src 'self'",
    "style-src 'unsafe-inline'",
    `script-src 'nonce-${nonce}'`,
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');

const style = `
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;background:#f6f7f9;color:#1b1f24}
main{max-width:960px;margin:0 auto;padding:24px}
h1{font-size:1.5rem;margin:0 0 8px}
p.meta{color:#5b6470;margin:0 0 16px}
.frame{background:#fff;border:1px solid #dde1e6;border-radius:8px;overflow:hidden}
iframe{width:100%;height:75vh;border:0;display:block}
img,video{max-width:100%;display:block;margin:0 auto}
.actions{margin:16px 0;display:flex;gap:12px;align-items:center}
a.button,button{background:#1c7ed6;color:#fff;border:0;border-radius:6px;padding:10px 16px;font-size:1rem;text-decoration:none;cursor:pointer}
input{font-size:1rem;padding:9px;border:1px solid #c4cad1;border-radius:6px;min-width:260px}
.error{color:#c92a2a}
`;

function layout(title: string, body: string, script = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>${style}</style>
</head>
<body>
<main>
${body}
</main>
${script}
</body>
</html>
`;
}

/**
 * Renders a share link's public page. Everything from the database is escaped; the only script
 * is the ping that measures time spent while the page is visible.
 */
export function renderViewerPage(page: ViewerPage, nonce: string): string {
  switch (page.kind) {
    case 'missing':
      return layout(
        'Link not found',
        '<h1>This link does not exist</h1><p>Check the address you were sent.</p>',
      );
    case 'gone':
      return layout(
        'Link no longer available',
        `<h1>This link is no longer available</h1><p>${
          page.reason === 'expired' ? 'It has expired.' : 'It has been withdrawn.'
        } Ask the person who sent it for a new one.</p>`,
      );
    case 'gate': {
      const t = encodeURIComponent(page.token);
      return layout(
        page.title,
        `<h1>${escapeHtml(page.title)}</h1>
<p class="meta">Enter your work email to open it.</p>
<form method="post" action="/s/${t}/gate">
<label>Email <input type="email" name="email" required autocomplete="email"></label>
<button type="submit">Open</button>
${page.error ? `<p class="error" role="alert">${escapeHtml(page.error)}</p>` : ''}
</form>`,
      );
    }
    case 'asset': {
      const base = `/s/${encodeURIComponent(page.token)}`;
      const v = `v=${encodeURIComponent(page.viewId)}`;
      const file = `${base}/file?${v}`;
      const download = `${base}/file?${v}&amp;download=1`;
      const title = escapeHtml(page.title);
      let content = '';
      if (page.format === 'link') {
        content = `<div class="actions"><a class="button" href="${base}/open?${v}" target="_blank" rel="noopener noreferrer">Open</a>${
          page.linkHost ? `<span>${escapeHtml(page.linkHost)}</span>` : ''
        }</div>`;
      } else {
        if (page.inline) {
          if (page.format === 'image')
            content = `<div class="frame"><img src="${file}" alt="${title}"></div>`;
          else if (page.format === 'video')
            content = `<div class="frame"><video src="${file}" controls preload="metadata"></video></div>`;
          else content = `<div class="frame"><iframe src="${file}" title="${title}"></iframe></div>`;
        }
        content += `<div class="actions"><a class="button" id="download" href="${download}" download>Download${
          page.fileName ? ` ${escapeHtml(page.fileName)}` : ''
        }</a></div>`;
      }
      const script = `<script nonce="${escapeHtml(nonce)}">
(function(){
  var url=${JSON.stringify(`${base}/ping`)}, view=${JSON.stringify(page.viewId)};
  function ping(){ if(document.visibilityState==='visible') fetch(url,{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify({viewId:view}),keepalive:true}).catch(function(){}); }
  setInterval(ping,15000);
  document.addEventListener('visibilitychange',function(){ if(document.visibilityState==='hidden') ping(); });
  var d=document.getElementById('download'); if(d) d.addEventListener('click',ping);
})();
</script>`;
      return layout(
        page.title,
        `<h1>${title}</h1>
${page.repName ? `<p class="meta">Shared by ${escapeHtml(page.repName)}</p>` : ''}
${page.description ? `<p>${escapeHtml(page.description)}</p>` : ''}
${content}`,
        script,
      );
    }
  }
}
