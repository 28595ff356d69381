#!/usr/bin/env python3
"""Reference Llama-family forward (Llama, Mistral, Qwen2) in plain PyTorch (Debian's python3-torch;
run with /usr/bin/python3), written from transformers' modeling_llama.py formulas, for the C++
parity test.

usage: llama_reference.py MODEL_DIR IDS_FILE MASK_FILE B T HEAD NUM_LABELS PAD_ID OUT_FILE
Reads int64 ids / mask [B, T] (raw little-endian), writes float32 logits (raw) to OUT_FILE.
HEAD is "lm" or "cls". Weights are read from model.safetensors without the safetensors package."""
import json
import math
import struct
import sys

import numpy as np
import torch

from st_reader import read_safetensors
import torch.nn.functional as F




def rms_norm(x, weight, eps):
    h = x.float()
    h = h * torch.rsqrt(h.pow(2).mean(-1, keepdim=True) + eps)
    return weight * h.to(x.dtype)


def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat((-x[..., half:], x[..., :half]), dim=-1)


def main():
    model_dir, ids_file, mask_file, B, T, head, num_labels, pad_id, out_file = sys.argv[1:]
    B, T, num_labels, pad_id = int(B), int(T), int(num_labels), int(pad_id)
    cfg = json.load(open(f"{model_dir}/config.json"))
    w = read_safetensors(f"{model_dir}/model.safetensors")
    H, L, nh = cfg["hidden_size"], cfg["num_hidden_layers"], cfg["num_attention_heads"]
    nkv = cfg.get("num_key_value_heads") or nh
    D = cfg.get("head_dim") or H // nh
    eps = cfg.get("rms_norm_eps", 1e-6)
    theta = cfg.get("rope_theta", 10000.0)
    scaling = cfg.get("rope_scaling") or {}
    factor = scaling.get("factor", 1.0) if scaling.get("rope_type", scaling.get("type")) == "linear" else 1.0
    window = cfg.get("sliding_window") if cfg["model_type"] == "mistral" else None
    qkv_bias = cfg["model_type"] == "qwen2" or cfg.get("attention_bias", False)
    ids = torch.from_numpy(np.fromfile(ids_file, dtype=np.int64).reshape(B, T))
    mask = torch.from_numpy(np.fromfile(mask_file, dtype=np.int64).reshape(B, T))

    # LlamaRotaryEmbedding (default / linear): positions 0..T-1, cos/sin of concat(freqs, freqs).
    inv_freq = 1.0 / (theta ** (torch.arange(0, D, 2, dtype=torch.int64).float() / D)) / factor
    freqs = torch.arange(T).float()[:, None] * inv_freq[None]
    emb = torch.cat((freqs, freqs), dim=-1)
    cos, sin = emb.cos(), emb.sin()

    i = torch.arange(T)
    allowed = i[None, :] <= i[:, None]
    if window is not None:
        allowed = allowed & (i[:, None] - i[None, :] < window)
    keep = allowed[None, None] & mask.bool()[:, None, None, :]

    def lin(x, p, bias=False):
        y = x @ w[p + ".weight"].T
        return y + w[p + ".bias"] if bias else y

    x = w["model.embed_tokens.weight"][ids]
    for l in range(L):
        p = f"model.layers.{l}."
        h = rms_norm(x, w[p + "input_layernorm.weight"], eps)
        q = lin(h, p + "self_attn.q_proj", qkv_bias).view(B, T, nh, D).transpose(1, 2)
        k = lin(h, p + "self_attn.k_proj", qkv_bias).view(B, T, nkv, D).transpose(1, 2)
        v = lin(h, p + "self_attn.v_proj", qkv_bias).view(B, T, nkv, D).transpose(1, 2)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        # repeat_kv: [B, nkv, T, D] -> [B, nkv, rep, T, D] -> [B, nh, T, D]
        rep = nh // nkv
        k = k[:, :, None].expand(B, nkv, rep, T, D).reshape(B, nh, T, D)
        v = v[:, :, None].expand(B, nkv, rep, T, D).reshape(B, nh, T, D)
        scores = (q @ k.transpose(-1, -2)) / math.sqrt(D)
        scores = scores.masked_fill(~keep, torch.finfo(torch.float32).min)
        y = (torch.softmax(scores.float(), -1) @ v).transpose(1, 2).reshape(B, T, nh * D)
        x = x + lin(y, p + "self_attn.o_proj")
        h = rms_norm(x, w[p + "post_attention_layernorm.weight"], eps)
        x = x + lin(F.silu(lin(h, p + "mlp.gate_proj")) * lin(h, p + "mlp.up_proj"), p + "mlp.down_proj")
    x = rms_norm(x, w["model.norm.weight"], eps)
    if head == "lm":
        logits = x @ w.get("lm_head.weight", w["model.embed_tokens.weight"]).T
    else:
        non_pad = (ids != pad_id).long()
        last = (torch.arange(T)[None] * non_pad).argmax(-1)
        logits = x[torch.arange(B), last] @ w["score.weight"].T
    logits.detach().numpy().astype(np.float32).tofile(out_file)


if __name__ == "__main__":
    main()
