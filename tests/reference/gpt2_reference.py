#!/usr/bin/env python3
"""Reference GPT-2 forward pass in plain PyTorch (Debian's python3-torch; run with /usr/bin/python3),
written from transformers' modeling_gpt2.py formulas, for the C++ parity test.

usage: gpt2_reference.py MODEL_DIR IDS_FILE MASK_FILE B T HEAD NUM_LABELS PAD_ID OUT_FILE
Reads int64 ids / mask [B, T] (raw little-endian), writes float32 logits (raw) to OUT_FILE.
HEAD is "lm" or "cls". Weights are read from model.safetensors without the safetensors package."""
import json
import math
import struct
import sys

import numpy as np
import torch

from st_reader import read_safetensors




def main():
    model_dir, ids_file, mask_file, B, T, head, num_labels, pad_id, out_file = sys.argv[1:]
    B, T, num_labels, pad_id = int(B), int(T), int(num_labels), int(pad_id)
    cfg = json.load(open(f"{model_dir}/config.json"))
    w = read_safetensors(f"{model_dir}/model.safetensors")
    w = {k[len("transformer."):] if k.startswith("transformer.") else k: v for k, v in w.items()}
    C, H, L = cfg["n_embd"], cfg["n_head"], cfg["n_layer"]
    eps = cfg.get("layer_norm_epsilon", 1e-5)
    ids = torch.from_numpy(np.fromfile(ids_file, dtype=np.int64).reshape(B, T))
    mask = torch.from_numpy(np.fromfile(mask_file, dtype=np.int64).reshape(B, T))

    def ln(x, p):
        return torch.nn.functional.layer_norm(x, (C,), w[p + ".weight"], w[p + ".bias"], eps)

    def conv1d(x, p):  # transformers' Conv1D: weight [in, out]
        return x @ w[p + ".weight"] + w[p + ".bias"]

    x = w["wte.weight"][ids] + w["wpe.weight"][torch.arange(T)][None]
    minval = torch.finfo(torch.float32).min
    causal = torch.tril(torch.ones(T, T, dtype=torch.bool))
    keep = causal[None, None] & mask.bool()[:, None, None, :]
    for i in range(L):
        p = f"h.{i}"
        h = ln(x, p + ".ln_1")
        q, k, v = conv1d(h, p + ".attn.c_attn").split(C, dim=2)
        q, k, v = (t.view(B, T, H, C // H).transpose(1, 2) for t in (q, k, v))
        att = (q @ k.transpose(-1, -2)) / math.sqrt(C // H)
        att = torch.where(keep, att, torch.tensor(minval))
        y = torch.softmax(att, -1) @ v
        y = y.transpose(1, 2).reshape(B, T, C)
        x = x + conv1d(y, p + ".attn.c_proj")
        h = ln(x, p + ".ln_2")
        h = torch.nn.functional.gelu(conv1d(h, p + ".mlp.c_fc"), approximate="tanh")
        x = x + conv1d(h, p + ".mlp.c_proj")
    x = ln(x, "ln_f")
    if head == "lm":
        logits = x @ w["wte.weight"].T
    else:
        # rightmost non-pad token, as transformers' sequence-classification heads do
        non_pad = (ids != pad_id).long()
        last = (torch.arange(T)[None] * non_pad).argmax(-1)
        logits = x[torch.arange(B), last] @ w["score.weight"].T
    logits.detach().numpy().astype(np.float32).tofile(out_file)


if __name__ == "__main__":
    main()
