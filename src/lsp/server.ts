// The language server: glue between LSP and the compiler's front end. Text
// comes in through the open documents; each request asks the document's
// Analysis (cached until any document changes) and converts offsets to LSP
// positions only at the edge. Diagnostics are published 5 ms after the last
// change of a document (at once when it opens), for it and then for the open
// documents whose last analysis loaded it (or lacked an import).
//
// Why so short: an analysis after an edit costs ~10-25 ms CPU on a 2,000-line
// file (imports' parses are cached, the edited file re-parses only changed
// declarations), so diagnostics are recomputed rather than held back. The
// delay only coalesces a burst: changes that arrive while an analysis runs
// are queued, JSON-RPC handles one queued message per event-loop turn, and
// each change resets the timer, so stale versions are skipped (with 0 ms the
// timer could fire between two queued changes).

import {
  DidChangeWatchedFilesNotification,
  FileChangeType,
  LSPErrorCodes,
  type ClientCapabilities,
  ResponseError,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic as LspDiagnostic,
  type InitializeResult,
} from "vscode-languageserver";
import { setCheckerErrorHandler, type Analysis } from "./analysis";
import { adaptCompletion, adaptDiagnostics, adaptHover, clientFeatures } from "./client-caps";
import { codeActions } from "./features/code-actions";
import { completion } from "./features/completion";
import { diagnosticsByFile, type DiagnosticData } from "./features/diagnostics";
import { formatDocument } from "./features/formatting";
import { hover } from "./features/hover";
import { inlayHints } from "./features/inlay-hints";
import { definition, prepareRename, references, rename, symbolAt } from "./features/navigation";
import { SEMANTIC_LEGEND, semanticTokens } from "./features/semantic-tokens";
import { signatureHelp } from "./features/signature-help";
import { documentSymbols, workspaceSymbols } from "./features/symbols";
import { documentHighlights, foldingRanges } from "./features/outline";
import { pathToUri, toOffset, uriToPath } from "./positions";
import { Workspace } from "./workspace";

export const DIAGNOSTICS_DELAY_MS = 5;
/** What the server asks the client to watch: sources, and the data and weights files train blocks read. */
export const WATCHED = ["**/*.dlnet", "**/*.{safetensors,csv,tsv,txt,json}"];

/**
 * The file-system paths of workspace folder URIs (folders of other schemes have
 * no files to index; entries without a URI are skipped: Neovim 0.7 sends
 * `removed: [{}]` when it adds a folder).
 */
function folderPaths(uris: readonly (string | undefined)[]): string[] {
  return uris.filter((u): u is string => typeof u === "string" && (!/^[a-z][a-z0-9+.-]*:/i.test(u) || u.startsWith("file:"))).map(uriToPath);
}

export interface ServerOptions {
  /** Delay between the last edit and publishing diagnostics (default 5 ms). */
  diagnosticsDelayMs?: number;
  /** Files held in memory (path → text) in place of the disk: the playground's worker. */
  files?: Readonly<Record<string, string>>;
}

export function startServer(connection: Connection, options: ServerOptions = {}): Workspace {
  const ws = new Workspace(options.files);
  setCheckerErrorHandler((e) => connection.console.error(`dlnet: checker failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
  const delay = options.diagnosticsDelayMs ?? DIAGNOSTICS_DELAY_MS;
  const timers = new Map<string, ReturnType<typeof setTimeout>>();

  /** Run a request against a document's analysis; a bug in a feature answers `fallback`, never kills the server. */
  const withAnalysis = <T>(uri: string, fallback: T, f: (a: Analysis) => T): T => {
    const a = ws.analysis(uri);
    if (!a) return fallback;
    try {
      return f(a);
    } catch (e) {
      connection.console.error(`dlnet: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return fallback;
    }
  };
  const offsetOf = (a: Analysis, pos: { line: number; character: number }) => toOffset(a.file, pos);

  /**
   * Diagnostics by file URI from each open document's last analysis. A file's
   * published list is the union over every analysis that touched it, so an
   * error in an imported file (a cycle, a layer failing when instantiated
   * from elsewhere) reaches that file too, and clears when no analysis has it.
   */
  const contributions = new Map<string, Map<string, LspDiagnostic[]>>();
  const lastSent = new Map<string, string>();
  const derived = (d: LspDiagnostic) => !!(d.data as DiagnosticData | undefined)?.derived;
  const sendMerged = (fileUri: string, always: boolean) => {
    const all = [...contributions.values()].flatMap((byFile) => byFile.get(fileUri) ?? []);
    // A file's own error (found by any analysis) wins over the same error shown there for another file.
    const at = (d: LspDiagnostic) => `${d.range.start.line}:${d.range.start.character}:${d.range.end.line}:${d.range.end.character}:${d.code}`;
    const own = new Set(all.filter((d) => !derived(d)).map(at));
    const seen = new Set<string>();
    const merged = all.filter((d) => {
      if (derived(d) && own.has(at(d))) return false;
      const key = `${at(d)}:${d.message}`;
      return !seen.has(key) && !!seen.add(key);
    });
    const json = JSON.stringify(merged);
    if (!always && lastSent.get(fileUri) === json) return;
    lastSent.set(fileUri, json);
    void connection.sendDiagnostics({ uri: fileUri, version: ws.documents.get(fileUri)?.version, diagnostics: adaptDiagnostics(merged, features) });
  };
  /** Record what `uri`'s analysis found in each file (undefined: it is closed), and publish to the files that changed. */
  const contribute = (uri: string, byFile: Map<string, LspDiagnostic[]> | undefined) => {
    const touched = new Set([...(contributions.get(uri)?.keys() ?? []), ...(byFile?.keys() ?? [])]);
    if (byFile) contributions.set(uri, byFile);
    else contributions.delete(uri);
    for (const f of touched) sendMerged(f, f === uri);
  };
  const publish = (uri: string) => {
    timers.delete(uri);
    const doc = ws.documents.get(uri);
    if (!doc) return;
    const byFile = withAnalysis(uri, new Map([[uri, []]]), (a) => {
      loaded.set(uri, { files: new Set(a.files.keys()), missingImport: a.diagnostics.some((d) => d.code === "DL2007") });
      return new Map([...diagnosticsByFile(a)].map(([p, ds]) => [pathToUri(p), ds]));
    });
    contribute(uri, byFile);
  };
  /** What each document's last published analysis loaded, and whether an import was missing. */
  const loaded = new Map<string, { files: ReadonlySet<string>; missingImport: boolean }>();
  const mayDependOn = (uri: string, path: string): boolean => {
    const l = loaded.get(uri);
    return !l || l.missingImport || l.files.has(path);
  };
  const schedule = (uri: string, ms: number) => {
    clearTimeout(timers.get(uri));
    timers.set(uri, setTimeout(() => publish(uri), ms));
  };

  let clientCaps: ClientCapabilities = {};
  let features = clientFeatures({});
  connection.onInitialize((params): InitializeResult => {
    clientCaps = params.capabilities;
    features = clientFeatures(clientCaps);
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : params.rootPath ? [params.rootPath] : []);
    ws.setRoots(folderPaths(folders));
    return {
      capabilities: {
        // Offsets are UTF-16 code units throughout (SourceFile), the protocol's default that every client supports.
        positionEncoding: "utf-16",
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        completionProvider: { triggerCharacters: [".", ">", "(", ",", ":", " "] },
        signatureHelpProvider: { triggerCharacters: ["(", ","], retriggerCharacters: [":"] },
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        semanticTokensProvider: { legend: SEMANTIC_LEGEND, full: true },
        inlayHintProvider: true,
        codeActionProvider: { codeActionKinds: ["quickfix"] },
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
        foldingRangeProvider: true,
        documentHighlightProvider: true,
        // Folders added to or removed from the workspace change what is indexed (workspace/didChangeWorkspaceFolders).
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: "dlnet", version: "0.1.0" },
    };
  });

  // TextDocuments reports an open as a content change too; an open is checked at once, alone.
  const opening = new Set<string>();
  ws.documents.onDidOpen((e) => {
    opening.add(e.document.uri);
    schedule(e.document.uri, 0);
  });
  ws.documents.onDidChangeContent((e) => {
    if (opening.delete(e.document.uri)) return;
    // The edited document, then the other open ones that import it.
    const changed = uriToPath(e.document.uri);
    for (const d of ws.documents.all()) {
      if (d.uri === e.document.uri) schedule(d.uri, delay);
      else if (mayDependOn(d.uri, changed)) schedule(d.uri, delay * 2);
    }
  });
  /** Re-check the open documents that may read `path` (every one for a file that is not a source: a data or weights file). */
  const recheckDependents = (path: string) => {
    for (const d of ws.documents.all()) if (!path.endsWith(".dlnet") || mayDependOn(d.uri, path)) schedule(d.uri, delay * 2);
  };
  ws.documents.onDidClose((e) => {
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    loaded.delete(e.document.uri);
    contribute(e.document.uri, undefined);
    // Its importers now read the disk again (an unsaved edit is gone).
    recheckDependents(uriToPath(e.document.uri));
  });

  // Files created, changed or deleted on disk (the client watches them: registered below when it can be).
  connection.onDidChangeWatchedFiles((p) => {
    const paths = p.changes.filter((c) => c.uri.startsWith("file:")).map((c) => ({ path: uriToPath(c.uri), type: c.type }));
    ws.filesChanged(paths.some((c) => c.type !== FileChangeType.Changed && c.path.endsWith(".dlnet")));
    for (const c of paths) recheckDependents(c.path);
  });
  connection.onInitialized(() => {
    // Folders added: their files are listed from the next request on; removed: no longer
    // listed (symbols, references, rename). Open documents stay checked wherever they are.
    if (clientCaps.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => ws.changeRoots(folderPaths(e.added.map((f) => f?.uri)), folderPaths(e.removed.map((f) => f?.uri))));
    }
    if (!clientCaps.workspace?.didChangeWatchedFiles?.dynamicRegistration) return;
    void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCHED.map((globPattern) => ({ globPattern })) });
  });

  connection.onWorkspaceSymbol((p) => workspaceSymbols(ws, p.query));

  connection.onHover((p) => adaptHover(withAnalysis(p.textDocument.uri, null, (a) => hover(a, offsetOf(a, p.position))), features));
  connection.onCompletion((p) => adaptCompletion(withAnalysis(p.textDocument.uri, [], (a) => completion(a, offsetOf(a, p.position))), features));
  connection.onSignatureHelp((p) => withAnalysis(p.textDocument.uri, null, (a) => signatureHelp(a, offsetOf(a, p.position))));
  connection.onDefinition((p) => withAnalysis(p.textDocument.uri, null, (a) => definition(a, offsetOf(a, p.position))));
  connection.onReferences((p) =>
    withAnalysis(p.textDocument.uri, [], (a) => {
      const offset = offsetOf(a, p.position);
      const s = symbolAt(a, offset);
      return s ? references(a, offset, p.context.includeDeclaration, ws.analysesMentioning(s.node.name)) : [];
    }),
  );
  /** A refusal with its reason, shown by the client (rather than a silent null). */
  const refuse = <T>(r: T | { error: string }): T => {
    if (r && typeof r === "object" && "error" in r) throw new ResponseError(LSPErrorCodes.RequestFailed, r.error);
    return r;
  };
  connection.onPrepareRename((p) => refuse(withAnalysis(p.textDocument.uri, null, (a) => prepareRename(a, offsetOf(a, p.position)))));
  connection.onRenameRequest((p) =>
    refuse(
      withAnalysis(p.textDocument.uri, null, (a) => {
        const offset = offsetOf(a, p.position);
        const s = symbolAt(a, offset);
        return s ? rename(a, offset, p.newName, ws.analysesMentioning(s.node.name)) : null;
      }),
    ),
  );
  connection.onDocumentSymbol((p) => withAnalysis(p.textDocument.uri, [], documentSymbols));
  connection.languages.semanticTokens.on((p) => withAnalysis(p.textDocument.uri, { data: [] }, semanticTokens));
  connection.languages.inlayHint.on((p) => withAnalysis(p.textDocument.uri, [], (a) => inlayHints(a, p.range)));
  connection.onCodeAction((p) => withAnalysis(p.textDocument.uri, [], (a) => codeActions(a, p)));
  connection.onDocumentFormatting((p) => withAnalysis(p.textDocument.uri, [], (a) => formatDocument(a)));
  connection.onDocumentRangeFormatting((p) => withAnalysis(p.textDocument.uri, [], (a) => formatDocument(a, p.range)));
  connection.onFoldingRanges((p) => withAnalysis(p.textDocument.uri, [], foldingRanges));
  connection.onDocumentHighlight((p) => withAnalysis(p.textDocument.uri, [], (a) => documentHighlights(a, offsetOf(a, p.position))));

  ws.documents.listen(connection);
  connection.listen();
  return ws;
}
