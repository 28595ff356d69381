#!/usr/bin/env python3
"""Reference BERT / DistilBERT sequence-classification forward in plain PyTorch (Debian's
python3-torch; run with /usr/bin/python3), written from transformers' modeling_bert.py and
modeling_distilbert.py formulas, for the C++ parity test.

usage: bert_reference.py MODEL_DIR IDS_FILE MASK_FILE B T OUT_FILE
Reads int64 ids / mask [B, T] (raw little-endian), writes float32 logits [B, num_labels] (raw).
model_type in config.json picks the family; weights come from model.safetensors (no safetensors package)."""
import json
import math
import struct
import sys

import numpy as np
import torch

from st_reader import read_safetensors
import torch.nn.functional as F




def linear(w, x, p):
    return x @ w[p + ".weight"].T + w[p + ".bias"]


def attention(w, x, keep, heads, q, k, v, o=None):
    """Bidirectional multi-head attention; keep: [B, 1, 1, T] bool."""
    B, T, C = x.shape
    D = C // heads
    split = lambda t: t.view(B, T, heads, D).transpose(1, 2)
    qh, kh, vh = split(linear(w, x, q)), split(linear(w, x, k)), split(linear(w, x, v))
    scores = (qh @ kh.transpose(-1, -2)) / math.sqrt(D)
    scores = scores.masked_fill(~keep, torch.finfo(torch.float32).min)
    y = (torch.softmax(scores, -1) @ vh).transpose(1, 2).reshape(B, T, C)
    return linear(w, y, o) if o else y


def gelu(x):
    return F.gelu(x)  # exact erf GELU, transformers' "gelu"


def bert(cfg, w, ids, keep):
    H, L, nh = cfg["hidden_size"], cfg["num_hidden_layers"], cfg["num_attention_heads"]
    eps = cfg.get("layer_norm_eps", 1e-12)
    ln = lambda x, p: F.layer_norm(x, (H,), w[p + ".weight"], w[p + ".bias"], eps)
    T = ids.shape[1]
    e = "bert.embeddings."
    x = w[e + "word_embeddings.weight"][ids] + w[e + "token_type_embeddings.weight"][0] + w[e + "position_embeddings.weight"][:T][None]
    x = ln(x, e + "LayerNorm")
    for i in range(L):
        p = f"bert.encoder.layer.{i}."
        a = attention(w, x, keep, nh, p + "attention.self.query", p + "attention.self.key", p + "attention.self.value")
        x = ln(linear(w, a, p + "attention.output.dense") + x, p + "attention.output.LayerNorm")
        h = gelu(linear(w, x, p + "intermediate.dense"))
        x = ln(linear(w, h, p + "output.dense") + x, p + "output.LayerNorm")
    pooled = torch.tanh(linear(w, x[:, 0], "bert.pooler.dense"))
    return linear(w, pooled, "classifier")


def distilbert(cfg, w, ids, keep):
    dim, L, nh = cfg.get("dim", 768), cfg.get("n_layers", 6), cfg.get("n_heads", 12)
    ln = lambda x, p: F.layer_norm(x, (dim,), w[p + ".weight"], w[p + ".bias"], 1e-12)
    T = ids.shape[1]
    e = "distilbert.embeddings."
    x = ln(w[e + "word_embeddings.weight"][ids] + w[e + "position_embeddings.weight"][:T][None], e + "LayerNorm")
    for i in range(L):
        p = f"distilbert.transformer.layer.{i}."
        a = attention(w, x, keep, nh, p + "attention.q_lin", p + "attention.k_lin", p + "attention.v_lin", p + "attention.out_lin")
        x = ln(a + x, p + "sa_layer_norm")
        h = linear(w, gelu(linear(w, x, p + "ffn.lin1")), p + "ffn.lin2")
        x = ln(h + x, p + "output_layer_norm")
    pooled = torch.relu(linear(w, x[:, 0], "pre_classifier"))
    return linear(w, pooled, "classifier")


def main():
    model_dir, ids_file, mask_file, B, T, out_file = sys.argv[1:]
    B, T = int(B), int(T)
    cfg = json.load(open(f"{model_dir}/config.json"))
    w = read_safetensors(f"{model_dir}/model.safetensors")
    ids = torch.from_numpy(np.fromfile(ids_file, dtype=np.int64).reshape(B, T))
    mask = torch.from_numpy(np.fromfile(mask_file, dtype=np.int64).reshape(B, T))
    keep = mask.bool()[:, None, None, :]
    family = bert if cfg["model_type"] == "bert" else distilbert
    logits = family(cfg, w, ids, keep)
    logits.detach().numpy().astype(np.float32).tofile(out_file)


if __name__ == "__main__":
    main()
