// The tensor IR: one node kind, one op registry, a builder, graphs, text form.
export * from "./types";
export * from "./node";
export * from "./op";
export * from "./registry";
export * from "./graph";
export * from "./builder";
export * from "./print";
export * from "./verify";
export * from "./index-checks";
