#!/usr/bin/env python3
"""Writes the starter model's model card (README.md) and compares the result with the shipped model.

usage: finish-model.py WORK_DIR MODEL_DIR SHIPPED_DIR [--device "what trained it"]

WORK_DIR holds corpus-stats.txt and run/ (metrics.jsonl, eval/report.json) from scripts/starter-model/pretrain;
MODEL_DIR is the float16 export, which gets README.md, pretraining-report.json and pretraining-metrics.jsonl.
Exit status 1 when SHIPPED_DIR exists and the validation perplexities differ by more than 5%."""
import json
import math
import os
import shutil
import sys

work, model_dir, shipped = sys.argv[1:4]
device = sys.argv[sys.argv.index("--device") + 1] if "--device" in sys.argv else f"{os.cpu_count()} CPU cores"

run = os.path.join(work, "run")
for name, target in (("eval/report.json", "pretraining-report.json"), ("metrics.jsonl", "pretraining-metrics.jsonl")):
    if os.path.exists(os.path.join(run, name)):
        shutil.copy(os.path.join(run, name), os.path.join(model_dir, target))
report = json.load(open(os.path.join(model_dir, "pretraining-report.json")))
steps = [json.loads(l) for l in open(os.path.join(model_dir, "pretraining-metrics.jsonl")) if '"event":"step"' in l]
config = json.load(open(os.path.join(model_dir, "config.json")))
job = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "pretrain.ftjob.json")))
lm = report["language_model"]
ppl = lm["corpus_perplexity"]["value"]
t = job["training"]
tokens_per_step = t["batch_size"] * job["data"]["max_length"]
with open(os.path.join(model_dir, "model.safetensors"), "rb") as f:
    header = json.loads(f.read(int.from_bytes(f.read(8), "little")))
n_params = sum(math.prod(v["shape"]) for k, v in header.items() if k != "__metadata__")
corpus = [l.split() for l in open(os.path.join(work, "corpus-stats.txt")) if l.split() and l.split()[0] in ("kjv", "wordnet", "jargon", "devil", "total")]
words = {c[0]: (int(c[1]), int(c[3])) for c in corpus}
sources = [("kjv", "King James Version of the Bible (`bible-kjv`, `bible-kjv-text`)", "public domain", "one line per chapter"),
           ("wordnet", "WordNet 3.0 glosses (`wordnet-base`)", "WordNet 3.0 licence (notice below)", "one line per synset, `words: gloss`"),
           ("jargon", "The Jargon File 4.4.7 (`dict-jargon`)", "public domain", "one line per paragraph"),
           ("devil", "The Devil's Dictionary, Ambrose Bierce (`dict-devil`)", "public domain", "one line per paragraph")]

md = f"""---
library_name: transformers
license: other
pipeline_tag: text-generation
language: en
tags:
  - finetune-studio
  - gpt2
---

# Finetune Studio starter model (GPT-2, {n_params / 1e6:.1f} M parameters)

A small GPT-2 pretrained by Finetune Studio's own command-line tool on openly licensed English text that
Debian packages ship, so that the app can show what fine-tuning a *pretrained* model buys without any
download. It knows some English vocabulary, dictionary-style definitions and King James prose; it is not
a general-purpose language model. Load it with `GPT2LMHeadModel` / `AutoModelForCausalLM`, or pick it
first in Finetune Studio's Model step.

## Architecture and tokenizer

| | |
|---|---|
| architecture | GPT-2 (`GPT2LMHeadModel`), {config['n_layer']} layers, hidden {config['n_embd']}, {config['n_head']} heads, context {config['n_positions']} |
| parameters | {n_params:,} (float16 safetensors) |
| tokenizer | byte-level BPE, {config['vocab_size']} tokens (GPT-2's pre-tokenizer), trained on the corpus by `finetune make-tiny-model --corpus`; `<|endoftext|>` = {config['eos_token_id']} |

## Pretraining corpus

| source | licence | documents | words | layout |
|---|---|---|---|---|
""" + "".join(f"| {title} | {lic} | {words[k][0]:,} | {words[k][1]:,} | {layout} |\n" for k, title, lic, layout in sources if k in words) + f"""| **total** | | {words['total'][0]:,} | {words['total'][1]:,} | |

Made by `scripts/starter-model/make-corpus.py`: documents shuffled (seed 20261126), every 50th held out for
validation. The 1,500 WordNet noun definitions of the demo data set (`resources/demo/definitions.csv`) are
left out of the corpus, so the demo classifies text this model never saw.

## Pretraining

| | |
|---|---|
| objective | causal language modelling on packed 256-token blocks (`"pack": true`: lines joined with `<|endoftext|>`) |
| steps | {t['max_steps']} × {t['batch_size']} blocks = {t['max_steps'] * tokens_per_step:,} tokens (≈ {steps[-1]['epoch']:.2f} epochs) |
| optimizer | AdamW, peak learning rate {t['learning_rate']}, β₂ {t['adam_beta2']}, weight decay {t['weight_decay']}, {t['warmup_steps']} warm-up steps, {t['schedule']} decay, gradient clipping {t['max_grad_norm']}, seed {t['seed']} |
| time | {steps[-1]['elapsed']:.0f} s of training on {device} (about an hour on 2 CPU cores) |
| **validation perplexity** | **{ppl:.2f}** (loss {lm['mean_token_nll']['value']:.4f} over {lm['scored_tokens']:,} held-out tokens; a uniform guess over the vocabulary scores {config['vocab_size']}) |

## Reproduce

`scripts/starter-model/pretrain` re-runs everything with one command (Debian 12; installs the corpus
packages, builds, and resumes if interrupted) and compares the new validation perplexity with this one;
`--install` replaces this folder. See docs/starter-model.md.

## Limitations

Trained on about five million tokens of 17th-century scripture, dictionary glosses and hacker slang: its
English is narrow and archaic in places, it will repeat itself when generating, and it carries the views
and stereotypes of its sources (gender roles in the King James text, for one). Use it as a starting point
for fine-tuning small classifiers and for learning the app, not to generate text for people to rely on.

## Licence notices

The training texts other than WordNet are in the public domain. WordNet's licence asks that this notice
appear on all copies:

WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. THIS SOFTWARE AND DATABASE IS
PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED. BY
WAY OF EXAMPLE, BUT NOT LIMITATION, PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES OF
MERCHANT-ABILITY OR FITNESS FOR ANY PARTICULAR PURPOSE OR THAT THE USE OF THE LICENSED SOFTWARE, DATABASE
OR DOCUMENTATION WILL NOT INFRINGE ANY THIRD PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR OTHER RIGHTS. The name
of Princeton University or Princeton may not be used in advertising or publicity pertaining to
distribution of the software and/or database. Title to copyright in this software, database and any
associated documentation shall at all times remain with Princeton University and LICENSEE agrees to
preserve same.
"""
open(os.path.join(model_dir, "README.md"), "w", encoding="utf-8").write(md)
print(f"validation perplexity {ppl:.2f}; model card written to {os.path.join(model_dir, 'README.md')}")

shipped_report = os.path.join(shipped, "pretraining-report.json")
if os.path.exists(shipped_report) and os.path.abspath(shipped) != os.path.abspath(model_dir):
    old = json.load(open(shipped_report))["language_model"]["corpus_perplexity"]["value"]
    diff = (ppl - old) / old
    print(f"shipped model: {old:.2f}; this run: {ppl:.2f} ({diff * 100:+.1f}%)")
    if abs(diff) > 0.05:
        print("NOT reproduced: more than 5% apart")
        sys.exit(1)
    print("reproduced within 5%")
