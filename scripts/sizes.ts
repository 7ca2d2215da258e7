// Shipped sizes, shared by the size budgets (tests/build/budgets.test.ts) and `npm run bench`.
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

export const KB = 1024;

export const gzipSize = (bytes: Uint8Array | string): number => gzipSync(bytes, { level: 9 }).length;

/**
 * Every JS and CSS file a page loads: the <script src> and <link href> of its HTML, then transitively every
 * file those import (static `import … from "./x.js"`, dynamic `import("./x.js")`, CSS `url(...)`/`@import`).
 * Paths are relative to `extDir`.
 */
export function pageAssets(extDir: string, html: string): string[] {
  const page = readFileSync(join(extDir, html), 'utf8');
  const files = new Set<string>();
  const visit = (rel: string) => {
    if (files.has(rel) || !existsSync(join(extDir, rel))) return;
    files.add(rel);
    const code = readFileSync(join(extDir, rel), 'utf8');
    const dir = posix.dirname(rel);
    for (const m of code.matchAll(/["'(]((?:\.{1,2}\/|\/)?[\w./-]+\.(?:js|css))["')]/g)) {
      const spec = m[1];
      visit(spec.startsWith('/') ? spec.slice(1) : posix.normalize(posix.join(dir, spec)));
    }
  };
  for (const m of page.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+\.(?:js|css))"/g)) {
    const spec = m[1];
    visit(spec.startsWith('/') ? spec.slice(1) : posix.normalize(posix.join(posix.dirname(html), spec)));
  }
  return [...files].sort();
}

/** Gzipped bytes of every file a page loads (each file gzipped on its own, as served). */
export function pageGzipBytes(extDir: string, html: string): { files: string[]; bytes: number } {
  const files = pageAssets(extDir, html);
  return { files, bytes: files.reduce((n, f) => n + gzipSize(readFileSync(join(extDir, f))), 0) };
}
