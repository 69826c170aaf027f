#!/usr/bin/env node
// Node ≥ 22.18 runs the TypeScript sources directly (type stripping). `npm ci` installs
// Node 24 into node_modules/.bin, which npm scripts and npx put first on PATH.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(
    `tasman: Node ${process.versions.node} is too old (needs 22.18 or later).\n` +
      'Run it through npm (`npm start`, `npx tasman …`), which uses the Node 24 that `npm ci` installed.\n',
  );
  process.exit(1);
}
await import('./fast-resolve.js');
const { main } = await import('../src/cli/index.ts');
process.exitCode = await main(process.argv.slice(2));
