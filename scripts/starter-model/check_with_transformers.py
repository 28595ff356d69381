#!/usr/bin/env python3
"""Loads the exported starter model with transformers and checks it against Finetune Studio's own
numbers: perplexity on the held-out corpus, packed exactly as `data.pack` packs it (each line's ids,
then <|endoftext|>, cut into 256-token blocks, the incomplete last block dropped), and greedy text.

usage: check_with_transformers.py MODEL_DIR VALIDATION_TXT REPORT_JSON OUT_JSON
(REPORT_JSON: the pretraining run's eval/report.json, whose validation loss this must reproduce.)"""
import json
import math
import sys

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

model_dir, validation, report_path, out_path = sys.argv[1:5]
tok = AutoTokenizer.from_pretrained(model_dir)
model = AutoModelForCausalLM.from_pretrained(model_dir, dtype=torch.float32).eval()
block = 256
stream = []
for line in open(validation, encoding="utf-8"):
    line = line.rstrip("\n")
    if line:
        stream += tok(line, add_special_tokens=False)["input_ids"] + [tok.eos_token_id]
blocks = [stream[i:i + block] for i in range(0, len(stream) - block + 1, block)]
nll, count = 0.0, 0
with torch.no_grad():
    for i in range(0, len(blocks), 32):
        ids = torch.tensor(blocks[i:i + 32])
        logits = model(ids).logits[:, :-1].float()
        nll += torch.nn.functional.cross_entropy(logits.reshape(-1, logits.size(-1)), ids[:, 1:].reshape(-1), reduction="sum").item()
        count += ids[:, 1:].numel()
loss = nll / count
ours = json.load(open(report_path))
our_loss = ours["language_model"]["mean_token_nll"]["value"]
our_tokens = ours["language_model"]["scored_tokens"]
prompt = "In the beginning"
gen = model.generate(**tok(prompt, return_tensors="pt"), max_new_tokens=24, do_sample=False)
result = {"transformers_loss": loss, "transformers_perplexity": math.exp(loss), "finetune_studio_loss": our_loss,
          "finetune_studio_tokens_scored": our_tokens, "loss_difference": loss - our_loss,
          "blocks": len(blocks), "tokens_scored": count, "uniform_perplexity": len(tok),
          "greedy": tok.decode(gen[0], skip_special_tokens=True)}
json.dump(result, open(out_path, "w"), indent=2)
print(json.dumps(result, indent=2))
