// `dlnet lsp --stdio`: the language server over stdin/stdout.

import { createConnection, StreamMessageReader, StreamMessageWriter } from "vscode-languageserver/node";
import { startServer, type ServerOptions } from "./server";

export { startServer, type ServerOptions } from "./server";

/** Serve LSP on this process's stdin/stdout until the client says exit; resolves with the exit code. */
export function runLspStdio(options: ServerOptions = {}): Promise<number> {
  const connection = createConnection(new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout));
  // Anything printed to stdout would corrupt the protocol stream.
  console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(" "));
  return new Promise((resolve) => {
    let shutdown = false;
    connection.onShutdown(() => {
      shutdown = true;
    });
    connection.onExit(() => resolve(shutdown ? 0 : 1));
    startServer(connection, options);
  });
}
