// The root component: shows the store's state and turns key presses into Key events. It holds no
// logic of its own; the reducer decides what every key does.
import { useInput, useStdout, type Key } from 'ink';
import { useEffect, useSyncExternalStore } from 'react';
import type { KeyPress } from '../events.js';
import type { Store } from '../store.js';
import { PickerScreen } from './PickerScreen.js';
import { StageScreen } from './StageScreen.js';

/** Ink's key report as our key names; typed or pasted text becomes one `char` per character. */
export function toKeyPresses(input: string, key: Key): KeyPress[] {
  if (key.ctrl && input === 'c') return [{ name: 'ctrl-c' }];
  if (key.upArrow) return [{ name: 'up' }];
  if (key.downArrow) return [{ name: 'down' }];
  if (key.leftArrow) return [{ name: 'left' }];
  if (key.rightArrow) return [{ name: 'right' }];
  if (key.pageUp) return [{ name: 'pageUp' }];
  if (key.pageDown) return [{ name: 'pageDown' }];
  if (key.home) return [{ name: 'home' }];
  if (key.end) return [{ name: 'end' }];
  if (key.return) return [{ name: 'return' }];
  if (key.escape) return [{ name: 'escape' }];
  if (key.tab) return [{ name: 'tab' }];
  if (key.backspace || key.delete) return [{ name: 'backspace' }];
  if (key.ctrl || key.meta) return [];
  // Keys typed quickly (or pasted) arrive as one chunk: "order\r" is five letters and Enter.
  return [...input].flatMap((char): KeyPress[] => {
    const control = CONTROL_CHARS[char];
    if (control) return [{ name: control }];
    return char >= ' ' ? [{ name: 'char', char }] : [];
  });
}

const CONTROL_CHARS: Record<string, KeyPress['name'] | undefined> = {
  '\r': 'return',
  '\t': 'tab',
  '\u007f': 'backspace',
  '\b': 'backspace',
  '\u0003': 'ctrl-c',
  '\u001b': 'escape',
};

export interface TerminalControl {
  /** Writes through Ink (it erases its frame first and redraws it after). */
  write: (data: string) => void;
}

export interface PracticeAppProps {
  store: Store;
  color: boolean;
  now?: () => number;
  onTerminal?: (t: TerminalControl) => void;
}

export function PracticeApp({ store, color, now = Date.now, onTerminal }: PracticeAppProps) {
  const state = useSyncExternalStore(store.subscribe, store.getState);
  const { write } = useStdout();
  useEffect(() => {
    onTerminal?.({ write });
  }, [onTerminal, write]);
  useInput((input, key) => {
    for (const k of toKeyPresses(input, key)) store.dispatch({ type: 'Key', key: k, at: now() });
  });
  if (state.screen === 'stage' && state.session) return <StageScreen state={state} color={color} />;
  return <PickerScreen state={state} color={color} />;
}
