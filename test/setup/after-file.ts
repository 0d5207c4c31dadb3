// After every test file (vitest.config.ts's setupFiles): a worker runs file
// after file in one process, so what a file started in a module shared with
// later files stops here, not at the worker's exit.

import { afterAll } from "vitest";
import { stopForkServer } from "../compiler/codegen/pytorch/fork-server";

afterAll(stopForkServer);
