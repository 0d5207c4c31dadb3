// csv(path, features: [...], label: "y", classes: K, test: 0.2): rows of a CSV
// file with a header line. Fields: `features` f32[n] (the listed columns, in
// the order listed; default every column but the label) and `label`: with
// `classes` an i32 class index — integers 0..K-1 as written, or names mapped
// to indices in sorted order — otherwise an f32 value (regression).
// Parsing follows RFC 4180's basics: commas, "quoted" fields with "" for a
// quote, line breaks inside quotes, LF or CRLF line ends.

import { UserError } from "../../compiler/diagnostics";
import { evenSplit, takeSamples, type Dataset, type FieldSpec } from "./dataset";
import { readDataText, resolveDataPath } from "./files";

export interface CsvArgs {
  path: string;
  features?: readonly string[];
  label: string;
  classes?: number;
  test?: number;
}

/** Rows of fields, with the 1-based line each row starts on. */
export function parseCsv(text: string, what = "csv"): { rows: string[][]; lines: number[] } {
  const rows: string[][] = [];
  const lines: number[] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRow = () => {
    row.push(field);
    field = "";
    if (!(row.length === 1 && row[0] === "")) {
      rows.push(row);
      lines.push(rowLine);
    }
    row = [];
  };
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === "\n") line++;
        field += c;
      }
    } else if (c === '"' && field === "") {
      quoted = true;
    } else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      endRow();
      line++;
      rowLine = line;
    } else {
      field += c;
    }
  }
  if (quoted) throw new UserError(`${what}: a quoted field that starts on line ${rowLine} is never closed`);
  if (field !== "" || row.length) endRow();
  return { rows, lines };
}

export function csv(args: CsvArgs, baseDir = "."): Dataset {
  const path = resolveDataPath(args.path, baseDir);
  const what = `csv '${args.path}'`;
  const { rows, lines } = parseCsv(readDataText(path, what), what);
  if (rows.length === 0) throw new UserError(`${what}: the file is empty (a header line is required)`);
  const header = rows[0].map((h) => h.trim());
  const column = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new UserError(`${what}: no column '${name}' (columns: ${header.join(", ")})`);
    return i;
  };
  const labelCol = column(args.label);
  const featureCols = (args.features ?? header.filter((h) => h !== args.label)).map(column);
  if (featureCols.length === 0) throw new UserError(`${what}: no feature columns`);
  const body = rows.slice(1);
  const n = body.length;
  if (n === 0) throw new UserError(`${what}: no data rows after the header`);

  const features = new Float32Array(n * featureCols.length);
  body.forEach((r, i) => {
    if (r.length !== header.length) {
      throw new UserError(`${what}: line ${lines[i + 1]} has ${r.length} fields but the header has ${header.length}`);
    }
    featureCols.forEach((c, j) => {
      features[i * featureCols.length + j] = number(r[c], () => `${what}: line ${lines[i + 1]}, column '${header[c]}'`);
    });
  });
  const rawLabels = body.map((r) => r[labelCol].trim());
  const { label, classNames } = labels(rawLabels, args.classes, (i) => `${what}: line ${lines[i + 1]}, column '${args.label}'`);

  const fields: Record<string, FieldSpec> = {
    features: { dtype: "f32", shape: [featureCols.length] },
    label: { dtype: args.classes !== undefined ? "i32" : "f32", shape: [] },
  };
  const all = { size: n, fields: { features, label } };
  const split = evenSplit(n, args.test ?? 0.2, what);
  return {
    description: `csv("${args.path}")`,
    fields,
    train: takeSamples(all, fields, split.train),
    test: takeSamples(all, fields, split.test),
    info: { columns: featureCols.map((c) => header[c]), ...(classNames ? { classes: classNames } : {}) },
  };
}

function number(cell: string, where: () => string): number {
  const s = cell.trim();
  const v = s === "" ? NaN : Number(s);
  if (!Number.isFinite(v)) throw new UserError(`${where()}: '${cell}' is not a number`);
  return v;
}

function labels(
  raw: string[],
  classes: number | undefined,
  where: (i: number) => string,
): { label: Float32Array | Int32Array; classNames?: string[] } {
  if (classes === undefined) return { label: Float32Array.from(raw, (s, i) => number(s, () => where(i))) };
  if (!Number.isInteger(classes) || classes < 1) throw new UserError(`csv: 'classes' must be a positive integer, got ${classes}`);
  if (raw.every((s) => /^[+-]?\d+$/.test(s))) {
    const label = Int32Array.from(raw, Number);
    const bad = label.findIndex((v) => v < 0 || v >= classes);
    if (bad >= 0) throw new UserError(`${where(bad)}: class ${label[bad]} is outside 0..${classes - 1}`);
    return { label };
  }
  // Class names: indices in sorted order, so the mapping does not depend on row order.
  const names = [...new Set(raw)].sort();
  if (names.length > classes) {
    throw new UserError(`csv: the label column has ${names.length} distinct classes but 'classes' is ${classes}`);
  }
  const index = new Map(names.map((s, i) => [s, i]));
  return { label: Int32Array.from(raw, (s) => index.get(s)!), classNames: names };
}
