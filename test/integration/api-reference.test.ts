import { describe, expect, inject, it } from 'vitest';

describe('API reference page (GET /v1/docs)', () => {
  const apiUrl = inject('apiUrl');

  it('is an HTML page with a strict CSP that renders the OpenAPI document with a script served by the API', async () => {
    // Act
    const page = await fetch(`${apiUrl}/v1/docs`);
    const html = await page.text();

    // Assess: the page
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toMatch(/https?:/);
    const specUrl = /<redoc spec-url="([^"]+)"/.exec(html)?.[1];
    const scriptUrls = [...html.matchAll(/<script src="([^"]+)"/g)].map((match) => match[1] as string);
    expect(specUrl).toBeDefined();
    expect(scriptUrls).toHaveLength(1);

    // Assess: what it references resolves on this API, as a browser would resolve it
    const script = await fetch(new URL(scriptUrls[0] as string, page.url));
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(new URL(script.url).origin).toBe(new URL(apiUrl).origin);
    const source = await script.text();
    expect(source.length).toBeGreaterThan(500_000);
    expect(source).toContain('Redoc');
    const spec = await fetch(new URL(specUrl as string, page.url));
    expect(spec.status).toBe(200);
    expect(((await spec.json()) as { openapi: string }).openapi).toBe('3.1.0');
  });
});
