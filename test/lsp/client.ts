// A real LSP client for the tests: spawns `node bin/dlnet.js lsp --stdio` as
// an editor would and talks JSON-RPC to it over the child's stdio.

import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  PublishDiagnosticsNotification,
  InitializeRequest,
  InitializedNotification,
  DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  ShutdownRequest,
  ExitNotification,
  RegistrationRequest,
  type ClientCapabilities,
  type Diagnostic,
  type InitializeResult,
  type Registration,
  type TextEdit,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from "vscode-languageserver-protocol/node";

/** What an editor like VS Code says it supports: snippets, Markdown, related information, diagnostic tags. */
export const EDITOR_CAPABILITIES: ClientCapabilities = {
  textDocument: {
    completion: { completionItem: { snippetSupport: true, documentationFormat: ["markdown", "plaintext"] } },
    hover: { contentFormat: ["markdown", "plaintext"] },
    publishDiagnostics: { relatedInformation: true, tagSupport: { valueSet: [1, 2] } },
  },
};

export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

export class TestClient {
  readonly proc: ChildProcess;
  readonly conn: ProtocolConnection;
  private readonly versions = new Map<string, number>();
  private readonly latest = new Map<string, PublishDiagnosticsParams>();
  private readonly waiters: { uri: string; pred: (d: Diagnostic[]) => boolean; resolve: (d: Diagnostic[]) => void }[] = [];
  stderr = "";
  /** What the server registered dynamically (client/registerCapability). */
  readonly registrations: Registration[] = [];

  /** `args`: what node runs; by default the dlnet CLI's `lsp --stdio`. */
  constructor(args: string[] = [fileURLToPath(new URL("../../bin/dlnet.js", import.meta.url)), "lsp", "--stdio"]) {
    this.proc = spawn(process.execPath, args, {
      cwd: repoRoot,
      stdio: ["pipe", "pipe", "pipe"],
    });
    this.proc.stderr!.on("data", (b) => (this.stderr += b.toString()));
    this.conn = createProtocolConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.latest.set(p.uri, p);
      for (const w of [...this.waiters]) {
        if (w.uri === p.uri && w.pred(p.diagnostics)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(p.diagnostics);
        }
      }
    });
    this.conn.onRequest(RegistrationRequest.type, (p) => {
      this.registrations.push(...p.registrations);
    });
    this.conn.listen();
  }

  /**
   * `capabilities`: what the client says it supports (an editor's by default);
   * `folders`: the workspace folders, when the client sends them (else only `rootPath`).
   */
  async initialize(rootPath: string, capabilities: ClientCapabilities = EDITOR_CAPABILITIES, folders?: string[]): Promise<InitializeResult> {
    const r = await this.conn.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(rootPath).href,
      capabilities,
      workspaceFolders: folders ? folders.map((f) => ({ uri: pathToFileURL(f).href, name: f })) : null,
    });
    await this.conn.sendNotification(InitializedNotification.type, {});
    return r;
  }

  /** Diagnostics published for `uri` that satisfy `pred` (the latest ones, or the next that do). */
  diagnostics(uri: string, pred: (d: Diagnostic[]) => boolean = () => true, timeoutMs = 20_000): Promise<Diagnostic[]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri}; last: ${JSON.stringify(this.latest.get(uri)?.diagnostics)}`)), timeoutMs);
      this.waiters.push({ uri, pred, resolve: (d) => (clearTimeout(timer), resolve(d)) });
    });
  }

  async open(path: string, text: string): Promise<string> {
    const uri = pathToFileURL(path).href;
    this.versions.set(uri, 1);
    await this.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: "dlnet", version: 1, text } });
    return uri;
  }

  /** Replace a document's whole text (a full-text change). */
  async change(uri: string, text: string): Promise<void> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  async closeDocument(uri: string): Promise<void> {
    this.versions.delete(uri);
    await this.conn.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async close(): Promise<void> {
    await this.conn.sendRequest(ShutdownRequest.type);
    await this.conn.sendNotification(ExitNotification.type);
    await new Promise<void>((resolve) => {
      if (this.proc.exitCode !== null) return resolve();
      const t = setTimeout(() => (this.proc.kill(), resolve()), 5000);
      this.proc.on("exit", () => (clearTimeout(t), resolve()));
    });
    this.conn.dispose();
  }
}

/** The LSP position of the n-th occurrence (0-based) of `needle` in `text`, plus `delta` characters. */
export function positionOf(text: string, needle: string, delta = 0, nth = 0): { line: number; character: number } {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`'${needle}' not found`);
  }
  const offset = at + delta;
  const before = text.slice(0, offset);
  const line = before.split("\n").length - 1;
  return { line, character: offset - (before.lastIndexOf("\n") + 1) };
}

/** A text with LSP edits applied (the edits do not overlap). */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const offset = (p: { line: number; character: number }) => text.split("\n").slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return [...edits]
    .sort((a, b) => offset(b.range.start) - offset(a.range.start))
    .reduce((t, e) => t.slice(0, offset(e.range.start)) + e.newText + t.slice(offset(e.range.end)), text);
}

/** A temporary folder with a language server initialized on it (tempWorkspace). */
export interface TempWorkspace {
  readonly dir: string;
  readonly client: TestClient;
  /** Writes `name` (relative to dir); returns its path. */
  write(name: string, text: string): string;
  /** `write`, returning the file's path, URI and text. */
  file(name: string, text: string): { path: string; uri: string; text: string };
}

/**
 * The setup most server tests share: a fresh folder `<tmp>/<prefix>XXXXXX`
 * and a client initialized on it, made before the file's tests (before each
 * test with `each`) and closed and removed after them.
 */
export function tempWorkspace(prefix: string, opts: { each?: boolean } = {}): TempWorkspace {
  let dir = "";
  let client: TestClient | undefined;
  (opts.each ? beforeEach : beforeAll)(async () => {
    dir = mkdtempSync(join(tmpdir(), prefix));
    client = new TestClient();
    await client.initialize(dir);
  });
  (opts.each ? afterEach : afterAll)(async () => {
    await client?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const write = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  return {
    get dir() {
      return dir;
    },
    get client() {
      if (!client) throw new Error("tempWorkspace: the client exists only inside tests");
      return client;
    },
    write,
    file: (name, text) => {
      const path = write(name, text);
      return { path, uri: pathToFileURL(path).href, text };
    },
  };
}
