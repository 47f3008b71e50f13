// The stage screen: prompt and numbers, the watched file's results, diagram, hints, key bar.
import type { SessionState } from '../state.js';
import { stageFrame } from '../view/stage.js';
import { Screen } from './Screen.js';

export function StageScreen({ state, color }: { state: SessionState; color: boolean }) {
  return <Screen frame={stageFrame(state)} width={state.columns} color={color} />;
}
