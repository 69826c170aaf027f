// Node 22–24 parses a package's package.json again for every file it resolves inside it
// (nodejs/node#60397). drizzle-orm's is 179 KB with 447 exports and its ESM build is
// hundreds of files: importing it took ~1 s and ~190 MB on Node 24.21 (0.1 s on Node 20).
// Its files import each other by relative path with extensions, so resolving those
// directly is exact. Measured in bench:http (ready_after_ms, idle_rss_mb); see
// docs/decisions.md. Remove when Node caches package.json reads again.
import { registerHooks } from 'node:module';

const PACKAGES = ['/node_modules/drizzle-orm/'];

registerHooks({
  resolve(specifier, context, nextResolve) {
    const parent = context.parentURL;
    if (
      parent &&
      (specifier.startsWith('./') || specifier.startsWith('../')) &&
      specifier.endsWith('.js') &&
      PACKAGES.some((p) => parent.includes(p))
    ) {
      // drizzle-orm is "type": "module": its .js files are ES modules.
      return { url: new URL(specifier, parent).href, format: 'module', shortCircuit: true };
    }
    return nextResolve(specifier, context);
  },
});
