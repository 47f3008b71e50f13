// A panel of a frame: a title and its lines, in a rounded border or under a rule line.
import { Box, Text } from 'ink';
import type { PanelView } from '../view/frame.js';
import { StyledLine } from './StyledLine.js';

const BORDER: Record<NonNullable<PanelView['borderTone']>, string> = { good: 'green', bad: 'red', warn: 'yellow', dim: 'gray' };

export function Panel({ panel, color }: { panel: PanelView; color: boolean }) {
  const rows = panel.lines.map((l, i) => <StyledLine key={i} line={l} color={color} />);
  if (panel.border) {
    return (
      <Box
        flexDirection="column"
        width={panel.width}
        height={panel.height}
        borderStyle="round"
        paddingX={1}
        overflow="hidden"
        {...(color && panel.borderTone ? { borderColor: BORDER[panel.borderTone] } : {})}
      >
        <StyledLine line={panel.title} color={color} />
        {rows}
      </Box>
    );
  }
  return (
    <Box flexDirection="column" width={panel.width} height={panel.height} overflow="hidden">
      <Box width={panel.width}>
        <Text dimColor>── </Text>
        <Box flexGrow={1}>
          <StyledLine line={panel.title} color={color} />
        </Box>
      </Box>
      {rows}
    </Box>
  );
}
