// The `yaml` library, loaded on first use: a plain spec is read by the fast path and never needs it,
// so `validate` and `grade` skip its ~30 ms import unless a file needs the full parser.
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

const require = createRequire(import.meta.url);
let lib: typeof Yaml | undefined;

export function yamlLib(): typeof Yaml {
  lib ??= require('yaml') as typeof Yaml;
  return lib;
}
