// The problem picker: the catalog with progress, filtered as the learner types.
import type { SessionState } from '../state.js';
import { pickerFrame } from '../view/picker.js';
import { Screen } from './Screen.js';

export function PickerScreen({ state, color }: { state: SessionState; color: boolean }) {
  return <Screen frame={pickerFrame(state)} width={state.columns} color={color} />;
}
