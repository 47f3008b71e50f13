// The diagram pane's drawing: src/diagrams' terminal preview of the graded design, with the parts
// that failing and warning findings point at marked (plain text; the pane adds no colour to it).
import { asciiDiagram } from '../diagrams/ascii.js';
import { findingsOf } from '../diagrams/findings.js';
import type { DiagramRenderer } from './view/diagram.js';

export const terminalPreview: DiagramRenderer = ({ loaded, report, width }) =>
  asciiDiagram(loaded.model, report.metrics, { width, color: false, findings: findingsOf(report) })
    .replace(/\n+$/, '')
    .split('\n');
