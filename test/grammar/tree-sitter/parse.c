// Parse files with a generated dlnet parser (tree-sitter 0.13 runtime) and
// print each file's whole tree, every node named or not, as one JSON line:
// [type, named, start byte, end byte, missing, children...]. Used only to
// check grammar.js; see test/grammar/tree-sitter/index.ts.
#include <tree_sitter/runtime.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const TSLanguage *tree_sitter_dlnet(void);

static void put_string(const char *s) {
  putchar('"');
  for (; *s; s++) {
    if (*s == '"' || *s == '\\') printf("\\%c", *s);
    else if ((unsigned char)*s < 0x20) printf("\\u%04x", *s);
    else putchar(*s);
  }
  putchar('"');
}

static void dump(TSNode n) {
  putchar('[');
  put_string(ts_node_type(n));
  printf(",%d,%u,%u,%d", ts_node_is_named(n), ts_node_start_byte(n), ts_node_end_byte(n), ts_node_is_missing(n));
  uint32_t count = ts_node_child_count(n);
  for (uint32_t i = 0; i < count; i++) {
    putchar(',');
    dump(ts_node_child(n, i));
  }
  putchar(']');
}

int main(int argc, char **argv) {
  TSParser *parser = ts_parser_new();
  if (!ts_parser_set_language(parser, tree_sitter_dlnet())) {
    fprintf(stderr, "language version mismatch\n");
    return 2;
  }
  for (int i = 1; i < argc; i++) {
    FILE *f = fopen(argv[i], "rb");
    if (!f) { perror(argv[i]); return 2; }
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *text = malloc(size + 1);
    if (fread(text, 1, size, f) != (size_t)size) { perror(argv[i]); return 2; }
    fclose(f);
    TSTree *tree = ts_parser_parse_string(parser, NULL, text, size);
    dump(ts_tree_root_node(tree));
    putchar('\n');
    ts_tree_delete(tree);
    free(text);
  }
  ts_parser_delete(parser);
  return 0;
}
