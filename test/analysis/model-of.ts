// Builds a Model from inline YAML for analysis unit tests.
import type { Model } from '../../src/specfile/model.js';
import { loadSpecText } from '../../src/specfile/load.js';

export function modelOf(yaml: string): Model {
  const loaded = loadSpecText('inline.yaml', yaml);
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`).join('\n'));
  return loaded.loaded.model;
}
