// grammar.json -> parser.c with tree-sitter 0.13's C++ generator
// (ts_compile_grammar). Used only to check grammar.js; see test/grammar/tree-sitter/index.ts.
#include <tree_sitter/compiler.h>
#include <stdio.h>
#include <stdlib.h>
#include <string>
#include <fstream>
#include <sstream>

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: generate GRAMMAR.json OUT.c\n");
    return 2;
  }
  std::ifstream in(argv[1]);
  std::stringstream text;
  text << in.rdbuf();
  TSCompileResult r = ts_compile_grammar(text.str().c_str(), NULL);
  if (r.error_type != TSCompileErrorTypeNone) {
    fprintf(stderr, "%s\n", r.error_message);
    return 1;
  }
  FILE *out = fopen(argv[2], "w");
  if (!out) { perror(argv[2]); return 2; }
  fputs(r.code, out);
  fclose(out);
  return 0;
}
