// The stage screen: prompt and numbers, the watched file's results, diagram, hints, key bar.
import type { SessionState } from '../state.js';
import { stageFrame, type ViewDeps } from '../view/stage.js';
import { Screen } from './Screen.js';

export function StageScreen({ state, color, deps }: { state: SessionState; color: boolean; deps: ViewDeps }) {
  return <Screen frame={stageFrame(state, deps)} width={state.columns} color={color} />;
}
