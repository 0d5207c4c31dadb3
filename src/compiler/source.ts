// A source text and the mapping from offsets to 1-based lines and columns.
// Spans everywhere are half-open UTF-16 offsets into one file's text; lines and
// columns are computed only at the edges (CLI rendering, JSON output, LSP).

export interface Span {
  start: number;
  end: number;
}

export interface Position {
  /** 1-based line. */
  line: number;
  /** 1-based column, in UTF-16 code units. */
  column: number;
}

/** `file:line:column` of an offset into one of `sources` (just `file` for another). */
export function placeOf(sources: ReadonlyMap<string, SourceFile>, file: string, offset: number): string {
  const src = sources.get(file);
  if (!src) return file;
  const p = src.position(offset);
  return `${file}:${p.line}:${p.column}`;
}

export class SourceFile {
  readonly lineStarts: number[];

  constructor(
    readonly path: string,
    readonly text: string,
  ) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 /* \n */) starts.push(i + 1);
      else if (c === 13 /* \r */ && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
    }
    this.lineStarts = starts;
  }

  /** The 1-based line and column of an offset (clamped to the text). */
  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: o - this.lineStarts[lo] + 1 };
  }

  /** The offset of a 1-based line and column (clamped). */
  offset(pos: Position): number {
    const line = Math.max(1, Math.min(pos.line, this.lineStarts.length));
    const start = this.lineStarts[line - 1];
    const end = line < this.lineStarts.length ? this.lineStarts[line] : this.text.length;
    return Math.min(start + Math.max(0, pos.column - 1), end);
  }

  /** The text of a 1-based line, without its line break. */
  lineText(line: number): string {
    const start = this.lineStarts[line - 1] ?? this.text.length;
    const next = this.lineStarts[line] ?? this.text.length;
    return this.text.slice(start, next).replace(/\r?\n$|\r$/, "");
  }

  slice(span: Span): string {
    return this.text.slice(span.start, span.end);
  }
}

