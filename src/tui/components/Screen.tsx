// Draws a frame: header rows, rows of side-by-side panels, footer rows. Nothing is computed here.
import { Box } from 'ink';
import type { FrameView } from '../view/frame.js';
import { Panel } from './Panel.js';
import { StyledLine } from './StyledLine.js';

export function Screen({ frame, width, color }: { frame: FrameView; width: number; color: boolean }) {
  return (
    <Box flexDirection="column" width={width}>
      {frame.header.map((l, i) => (
        <StyledLine key={`h${i}`} line={l} color={color} />
      ))}
      {frame.body.map((row, i) => (
        <Box key={`b${i}`} flexDirection="row" width={width}>
          {row.map((p) => (
            <Panel key={p.id} panel={p} color={color} />
          ))}
        </Box>
      ))}
      {frame.footer.map((l, i) => (
        <StyledLine key={`f${i}`} line={l} color={color} />
      ))}
    </Box>
  );
}
