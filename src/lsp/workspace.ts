// The documents the editor has open and the analyses of them. An open
// document's text wins over the disk, for itself and for every file that
// imports it, so an unsaved edit in blocks.dlnet shows up in model.dlnet.
// Analyses are cached per document and thrown away when any document changes
// (an import may have changed under it).

import { TextDocuments } from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import { analyze, type Analysis, type Host } from "./analysis";
import type { LayerCheckCache, ParseCache } from "../compiler/check/index";
import { pathToUri, uriToPath } from "./positions";
import { fsHost } from "../cli/files";

/** A host with no files: only open documents exist (a language server in a browser worker). */
export const NO_DISK: Required<Host> = { readFile: () => undefined, stat: () => undefined, readBytes: () => undefined };

export class Workspace {
  readonly documents = new TextDocuments(TextDocument);
  private readonly cache = new Map<string, { generation: number; analysis: Analysis }>();
  private generation = 0;
  /** Parses by path, reused while a file's text is unchanged (imports are not re-parsed on every keystroke). */
  private readonly parseCache: ParseCache = new Map();
  /** Generic checks of layers, reused while a layer's declaration is unchanged (see checkFile). */
  private readonly layerCache: LayerCheckCache = new WeakMap();

  /** Open documents first, else `disk`. */
  readonly host: Required<Host>;

  /**
   * `disk`: the files that are not open; by default the disk through the CLI's
   * host (regular files only, headers of data files). The playground's worker
   * has no disk and passes NO_DISK.
   */
  constructor(disk: Required<Host> = fsHost(process.cwd())) {
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

  /** The analysis of an open document (computed now if the cached one is stale). */
  analysis(uri: string): Analysis | undefined {
    const doc = this.documents.get(uri);
    if (!doc) return undefined;
    const hit = this.cache.get(uri);
    if (hit && hit.generation === this.generation) return hit.analysis;
    const analysis = analyze(uriToPath(uri), doc.getText(), this.host, this.parseCache, this.layerCache);
    this.cache.set(uri, { generation: this.generation, analysis });
    return analysis;
  }

  /** The text of any file by path (open document or disk). */
  text(path: string): string | undefined {
    return this.host.readFile(path);
  }
}
