// A screen as data: header rows, rows of side-by-side panels, footer rows. Built by the pure
// view functions from the session state; the Ink components only draw it.
import type { Line } from './lines.js';

export interface PanelView {
  /** Test id and React key. */
  id: string;
  title: Line;
  lines: Line[];
  /** Outer width and height in terminal cells (borders included). */
  width: number;
  height: number;
  /** A rounded border; without one the title is a rule line. */
  border: boolean;
  borderTone?: 'good' | 'bad' | 'warn' | 'dim';
}

export interface FrameView {
  header: Line[];
  body: PanelView[][];
  footer: Line[];
}

/** Content rows inside a panel of this outer height. */
export function innerHeight(height: number, border: boolean): number {
  return Math.max(0, height - (border ? 3 : 1));
}

/** Content columns inside a panel of this outer width. */
export function innerWidth(width: number, border: boolean): number {
  return Math.max(1, width - (border ? 4 : 0));
}
