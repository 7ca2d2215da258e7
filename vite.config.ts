// Builds the unpacked extension into extension/:
//  1. one ESM build for the pages (popup, options) and the background service worker (they share chunks,
//     so the worker is "type": "module");
//  2. one IIFE build per content script (content scripts cannot be ES modules, and Rollup cannot emit
//     several IIFE entries from one build): the MAIN-world capture hook and one ISOLATED bootstrap per platform
//     of the registry (a generated entry: `startCapture(<id>)` with the adapter from src/platforms/<id>/);
//  3. extension/manifest.json from the source manifest plus the platform registry (hosts, content scripts).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { build, defineConfig, type Plugin } from 'vite';
import { PLATFORM_FACTS } from './src/platforms/facts.ts';

const root = import.meta.dirname;
const outDir = resolve(root, 'extension');
const jsx = { runtime: 'automatic' as const, importSource: 'preact' };

const PLATFORM_ENTRY = 'virtual:parcel-hub-platform-entry/';

/** Content-script bundles: file name in extension/content/ → entry (a file, or a generated platform entry). */
export const contentEntries: Record<string, string> = {
  'capture-hook': 'src/capture/main-world-hook.ts',
  ...Object.fromEntries(PLATFORM_FACTS.map((f) => [f.id, `${PLATFORM_ENTRY}${f.id}`])),
};

/** The ISOLATED entry of a platform: its adapter (src/platforms/<id>/index.ts exports it as <id>) started. */
function platformEntry(): Plugin {
  return {
    name: 'parcel-hub-platform-entry',
    enforce: 'pre',
    // Vite joins a lib entry to the root, so the id arrives as <root>/virtual:…/<id>.
    resolveId: (id) => (id.includes(PLATFORM_ENTRY) ? `\0${id.slice(id.indexOf(PLATFORM_ENTRY))}` : null),
    load(id) {
      if (!id.startsWith(`\0${PLATFORM_ENTRY}`)) return null;
      const pid = id.slice(PLATFORM_ENTRY.length + 1);
      if (!PLATFORM_FACTS.some((f) => f.id === pid)) throw new Error(`no platform ${pid}`);
      const dir = resolve(root, 'src').replace(/\\/g, '/');
      // A platform may start a lighter adapter in its content script (src/platforms/<id>/content.ts): the page
      // readers without what only the background runs (e.g. the direct list readers: list answers are parsed there).
      const module = existsSync(resolve(root, `src/platforms/${pid}/content.ts`)) ? 'content' : 'index';
      return `import { ${pid} } from '${dir}/platforms/${pid}/${module}.ts';\nimport { startCapture } from '${dir}/capture/bootstrap.ts';\nstartCapture(${pid});\n`;
    },
  };
}

export function buildManifest(): Record<string, unknown> {
  const manifest = JSON.parse(readFileSync(resolve(root, 'manifest.json'), 'utf8'));
  const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
  const allMatches = [...new Set(PLATFORM_FACTS.flatMap((f) => f.matches))];
  manifest.version = pkg.version;
  manifest.host_permissions = allMatches;
  manifest.content_scripts = [
    // MAIN world first: it must wrap fetch/XHR before the shop's own scripts run.
    { matches: allMatches, js: ['content/capture-hook.js'], run_at: 'document_start', world: 'MAIN', all_frames: false },
    ...PLATFORM_FACTS.map((f) => ({
      matches: [...f.matches],
      js: [`content/${f.id}.js`],
      run_at: 'document_start',
      all_frames: false,
    })),
  ];
  return manifest;
}

function contentScriptsAndManifest(): Plugin {
  return {
    name: 'parcel-hub-content-scripts-and-manifest',
    apply: 'build',
    async closeBundle() {
      for (const [name, entry] of Object.entries(contentEntries)) {
        await build({
          configFile: false,
          logLevel: 'warn',
          define: { 'process.env.NODE_ENV': '"production"' },
          plugins: [platformEntry()],
          build: {
            outDir,
            emptyOutDir: false,
            copyPublicDir: false,
            minify: true,
            target: 'chrome121',
            lib: { entry: entry.startsWith(PLATFORM_ENTRY) ? entry : resolve(root, entry), formats: ['iife'], name: `parcelHub_${name.replace(/-/g, '_')}`, fileName: () => `content/${name}.js` },
          },
        });
      }
      writeFileSync(resolve(outDir, 'manifest.json'), JSON.stringify(buildManifest(), null, 2));
    },
  };
}

export default defineConfig({
  root: resolve(root, 'src/ui'),
  publicDir: resolve(root, 'public'),
  oxc: { jsx },
  build: {
    outDir,
    emptyOutDir: true,
    target: 'chrome121',
    modulePreload: false,
    rollupOptions: {
      input: {
        popup: resolve(root, 'src/ui/popup.html'),
        options: resolve(root, 'src/ui/options.html'),
        offscreen: resolve(root, 'src/ui/offscreen.html'),
        background: resolve(root, 'src/background/index.ts'),
      },
      output: {
        entryFileNames: (chunk) => (chunk.name === 'background' ? 'background.js' : 'assets/[name]-[hash].js'),
        chunkFileNames: 'assets/[name]-[hash].js',
        assetFileNames: 'assets/[name]-[hash][extname]',
      },
    },
  },
  plugins: [contentScriptsAndManifest()],
});
