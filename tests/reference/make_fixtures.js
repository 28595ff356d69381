// Builds the small but realistic tokenizer.json fixtures under tests/data/tokenize/ by training
// with the real HF tokenizers library on corpus.txt, then writes golden ids with encode.js.
// Run: cd tests/reference && npm install && node make_fixtures.js
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { Tokenizer, BPE, Unigram, byteLevelPreTokenizer, metaspacePreTokenizer } = require('tokenizers');
const { goldens } = require('./encode');

const OUT = path.join(__dirname, '..', 'data', 'tokenize');
const corpusText = fs.readFileSync(path.join(OUT, 'corpus.txt'), 'utf8');
const corpusFile = path.join(os.tmpdir(), 'ft_tok_corpus.txt');
fs.writeFileSync(corpusFile, corpusText.repeat(3));

const LLAMA3_RE = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
const QWEN2_RE = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

function trainJson(model, preTokenizer) {
  const t = new Tokenizer(model);
  t.setPreTokenizer(preTokenizer);
  t.train([corpusFile]);
  const f = path.join(os.tmpdir(), 'ft_tok_trained.json');
  t.save(f, false);
  return JSON.parse(fs.readFileSync(f, 'utf8'));
}

// Keeps the first `keep` merges and the tokens they need (trainer ids: alphabet, then one per merge).
function truncateBpe(model, keep) {
  const alphabet = Object.keys(model.vocab).length - model.merges.length;
  const limit = alphabet + keep;
  const vocab = Object.entries(model.vocab).filter(([, id]) => id < limit).sort((a, b) => a[1] - b[1]);
  return { tokens: vocab.map(([t]) => t), merges: model.merges.slice(0, keep) };
}

const at = (content, id, o = {}) => Object.assign(
  { id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true }, o);
const specialTok = (name, type_id = 0) => ({ SpecialToken: { id: name, type_id } });
const seq = (name, type_id = 0) => ({ Sequence: { id: name, type_id } });
const specials = (pairs) => Object.fromEntries(pairs.map(([n, id]) => [n, { id: n, ids: [id], tokens: [n] }]));

function tokenizerJson(parts) {
  return Object.assign({ version: '1.0', truncation: null, padding: null, added_tokens: [], normalizer: null,
                         pre_tokenizer: null, post_processor: null, decoder: null }, parts);
}

function bpeModel(vocabObj, merges, extra = {}) {
  return Object.assign({ type: 'BPE', dropout: null, unk_token: null, continuing_subword_prefix: null,
                         end_of_word_suffix: null, fuse_unk: false, byte_fallback: false, ignore_merges: false,
                         vocab: vocabObj, merges }, extra);
}

// ---- byte-level BPE (GPT-2 family) --------------------------------------------------------
const bl = truncateBpe(trainJson(BPE.empty(), byteLevelPreTokenizer(false, true)).model, 520);
const blTokens = bl.tokens.slice();
// GPT-2 has all 256 byte symbols in its base vocab.
const { byteLevelAlphabet } = require('tokenizers');
for (const c of byteLevelAlphabet().sort()) if (!blTokens.includes(c)) blTokens.push(c);
const blVocab = Object.fromEntries(blTokens.map((t, i) => [t, i]));
const N = blTokens.length;
const byteLevel = (o = {}) => Object.assign({ type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true }, o);

const fixtures = {};
fixtures.gpt2 = tokenizerJson({
  added_tokens: [at('<|endoftext|>', N)],
  pre_tokenizer: byteLevel(),
  post_processor: byteLevel({ trim_offsets: false }),
  decoder: byteLevel(),
  model: bpeModel(blVocab, bl.merges),
});

fixtures.roberta = tokenizerJson({
  added_tokens: [at('<s>', N), at('<pad>', N + 1), at('</s>', N + 2), at('<unk>', N + 3),
                 at('<mask>', N + 4, { lstrip: true })],
  pre_tokenizer: byteLevel({ add_prefix_space: true }),
  post_processor: { type: 'RobertaProcessing', sep: ['</s>', N + 2], cls: ['<s>', N], trim_offsets: true, add_prefix_space: true },
  decoder: byteLevel(),
  model: bpeModel(blVocab, bl.merges),
});

const llama3Added = [at('<|begin_of_text|>', N), at('<|end_of_text|>', N + 1), at('<|start_header_id|>', N + 2),
  at('<|end_header_id|>', N + 3), at('<|eot_id|>', N + 4), at('<mask>', N + 5, { lstrip: true }),
  at('<|tool|>', N + 6, { rstrip: true, special: false }), at('qux', N + 7, { single_word: true, special: false }),
  at('<|both|>', N + 8, { lstrip: true, rstrip: true })];
fixtures.llama3 = tokenizerJson({
  added_tokens: llama3Added,
  pre_tokenizer: { type: 'Sequence', pretokenizers: [
    { type: 'Split', pattern: { Regex: LLAMA3_RE }, behavior: 'Isolated', invert: false },
    byteLevel({ use_regex: false })] },
  post_processor: { type: 'Sequence', processors: [
    byteLevel({ trim_offsets: false }),
    { type: 'TemplateProcessing', single: [specialTok('<|begin_of_text|>'), seq('A')],
      pair: [specialTok('<|begin_of_text|>'), seq('A'), specialTok('<|begin_of_text|>', 1), seq('B', 1)],
      special_tokens: specials([['<|begin_of_text|>', N]]) }] },
  decoder: byteLevel(),
  model: bpeModel(blVocab, bl.merges, { ignore_merges: true }),
});

fixtures.qwen2 = tokenizerJson({
  added_tokens: [at('<|endoftext|>', N), at('<|im_start|>', N + 1), at('<|im_end|>', N + 2)],
  normalizer: { type: 'NFC' },
  pre_tokenizer: { type: 'Sequence', pretokenizers: [
    { type: 'Split', pattern: { Regex: QWEN2_RE }, behavior: 'Isolated', invert: false },
    byteLevel({ use_regex: false })] },
  post_processor: byteLevel({ trim_offsets: false }),
  decoder: byteLevel(),
  model: bpeModel(blVocab, bl.merges.map(([a, b]) => `${a} ${b}`).filter((m) => m.split(' ').length === 2).length === bl.merges.length
    ? bl.merges.map(([a, b]) => `${a} ${b}`) : bl.merges),  // legacy "a b" merge strings
});

// ---- sentencepiece-style BPE with byte fallback (Llama-2 / Mistral) -------------------------
const sp = truncateBpe(trainJson(BPE.empty(), metaspacePreTokenizer('▁', 'always', true)).model, 420);
const used = new Set(sp.merges.flat());
sp.merges.forEach(([a, b]) => used.add(a + b));
// Rare characters (CJK, Hangul, emoji, ...) are left out so byte fallback has work to do.
const spTokens = sp.tokens.filter((t) => used.has(t) || [...t].every((c) => c.codePointAt(0) < 0x3000));
const llamaVocab = { '<unk>': 0, '<s>': 1, '</s>': 2 };
for (let b = 0; b < 256; b++) llamaVocab[`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`] = 3 + b;
for (const t of spTokens) if (!(t in llamaVocab)) llamaVocab[t] = Object.keys(llamaVocab).length;
const L = Object.keys(llamaVocab).length;
const llamaModel = bpeModel(llamaVocab, sp.merges, { unk_token: '<unk>', fuse_unk: true, byte_fallback: true });
const llamaTemplate = { type: 'TemplateProcessing', single: [specialTok('<s>'), seq('A')],
  pair: [specialTok('<s>'), seq('A'), specialTok('<s>', 1), seq('B', 1)], special_tokens: specials([['<s>', 1]]) };
fixtures.llama2 = tokenizerJson({
  added_tokens: [at('<unk>', 0), at('<s>', 1), at('</s>', 2)],
  normalizer: { type: 'Sequence', normalizers: [{ type: 'Prepend', prepend: '▁' },
                                                { type: 'Replace', pattern: { String: ' ' }, content: '▁' }] },
  post_processor: llamaTemplate,
  decoder: { type: 'Sequence', decoders: [{ type: 'Replace', pattern: { String: '▁' }, content: ' ' },
    { type: 'ByteFallback' }, { type: 'Fuse' }, { type: 'Strip', content: ' ', start: 1, stop: 0 }] },
  model: llamaModel,
});
fixtures.mistral = tokenizerJson({
  added_tokens: [at('<unk>', 0), at('<s>', 1), at('</s>', 2), at('[INST]', L), at('[/INST]', L + 1),
                 at('<|user|>', L + 2, { lstrip: true, rstrip: true, special: false })],
  pre_tokenizer: { type: 'Metaspace', replacement: '▁', prepend_scheme: 'first', split: false },
  post_processor: llamaTemplate,
  decoder: { type: 'Sequence', decoders: [{ type: 'ByteFallback' },
    { type: 'Metaspace', replacement: '▁', prepend_scheme: 'first', split: false }, { type: 'Fuse' }] },
  model: llamaModel,
});

// ---- WordPiece (BERT uncased) ----------------------------------------------------------------
function bertWords(text) {
  const norm = text.normalize('NFD').replace(/\p{Mn}/gu, '').toLowerCase()
    .replace(/[\u4E00-\u9FFF\u3400-\u4DBF]/gu, (c) => ` ${c} `);
  return norm.split(/\s+/u).flatMap((w) => w.split(/(\p{P}|[!-\/:-@\[-`{-~])/u)).filter((w) => w.length);
}
const words = bertWords(corpusText);
const freq = new Map();
words.forEach((w) => freq.set(w, (freq.get(w) || 0) + 1));
const wpVocab = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];
const chars = [...new Set(words.flatMap((w) => [...w]))].sort();
const add = (t) => { if (!wpVocab.includes(t)) wpVocab.push(t); };
chars.forEach(add);
chars.filter((c) => /[\p{L}\p{N}]/u.test(c) && c.codePointAt(0) < 0x3000).forEach((c) => add('##' + c));
[...freq.entries()].filter(([w]) => [...w].length > 1).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
  .forEach(([w]) => add(w));
['##s', '##ing', '##ed', '##er', '##ly', '##tion', '##ness', 'un', 're', '##able', '##ize', '##d', '##n', 'the'].forEach(add);
const wpObj = Object.fromEntries(wpVocab.map((t, i) => [t, i]));
const W = wpVocab.length;
const wordPiece = { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab: wpObj };
const bertSpecials = [at('[PAD]', 0), at('[UNK]', 1), at('[CLS]', 2), at('[SEP]', 3), at('[MASK]', 4)];
fixtures.bert = tokenizerJson({
  added_tokens: bertSpecials.concat([at('xyzzy', W, { normalized: true, special: false })]),
  normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
  pre_tokenizer: { type: 'BertPreTokenizer' },
  post_processor: { type: 'TemplateProcessing', single: [specialTok('[CLS]'), seq('A'), specialTok('[SEP]')],
    pair: [specialTok('[CLS]'), seq('A'), specialTok('[SEP]'), seq('B', 1), specialTok('[SEP]', 1)],
    special_tokens: specials([['[CLS]', 2], ['[SEP]', 3]]) },
  decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
  model: wordPiece,
});
// Other normalizers / pre-tokenizers / split behaviors over the same vocabulary.
fixtures.wordpiece_misc1 = tokenizerJson({
  added_tokens: bertSpecials,
  normalizer: { type: 'Sequence', normalizers: [{ type: 'NFKC' }, { type: 'Lowercase' }] },
  pre_tokenizer: { type: 'Sequence', pretokenizers: [{ type: 'Whitespace' }, { type: 'Digits', individual_digits: true }] },
  post_processor: { type: 'BertProcessing', sep: ['[SEP]', 3], cls: ['[CLS]', 2] },
  decoder: { type: 'WordPiece', prefix: '##', cleanup: false },
  model: wordPiece,
});
fixtures.wordpiece_misc2 = tokenizerJson({
  added_tokens: bertSpecials,
  normalizer: { type: 'Sequence', normalizers: [{ type: 'NFD' }, { type: 'StripAccents' }, { type: 'Lowercase' },
    { type: 'Strip', strip_left: true, strip_right: true },
    { type: 'Replace', pattern: { Regex: '\\s+' }, content: ' ' }] },
  pre_tokenizer: { type: 'Sequence', pretokenizers: [{ type: 'WhitespaceSplit' },
    { type: 'Punctuation', behavior: 'MergedWithPrevious' }, { type: 'Digits', individual_digits: false }] },
  decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
  model: wordPiece,
});

// ---- Unigram (T5-like) -------------------------------------------------------------------
const uni = trainJson(Unigram.empty(), metaspacePreTokenizer('▁', 'always', true)).model;
const uniVocab = [['<unk>', 0.0], ['</s>', 0.0]].concat(uni.vocab.filter(([p]) => p !== '<unk>' && p !== '</s>'));
fixtures.unigram = tokenizerJson({
  added_tokens: [at('<unk>', 0), at('</s>', 1)],
  normalizer: { type: 'NFKC' },
  pre_tokenizer: { type: 'Metaspace', replacement: '▁', prepend_scheme: 'always', split: true },
  post_processor: { type: 'TemplateProcessing', single: [seq('A'), specialTok('</s>')],
    pair: [seq('A'), specialTok('</s>'), seq('B', 1), specialTok('</s>', 1)], special_tokens: specials([['</s>', 1]]) },
  decoder: { type: 'Metaspace', replacement: '▁', prepend_scheme: 'always', split: true },
  model: { type: 'Unigram', unk_id: 0, vocab: uniVocab, byte_fallback: false },
});

// ---- cases -------------------------------------------------------------------------------
const common = [
  '', ' ', '   ', '\n', '\t', ' \n \t ', 'Hello world', 'Hello, world!', '  leading and trailing  ',
  "don't stop", "it's I'm we'll they've you'd HE'S", 'café naïve résumé', 'Zürich São Paulo Ångström',
  '東京は日本の首都です。', '서울은 한국', '😀🎉👍 emoji', 'multiple   spaces\tand\ttabs\n\nnewlines\r\n',
  'Numbers 1234567 and 3.14159 and 007', 'supercalifragilisticexpialidocious'.repeat(4), 'x'.repeat(150),
  '\u0000 \u0001 control \u007f\u0085', '\ufffd replacement', 'zero\u200bwidth\u200djoiner', 'e\u0301 combining',
  'Ａｂｃ１２３ fullwidth', 'İstanbul ǅ ß ﬁ', 'https://example.com/path?q=1&x=2 user@example.org',
  'HELLO hello HeLLo', 'The quick brown fox jumps over the lazy dog.', 'Fine-tuning adapts a pretrained model.',
  '<|endoftext|>', 'Hello<|endoftext|>world', ' <|endoftext|> ', '[SEP]', 'a [SEP] b', '[CLS][SEP]',
  '<s>Hello</s>', '<mask>', 'a <mask> b', 'word<mask>word', 'qux quxx aqux qux. _qux', 'x<|tool|>  y',
  'a  <|both|>  b', '<|begin_of_text|>Hi', '[INST] What? [/INST]', 'hi <|user|> there', 'XYZZY xyzzy Xyzzy!',
  '<|im_start|>user\nHi<|im_end|>', '\u00a0nbsp\u3000ideographic', '▁already▁meta', '    indented code();',
];
const pairs = [['Hello world', 'How are you?'], ['', 'b'], ['a', ''], ["don't", '<|endoftext|> [SEP] </s>'],
               ['café', '東京']];

// One case per line: small diffs when goldens change.
function compact(g) {
  const rows = (list) => list.map((c) => '  ' + JSON.stringify(c)).join(',\n');
  return `{"tokenizer": ${JSON.stringify(g.tokenizer)}, "vocab_size": ${g.vocab_size},\n "single": [\n${rows(g.single)}\n ],\n` +
         ` "pairs": [\n${rows(g.pairs)}\n ]}\n`;
}

module.exports = { common, pairs, compact };

async function main() {
  for (const [name, json] of Object.entries(fixtures)) {
    const file = path.join(OUT, `${name}.json`);
    fs.writeFileSync(file, JSON.stringify(json));
    const g = await goldens(file, { single: common, pairs });
    fs.writeFileSync(path.join(OUT, `${name}.golden.json`), compact(g));
    console.log(name, fs.statSync(file).size, 'bytes, vocab', g.vocab_size);
  }
}
if (require.main === module) main().catch((e) => { console.error(e); process.exit(1); });
