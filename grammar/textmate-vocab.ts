// Words an editor colours or completes that are identifiers to the lexer,
// shared by the TextMate generator and the language server.

/** Hyperparameter types (`d: int = 128`). */
export const HPARAM_TYPES = ["int", "float", "bool", "string"] as const;
