// Lets Node 24 run the TypeScript benchmarks and the test bed they use directly: their imports say
// `./x.js` (NodeNext style) while the files are `./x.ts`; this resolve hook tries the .ts file.
import { register } from 'node:module';

register(
  'data:text/javascript,' +
    encodeURIComponent(`
      export async function resolve(specifier, context, next) {
        try {
          return await next(specifier, context);
        } catch (error) {
          if (!specifier.endsWith('.js') || !specifier.startsWith('.')) throw error;
          return next(specifier.slice(0, -3) + '.ts', context);
        }
      }`),
  import.meta.url,
);
