/// <reference lib="dom" />
// The playground's editor: CodeMirror 6 with .dlnet highlighting from the
// compiler's token set (grammar/tokens.ts), and the language server of
// `dlnet lsp` in a web worker behind @codemirror/lsp-client: diagnostics as
// squiggles, hover, completion, signature help, formatting, rename. Inlay
// shape hints (`‹f32[batch, 128]›` after each stage) are LSP inlay hints the
// client package does not draw, so a small plugin here asks for them.

import { basicSetup } from "codemirror";
import { EditorView, Decoration, WidgetType, ViewPlugin, type DecorationSet, type ViewUpdate } from "@codemirror/view";
import { StateEffect, StateField, type Extension } from "@codemirror/state";
import { StreamLanguage, LanguageSupport } from "@codemirror/language";
import { LSPClient, LSPPlugin, languageServerExtensions, type Transport } from "@codemirror/lsp-client";
import { allTokens, KEYWORDS, DTYPES, tokenCategory } from "../../grammar/tokens";
import { DOC_PATH } from "./files";

// ---------------------------------------------------------------- highlighting

const keywords = new Set<string>(KEYWORDS);
const dtypes = new Set<string>(DTYPES);
/** The token set's non-word tokens (numbers, strings, comments, operators), tried in the lexer's order. */
const patterns = allTokens
  .map((t) => ({ category: tokenCategory(t), re: t.PATTERN }))
  .filter((t): t is { category: NonNullable<typeof t.category>; re: RegExp } => t.re instanceof RegExp && t.category !== undefined && t.category !== "keyword" && t.category !== "identifier")
  .map((t) => ({ category: t.category, re: new RegExp(t.re.source, "y") }));
const TAG = { number: "number", string: "string", comment: "comment", operator: "operator", punctuation: "punctuation" } as const;

const dlnetLanguage = StreamLanguage.define<{ inBlock: boolean }>({
  name: "dlnet",
  startState: () => ({ inBlock: false }),
  token(stream, state) {
    // A block comment spanning lines: the stream sees one line at a time.
    if (state.inBlock) {
      if (stream.match(/^.*?\*\//)) state.inBlock = false;
      else stream.skipToEnd();
      return "comment";
    }
    if (stream.eatSpace()) return null;
    if (stream.match("/*")) {
      state.inBlock = true;
      return this.token!(stream, state);
    }
    const word = stream.match(/^[A-Za-z_][A-Za-z0-9_]*/) as RegExpMatchArray | null;
    if (word) {
      const w = word[0];
      if (keywords.has(w)) return "keyword";
      if (dtypes.has(w)) return "typeName";
      return /^[A-Z]/.test(w) ? "className" : "variableName";
    }
    const rest = stream.string.slice(stream.pos);
    for (const p of patterns) {
      p.re.lastIndex = 0;
      const m = p.re.exec(rest);
      if (m && m[0].length) {
        stream.pos += m[0].length;
        return TAG[p.category as keyof typeof TAG] ?? null;
      }
    }
    stream.next();
    return null;
  },
  languageData: { commentTokens: { line: "//", block: { open: "/*", close: "*/" } } },
});

// ---------------------------------------------------------------- inlay hints

interface Hint {
  pos: number;
  label: string;
}
const setHints = StateEffect.define<Hint[]>();

class HintWidget extends WidgetType {
  constructor(readonly label: string) {
    super();
  }
  override eq(o: HintWidget) {
    return o.label === this.label;
  }
  toDOM() {
    const s = document.createElement("span");
    s.className = "cm-inlay-hint";
    s.textContent = this.label;
    return s;
  }
}

const hintField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(deco, tr) {
    deco = deco.map(tr.changes);
    for (const e of tr.effects) {
      if (e.is(setHints)) deco = Decoration.set(e.value.map((h) => Decoration.widget({ widget: new HintWidget(h.label), side: 1 }).range(h.pos)), true);
    }
    return deco;
  },
  provide: (f) => EditorView.decorations.from(f),
});

type LspInlayHint = { position: { line: number; character: number }; label: string | { value: string }[] };

/** Asks the server for the document's inlay hints a moment after each edit. */
const inlayHints = ViewPlugin.fromClass(
  class {
    timer: ReturnType<typeof setTimeout> | undefined;
    constructor(readonly view: EditorView) {
      this.schedule(50);
    }
    update(u: ViewUpdate) {
      if (u.docChanged) this.schedule(250);
    }
    schedule(ms: number) {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.fetch(), ms);
    }
    async fetch() {
      const plugin = LSPPlugin.get(this.view);
      if (!plugin) return;
      plugin.client.sync();
      const doc = this.view.state.doc;
      try {
        const hints = await plugin.client.request<unknown, LspInlayHint[] | null>("textDocument/inlayHint", {
          textDocument: { uri: plugin.uri },
          range: { start: { line: 0, character: 0 }, end: plugin.toPosition(doc.length, doc) },
        });
        if (this.view.state.doc !== doc) return; // stale: a newer request follows the edit
        const list = (hints ?? []).map((h) => ({
          pos: plugin.fromPosition(h.position, doc),
          label: typeof h.label === "string" ? h.label : h.label.map((p) => p.value).join(""),
        }));
        this.view.dispatch({ effects: setHints.of(list) });
      } catch {
        // The worker restarted or timed out: hints are a nicety, the next edit asks again.
      }
    }
    destroy() {
      clearTimeout(this.timer);
    }
  },
);

// ---------------------------------------------------------------- the client

/** JSON-RPC to the language-server worker over postMessage. */
function workerTransport(worker: Worker): Transport {
  let handlers: ((value: string) => void)[] = [];
  worker.onmessage = (e) => {
    const text = JSON.stringify(e.data);
    for (const h of handlers) h(text);
  };
  return {
    send: (message) => worker.postMessage(JSON.parse(message)),
    subscribe: (h) => void handlers.push(h),
    unsubscribe: (h) => void (handlers = handlers.filter((x) => x !== h)),
  };
}

export const DOC_URI = `file://${DOC_PATH}`;

export function createEditor(parent: HTMLElement, text: string, onChange: (view: EditorView) => void): { view: EditorView; client: LSPClient } {
  const worker = new Worker(new URL("./lsp-worker.js", import.meta.url), { type: "module" });
  const client = new LSPClient({ extensions: languageServerExtensions(), timeout: 10_000 }).connect(workerTransport(worker));
  const extensions: Extension[] = [
    basicSetup,
    new LanguageSupport(dlnetLanguage),
    client.plugin(DOC_URI, "dlnet"),
    hintField,
    inlayHints,
    EditorView.updateListener.of((u) => {
      if (u.docChanged) onChange(u.view);
    }),
    EditorView.theme({ "&": { height: "100%" }, ".cm-scroller": { fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace", fontSize: "13px" } }),
  ];
  const view = new EditorView({ doc: text, extensions, parent });
  return { view, client };
}
