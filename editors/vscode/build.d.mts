// Types of build.mjs, for the tests that import it.
export function buildServer(outfile: string): Promise<void>;
export function buildExtension(): Promise<void>;
