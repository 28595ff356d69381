// Goldens for tokenizers written by the C++ trainers: the real HF library must load the files the
// C++ wrote and give the ids stored here. Steps:
//   FT_TOK_DUMP_DIR=/tmp/trained ./test_tokenizer_train   (writes trained_bpe.json, trained_wordpiece.json)
//   node golden_trained.js /tmp/trained
'use strict';
const fs = require('fs');
const path = require('path');
const { goldens } = require('./encode');
const { common, pairs, compact } = require('./make_fixtures');

const dir = process.argv[2];
const OUT = path.join(__dirname, '..', 'data', 'tokenize');
(async () => {
  for (const name of ['trained_bpe', 'trained_wordpiece']) {
    const g = await goldens(path.join(dir, `${name}.json`), { single: common, pairs });
    fs.writeFileSync(path.join(OUT, `${name}.golden.json`), compact(g));
    console.log(name, 'vocab', g.vocab_size);
  }
})().catch((e) => { console.error(e); process.exit(1); });
