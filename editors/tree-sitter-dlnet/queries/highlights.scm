; Highlights for dlnet, with the tree-sitter CLI's standard capture names
; (Neovim reads them as they are; see docs/editor.md for Helix).
; No two patterns capture the same node, so the result does not depend on
; whether a host lets the first or the last match win.

(comment) @comment
(string) @string
(number) @number
(boolean) @constant.builtin

[
  "import"
  "model"
  "layer"
  "op"
  "grad"
  "train"
  "input"
  "output"
  "param"
  "repeat"
  "as"
  "if"
  "else"
  "in"
  "and"
  "or"
] @keyword

; Declared layers, models and hyperparameter types; a model named by a train block.
(type_identifier) @type
; f32, f16, i32, bool in tensor types.
(dtype) @type.builtin
; op swish(x) = ...
(function_name) @function

; Linear(128) builds a layer; relu(x) calls a function.
((call (identifier) @constructor)
  (#match? @constructor "^[A-Z]"))
((call (identifier) @function)
  (#not-match? @function "^[A-Z]"))

; A layer named as a pipe stage without arguments: x -> ReLU.
((pipe (identifier) @constructor .)
  (#match? @constructor "^[A-Z]"))

(parameter_name) @variable.parameter
(argument_name) @variable.parameter
(property_identifier) @property
(setting_name) @property
(variable_name) @variable

[
  "->"
  "**"
  "=="
  "!="
  "<="
  ">="
  "<"
  ">"
  "+"
  "-"
  "*"
  "/"
  "%"
  "@"
  "="
] @operator

(ellipsis) @punctuation.special

["(" ")" "[" "]" "{" "}"] @punctuation.bracket

[":" "," ";" "."] @punctuation.delimiter
