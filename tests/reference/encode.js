// Encodes texts with the real Hugging Face tokenizers (Rust core, Node binding) and prints
// golden JSON: node encode.js <tokenizer.json> <cases.json>
// cases.json: {"single": ["text", ...], "pairs": [["a", "b"], ...]}
'use strict';
const fs = require('fs');
const { Tokenizer } = require('tokenizers');

async function goldens(tokenizerFile, cases) {
  const tok = Tokenizer.fromFile(tokenizerFile);
  const single = [];
  for (const text of cases.single || []) {
    const withSpecial = await tok.encode(text, null, { addSpecialTokens: true });
    const without = await tok.encode(text, null, { addSpecialTokens: false });
    const ids = withSpecial.getIds();
    single.push({
      text,
      ids,
      type_ids: withSpecial.getTypeIds(),
      special_mask: withSpecial.getSpecialTokensMask(),
      ids_no_special: without.getIds(),
      decoded: await tok.decode(ids, true),
      decoded_with_special: await tok.decode(ids, false),
    });
  }
  const pairs = [];
  for (const [a, b] of cases.pairs || []) {
    const e = await tok.encode(a, b, { addSpecialTokens: true });
    const n = await tok.encode(a, b, { addSpecialTokens: false });
    pairs.push({ a, b, ids: e.getIds(), type_ids: e.getTypeIds(), special_mask: e.getSpecialTokensMask(),
                 ids_no_special: n.getIds(), type_ids_no_special: n.getTypeIds() });
  }
  return { tokenizer: require('path').basename(tokenizerFile), vocab_size: tok.getVocabSize(true), single, pairs };
}

module.exports = { goldens };

if (require.main === module) {
  const [file, casesFile] = process.argv.slice(2);
  goldens(file, JSON.parse(fs.readFileSync(casesFile, 'utf8')))
    .then((g) => process.stdout.write(JSON.stringify(g, null, 1) + '\n'))
    .catch((e) => { console.error(e); process.exit(1); });
}
