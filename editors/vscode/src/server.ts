// The bundled server: dlnet's language server as one file, for machines
// without dlnet installed. Built by build.mjs from the repository's src/lsp.

import { runLspStdio } from "../../../src/lsp/index";

void runLspStdio().then((code) => process.exit(code));
