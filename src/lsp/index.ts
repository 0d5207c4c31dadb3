// `dlnet lsp --stdio`: the language server over stdin/stdout.

import { createConnection, StreamMessageReader, StreamMessageWriter } from "vscode-languageserver/node";
import { startServer, type ServerOptions } from "./server";

export { startServer, type ServerOptions } from "./server";

/** Serve LSP on this process's stdin/stdout until the client says exit; resolves with the exit code. */
export function runLspStdio(options: ServerOptions = {}): Promise<number> {
  const reader = new StreamMessageReader(process.stdin);
  const connection = createConnection(reader, new StreamMessageWriter(process.stdout));
  // Anything printed to stdout would corrupt the protocol stream.
  console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(" "));
  return new Promise((resolve) => {
    let shutdown = false;
    connection.onShutdown(() => {
      shutdown = true;
    });
    connection.onExit(() => resolve(shutdown ? 0 : 1));
    // The editor went away without `exit` (crashed, killed): stop too, as LSP asks (1 without shutdown).
    reader.onClose(() => resolve(shutdown ? 0 : 1));
    startServer(connection, options);
  });
}
