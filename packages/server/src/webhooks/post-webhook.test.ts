import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postWebhook } from './post-webhook.js';

describe('postWebhook', () => {
  let server: http.Server;
  let port: number;
  const hosts: string[] = [];
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      hosts.push(String(req.headers.host));
      req.resume();
      req.on('end', () => res.writeHead(202).end());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const post = (url: string, resolved: string[], allowPrivate = false) =>
    postWebhook({
      url,
      body: '{}',
      headers: {},
      timeoutMs: 5_000,
      allowPrivate,
      resolve: async () => resolved.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
    });

  it('refuses a name that resolves to a private or loopback address, before connecting', async () => {
    expect(await post('https://hooks.example.test/x', ['10.0.0.1'])).toMatchObject({ kind: 'refused' });
    expect(await post('https://hooks.example.test/x', ['93.184.216.34', '127.0.0.1'])).toMatchObject({
      kind: 'refused',
      reason: expect.stringContaining('loopback'),
    });
    expect(await post('https://hooks.example.test/x', ['::ffff:169.254.169.254'])).toMatchObject({
      kind: 'refused',
    });
    expect(hosts).toEqual([]);
  });

  it('connects to the address it checked, keeping the name in the Host header', async () => {
    const result = await post(`http://hooks.example.test:${port}/x`, ['127.0.0.1'], true);
    expect(result).toEqual({ kind: 'response', status: 202 });
    expect(hosts).toEqual([`hooks.example.test:${port}`]);
  });

  it('refuses other schemes and literal private addresses', async () => {
    expect(await post('file:///etc/passwd', [])).toMatchObject({ kind: 'refused' });
    expect(await post(`http://127.0.0.1:${port}/x`, [])).toMatchObject({ kind: 'refused' });
    expect(hosts).toHaveLength(1);
  });
});
