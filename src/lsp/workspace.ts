// The documents the editor has open, the .dlnet files of the workspace
// folders, and the analyses of both. An open document's text wins over the
// disk, for itself and for every file that imports it, so an unsaved edit in
// blocks.dlnet shows up in model.dlnet. Analyses are cached and thrown away
// when any document changes or a watched file changes on disk (an import may
// have changed under them). The file list is read once and kept fresh by the
// client's file watching (workspace/didChangeWatchedFiles).

import { isAbsolute, relative } from "node:path";
import { TextDocuments } from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import { analyze, type Analysis, type Host } from "./analysis";
import type { LayerCheckCache, ParseCache } from "../compiler/check/index";
import { parse, type Program } from "../compiler/syntax/index";
import { SourceFile } from "../compiler/source";
import { pathToUri, uriToPath } from "./positions";
import { dlnetFilesUnder, fsHost } from "../host/files";
import { memoryHost } from "../compiler/check/program";

/** A workspace larger than this is indexed up to it (a home folder opened by mistake must not hang the server). */
export const MAX_WORKSPACE_FILES = 5000;

export class Workspace {
  readonly documents = new TextDocuments(TextDocument);
  private readonly cache = new Map<string, { generation: number; analysis: Analysis }>();
  private generation = 0;
  /** Parses by path, reused while a file's text is unchanged (imports are not re-parsed on every keystroke). */
  private readonly parseCache: ParseCache = new Map();
  /** Generic checks of layers, reused while a layer's declaration is unchanged (see checkLayerCached). */
  private readonly layerCache: LayerCheckCache = new WeakMap();
  /** The workspace folders (absolute paths). */
  private roots: string[] = [];
  private fileList: string[] | undefined;
  /** Parses for the workspace index (symbols), by path, while the text is unchanged. */
  private readonly outlines = new Map<string, { text: string; program: Program; file: SourceFile }>();

  /** Open documents first, else `disk`. */
  readonly host: Required<Host>;
  /** Files held in memory in place of a disk (no folder walk), else undefined. */
  private readonly memory: Readonly<Record<string, string>> | undefined;

  /**
   * The files that are not open: the disk through the CLI's host (regular
   * files only, headers of data files), or `memory` (path → text) where there
   * is no disk: the playground's worker passes the examples and their data.
   */
  constructor(memory?: Readonly<Record<string, string>>) {
    this.memory = memory;
    const disk = memory ? memoryHost(memory) : fsHost(process.cwd());
    this.host = {
      readFile: (path: string) => this.documents.get(pathToUri(path))?.getText() ?? disk.readFile(path),
      stat: (path: string) => {
        const open = this.documents.get(pathToUri(path));
        return open ? { kind: "file" as const, size: open.getText().length, mtimeMs: open.version } : disk.stat(path);
      },
      readBytes: disk.readBytes,
    };
    this.documents.onDidChangeContent(() => this.generation++);
    this.documents.onDidClose((e) => {
      this.generation++;
      this.cache.delete(e.document.uri);
    });
  }

  setRoots(paths: readonly string[]): void {
    this.roots = [...new Set(paths)];
    this.fileList = undefined;
  }

  /**
   * Workspace folders added and removed (workspace/didChangeWorkspaceFolders):
   * the file list is read again on next use, so an added folder's files are
   * listed and a removed folder's are not (open documents stay listed while
   * open); the removed folders' parses are dropped.
   */
  changeRoots(added: readonly string[], removed: readonly string[]): void {
    const gone = new Set(removed);
    this.setRoots([...this.roots.filter((r) => !gone.has(r)), ...added]);
    for (const path of this.outlines.keys()) if (!this.underRoot(path)) this.outlines.delete(path);
  }

  /** The workspace folders (absolute paths). */
  folders(): readonly string[] {
    return this.roots;
  }

  /** Whether `path` lies under one of the workspace folders. */
  underRoot(path: string): boolean {
    return this.roots.some((r) => {
      const rel = relative(r, path);
      return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
    });
  }

  /**
   * Files changed on disk (created, changed or deleted): every cached
   * analysis is stale, and the file list too when one was created or deleted.
   */
  filesChanged(listChanged: boolean): void {
    this.generation++;
    if (listChanged) this.fileList = undefined;
  }

  /** Every .dlnet file under the workspace folders (hidden folders and dependencies skipped), and every open one. */
  files(): string[] {
    if (!this.fileList) {
      const out: string[] = [];
      if (this.memory) out.push(...Object.keys(this.memory).filter((p) => p.endsWith(".dlnet")));
      else for (const r of this.roots) out.push(...dlnetFilesUnder(r, MAX_WORKSPACE_FILES - out.length));
      this.fileList = out;
    }
    const open = this.documents.all().map((d) => uriToPath(d.uri));
    return [...new Set([...this.fileList, ...open])];
  }

  /** The analysis of an open document (computed now if the cached one is stale). */
  analysis(uri: string): Analysis | undefined {
    const doc = this.documents.get(uri);
    if (!doc) return undefined;
    return this.analysisOf(uri, doc.getText());
  }

  /** The analysis of any file by path: the open document's, else the file on disk (undefined when unreadable). */
  analysisOfPath(path: string): Analysis | undefined {
    const uri = pathToUri(path);
    if (this.documents.get(uri)) return this.analysis(uri);
    const text = this.host.readFile(path);
    return text === undefined ? undefined : this.analysisOf(uri, text);
  }

  private analysisOf(uri: string, text: string): Analysis {
    const hit = this.cache.get(uri);
    if (hit && hit.generation === this.generation) return hit.analysis;
    const analysis = analyze(uriToPath(uri), text, this.host, this.parseCache, this.layerCache);
    this.cache.set(uri, { generation: this.generation, analysis });
    return analysis;
  }

  /**
   * The analyses that may refer to a name: the open documents' and those of
   * the workspace files whose text holds the name as a word (a file that
   * never spells it cannot use it), so references and rename reach files
   * that are not open without checking the whole workspace.
   */
  analysesMentioning(name: string): Analysis[] {
    const word = new RegExp(`(^|[^A-Za-z0-9_])${name.replace(/[^A-Za-z0-9_]/g, "")}($|[^A-Za-z0-9_])`);
    const out: Analysis[] = [];
    for (const path of this.files()) {
      const uri = pathToUri(path);
      const open = !!this.documents.get(uri);
      const text = open ? undefined : this.host.readFile(path);
      if (!open && (text === undefined || !word.test(text))) continue;
      const a = this.analysisOfPath(path);
      if (a) out.push(a);
    }
    return out;
  }

  /** The syntax tree of a workspace file, by path (parsed again only when its text changed). */
  outline(path: string): { program: Program; file: SourceFile } | undefined {
    const text = this.host.readFile(path);
    if (text === undefined) return undefined;
    const hit = this.outlines.get(path);
    if (hit && hit.text === text) return hit;
    const file = new SourceFile(path, text);
    const entry = { text, program: parse(file).program, file };
    this.outlines.set(path, entry);
    return entry;
  }

  /** The text of any file by path (open document or disk). */
  text(path: string): string | undefined {
    return this.host.readFile(path);
  }
}
