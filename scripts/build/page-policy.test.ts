import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inlineScriptHashes, MODEL_HOSTS, modelHosts, pagePolicy } from './page-policy';
import { withPolicyMeta } from './vite-page-policy';

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64');

describe('pagePolicy', () => {
  it('allows own scripts, WebAssembly and the listed inline scripts, nothing from strings or elsewhere', () => {
    const policy = pagePolicy({ scriptHashes: ["'sha256-x='"], frameAncestors: "'none'" });
    const directives = Object.fromEntries(
      policy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]),
    );
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'", "'sha256-x='"]);
    expect(directives['connect-src']).toEqual(["'self'", ...MODEL_HOSTS]);
    expect(directives['worker-src']).toEqual(["'self'", 'blob:']);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['base-uri']).toEqual(["'none'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
  });

  it('names the hosts the models are downloaded from', () => {
    expect(MODEL_HOSTS).toEqual(
      expect.arrayContaining(['https://huggingface.co', 'https://raw.githubusercontent.com']),
    );
  });

  it('adds the mirror a build names, and refuses an address that is not http(s)', () => {
    expect(
      modelHosts({
        VITE_MODEL_HUB: 'https://hf.school.example/mirror/',
        VITE_MODEL_HOSTS: 'https://cdn.school.example, http://10.0.0.5:8080',
      }),
    ).toEqual([
      ...MODEL_HOSTS,
      'https://hf.school.example',
      'https://cdn.school.example',
      'http://10.0.0.5:8080',
    ]);
    expect(modelHosts({})).toEqual(MODEL_HOSTS);
    expect(() => modelHosts({ VITE_MODEL_HUB: 'javascript:alert(1)' })).toThrow(/not an http/);
  });

  it('leaves frame-ancestors out where a <meta> would carry it', () => {
    expect(pagePolicy({ scriptHashes: [] })).not.toContain('frame-ancestors');
  });
});

describe('inlineScriptHashes', () => {
  it('hashes the inline scripts exactly as written, and not those loaded from a file', () => {
    const body = "\n  document.documentElement.dataset.theme = 'dark';\n";
    const html = `<head><script>${body}</script><script type="module" src="/a.js"></script>
      <SCRIPT type="module">import 'x';</SCRIPT></head>`;
    expect(inlineScriptHashes(html)).toEqual([
      `'sha256-${sha256(body)}'`,
      `'sha256-${sha256("import 'x';")}'`,
    ]);
    expect(inlineScriptHashes('<p>no scripts</p>')).toEqual([]);
  });
});

describe('withPolicyMeta', () => {
  it('puts the policy before the first script, right after the charset', () => {
    const html = '<head>\n<meta charset="UTF-8" />\n<script>1</script></head>';
    const out = withPolicyMeta(html, "script-src 'self'");
    expect(out).toMatch(
      /<meta charset="UTF-8" \/>\s*<meta http-equiv="Content-Security-Policy" content="script-src 'self'" \/>\s*<script>/,
    );
  });
});
