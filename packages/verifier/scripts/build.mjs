// Builds the self-contained JavaScript of the package with esbuild: dist/cli.mjs (what
// bin/tradehub-verify.mjs runs outside the repository) and dist/tradehub-verifier.mjs (the whole
// library in one ES module, e.g. for a browser <script type="module">). Both inline
// @tradehub/kernel and @noble/curves, so they need nothing else at run time.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Builds both files; resolves to their paths. */
export async function buildVerifier() {
  const common = {
    absWorkingDir: root,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    logLevel: 'warning',
    legalComments: 'inline',
  };
  await build({ ...common, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.mjs' });
  await build({
    ...common,
    entryPoints: ['src/index.ts'],
    outfile: 'dist/tradehub-verifier.mjs',
    minify: true,
  });
  return { cli: `${root}dist/cli.mjs`, library: `${root}dist/tradehub-verifier.mjs` };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const built = await buildVerifier();
  process.stdout.write(`built ${built.cli} and ${built.library}\n`);
}
