// The files the playground's workers see besides the editor's buffer
// (/playground/model.dlnet): every example, so imports between examples
// resolve (transfer_finetune imports transfer_backbone), and the data files of
// examples/data, so `text("data/addition.txt")` and
// `tensors("data/tagging.safetensors")` (held as a base64 data URL) are
// checked and trained on the real data. The build bakes them in (scripts/build-playground.ts, esbuild's
// define): the language server reads them synchronously.

declare const __PLAYGROUND_FILES__: Record<string, string>;

/** The editor's document's folder: relative paths in it resolve here. */
export const PLAYGROUND_DIR = "/playground";
export const DOC_PATH = `${PLAYGROUND_DIR}/model.dlnet`;

/** Path (under PLAYGROUND_DIR) → text; empty outside the build (Node tests pass the build's workerFiles()). */
export const playgroundFiles: Readonly<Record<string, string>> = typeof __PLAYGROUND_FILES__ === "undefined" ? {} : __PLAYGROUND_FILES__;
