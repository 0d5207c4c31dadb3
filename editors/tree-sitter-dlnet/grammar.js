/**
 * Tree-sitter grammar for dlnet (.dlnet files), for editor highlighting
 * (Neovim, Helix, any tree-sitter host).
 *
 * Written against the compiler's Chevrotain grammar (grammar/parser.ts) and
 * its token set (grammar/tokens.ts; docs/grammar.md): the same keywords,
 * operators, number and string forms, comments, and the same precedence
 * (loosest first: `->`, `as NAME`, `or`, `and`, comparisons, `+ -`,
 * `* / % @`, unary signs, `**` (right), then call, member and index). A pipe is left-nested
 * here (`a -> b -> c` is `((a -> b) -> c)`) where the compiler keeps one
 * n-ary node. test/grammar/tree-sitter.test.ts checks that the token set
 * matches grammar/tokens.ts, that the grammar generates without conflicts,
 * and that every example and fixture parses without an error node.
 */

const KEYWORDS = [
  "import", "model", "layer", "op", "grad", "train", "input", "output", "param",
  "repeat", "as", "true", "false", "if", "else", "in", "and", "or",
];

const PREC = { pipe: 1, as: 2, or: 3, and: 4, compare: 5, add: 6, mul: 7, unary: 8, power: 9, postfix: 10 };

/** Zero or more `rule`s separated by commas, with an optional trailing comma. */
const commaList = (rule) => optional(seq(rule, repeat(seq(",", rule)), optional(",")));

module.exports = grammar({
  name: "dlnet",

  extras: ($) => [/[\s\u00a0\ufeff]/, $.comment],

  word: ($) => $.identifier,

  rules: {
    source_file: ($) => repeat(choice($.import_declaration, $.layer_declaration, $.op_declaration, $.train_declaration, ";")),

    comment: () => token(choice(seq("//", /[^\r\n]*/), seq("/*", /[^*]*\*+([^/*][^*]*\*+)*/, "/"))),

    import_declaration: ($) => seq("import", $.string),

    layer_declaration: ($) =>
      seq(choice("layer", "model"), alias($.identifier, $.type_identifier), optional($.hyperparameters), $.layer_body),
    hyperparameters: ($) => seq("(", commaList($.hyperparameter), ")"),
    hyperparameter: ($) =>
      seq(alias($.identifier, $.parameter_name), optional(seq(":", alias($.identifier, $.type_identifier))), optional(seq("=", $._expression))),
    layer_body: ($) => seq("{", repeat(choice($._statement, ";", ",")), "}"),

    _statement: ($) => choice($.input_statement, $.param_statement, $.output_statement, $.binding),
    input_statement: ($) => seq("input", alias($.identifier, $.variable_name), ":", $.tensor_type),
    param_statement: ($) => seq("param", alias($.identifier, $.variable_name), ":", $.tensor_type, optional(seq("=", $._expression))),
    output_statement: ($) =>
      seq("output", alias($.identifier, $.variable_name), optional(seq(":", $.tensor_type)), "=", $._expression),
    binding: ($) => seq(alias($.identifier, $.variable_name), "=", $._expression),
    tensor_type: ($) => seq(alias($.identifier, $.dtype), "[", commaList($._expression), "]"),

    op_declaration: ($) =>
      seq(
        "op",
        alias($.identifier, $.function_name),
        "(",
        commaList(alias($.identifier, $.parameter_name)),
        ")",
        "=",
        $._expression,
        optional($.grad_rules),
      ),
    grad_rules: ($) => seq("{", repeat(choice($.grad_rule, ";", ",")), "}"),
    grad_rule: ($) => seq("grad", alias($.identifier, $.parameter_name), "=", $._expression),

    train_declaration: ($) => seq("train", alias($.identifier, $.type_identifier), $.train_body),
    train_body: ($) => seq("{", repeat(choice($.setting, ";", ",")), "}"),
    setting: ($) => seq(alias($.identifier, $.setting_name), optional(alias($.identifier, $.variable_name)), "=", $._expression),

    _expression: ($) =>
      choice(
        $.pipe,
        $.as_expression,
        $.binary_expression,
        $.unary_expression,
        $.power_expression,
        $.call,
        $.member_expression,
        $.index_expression,
        $._primary,
      ),

    pipe: ($) => prec.left(PREC.pipe, seq($._expression, "->", $._expression)),
    as_expression: ($) => prec.left(PREC.as, seq($._expression, "as", alias($.identifier, $.variable_name))),
    binary_expression: ($) =>
      choice(
        ...[
          [PREC.or, "or"],
          [PREC.and, "and"],
          [PREC.compare, choice("==", "!=", "<", "<=", ">", ">=")],
          [PREC.add, choice("+", "-")],
          [PREC.mul, choice("*", "/", "%", "@")],
        ].map(([p, op]) => prec.left(p, seq($._expression, op, $._expression))),
      ),
    unary_expression: ($) => prec(PREC.unary, seq(choice("+", "-"), $._expression)),
    power_expression: ($) => prec.right(PREC.power, seq($._expression, "**", $._expression)),

    call: ($) => prec(PREC.postfix, seq($._expression, $.arguments)),
    arguments: ($) => seq("(", commaList(choice($.keyword_argument, $._expression)), ")"),
    keyword_argument: ($) => seq(alias($._any_name, $.argument_name), ":", $._expression),
    member_expression: ($) => prec(PREC.postfix, seq($._expression, ".", alias($._any_name, $.property_identifier))),
    index_expression: ($) => prec(PREC.postfix, seq($._expression, "[", $._index_item, repeat(seq(",", $._index_item)), optional(","), "]")),
    _index_item: ($) => choice($.ellipsis, $._expression, $.slice),
    ellipsis: () => "...",
    slice: ($) =>
      choice(
        seq($._expression, ":", optional($._expression), optional(seq(":", optional($._expression)))),
        seq(":", optional($._expression), optional(seq(":", optional($._expression)))),
      ),

    _primary: ($) => choice($.number, $.string, $.boolean, $.identifier, $.list, $.parenthesized_expression, $.repeat, $.if_expression),
    list: ($) => seq("[", commaList($._expression), "]"),
    parenthesized_expression: ($) => seq("(", $._expression, ")"),
    /** `repeat(n, Block(d))`, or over a list: `repeat(w in [64, 128], Stage(w))`. */
    repeat: ($) => seq("repeat", "(", optional(seq(alias($.identifier, $.variable_name), "in")), $._expression, ",", $._expression, optional(","), ")"),
    /** `if cond { a } else { b }`, with `else if` chains: chosen at compile time. */
    if_expression: ($) =>
      seq("if", $._expression, "{", $._expression, "}", "else", choice($.if_expression, seq("{", $._expression, "}"))),
    boolean: () => choice("true", "false"),

    /** A name where a keyword is read as a name too: a keyword argument's name, a member (`mnist(train: 8000)`, `data.input`). */
    _any_name: ($) => choice($.identifier, alias(choice(...KEYWORDS), $.identifier)),

    identifier: () => /[A-Za-z_][A-Za-z0-9_]*/,
    number: () => /(\d+(\.\d+)?|\.\d+)([eE][+-]?\d+)?/,
    string: () => /"([^"\\\r\n]|\\[^\r\n])*"/,
  },
});
