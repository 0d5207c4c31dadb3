// Every built-in layer's signature record, by its PyTorch class name. The
// registry (../index.ts) collects the layers exported here; lower/layers/
// names them (`lowers(L.Linear, …)`) to attach each one's lowering.

export * from "./activations";
export * from "./attention";
export * from "./conv";
export * from "./embedding";
export * from "./linear";
export * from "./misc";
export * from "./norm";
export * from "./pool";
export * from "./recurrent";
export * from "./resample";
