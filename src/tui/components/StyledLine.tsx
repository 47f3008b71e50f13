// One row of styled text, truncated (never wrapped) to the space it is given.
import { Text } from 'ink';
import type { Line, SegTone } from '../view/lines.js';

const COLOR: Record<SegTone, string | undefined> = {
  good: 'green',
  warn: 'yellow',
  bad: 'red',
  accent: 'cyan',
  key: 'cyan',
  dim: undefined,
  plain: undefined,
};

export function StyledLine({ line, color }: { line: Line; color: boolean }) {
  // An empty Text has no height in Ink: blank rows must still take their row.
  if (!line.some((s) => s.text.length)) return <Text> </Text>;
  return (
    <Text wrap="truncate-end">
      {line.map((s, i) => (
        <Text
          key={i}
          bold={s.bold ?? false}
          dimColor={s.tone === 'dim'}
          {...(color && s.tone && COLOR[s.tone] ? { color: COLOR[s.tone] } : {})}
        >
          {s.text}
        </Text>
      ))}
    </Text>
  );
}
