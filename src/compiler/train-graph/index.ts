export * from "./build";
export * from "./optimizers";
export * from "./clip";
export * from "./schedules";
