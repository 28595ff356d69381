#!/usr/bin/env python3
"""Reference T5 (T5ForConditionalGeneration) forward and backward in plain PyTorch (Debian's
python3-torch; run with /usr/bin/python3), written from transformers' modeling_t5.py formulas, for
the C++ parity test.

usage: t5_reference.py MODEL_DIR IDS_FILE MASK_FILE B S LABELS_FILE T OUT_FILE
Reads encoder ids / mask [B, S] and labels [B, T] (int64, -100 = ignored; raw little-endian). The
decoder input is the labels shifted right behind decoder_start_token_id. Writes float32 (raw): the
logits [B, T, V], the mean cross-entropy over labels != -100, then the gradients of shared.weight
and of both stacks' relative_attention_bias.weight, flattened."""
import json
import math
import sys

import numpy as np
import torch
import torch.nn.functional as F

from st_reader import read_safetensors


def rms_norm(x, weight, eps):
    variance = x.float().pow(2).mean(-1, keepdim=True)
    return weight * (x * torch.rsqrt(variance + eps))


def bucket(relative, bidirectional, num_buckets, max_distance):
    out = torch.zeros_like(relative)
    if bidirectional:
        num_buckets //= 2
        out = out + (relative > 0).long() * num_buckets
        relative = relative.abs()
    else:
        relative = -torch.min(relative, torch.zeros_like(relative))
    max_exact = num_buckets // 2
    large = max_exact + (torch.log(relative.float() / max_exact) / math.log(max_distance / max_exact)
                         * (num_buckets - max_exact)).long()
    large = torch.min(large, torch.full_like(large, num_buckets - 1))
    return out + torch.where(relative < max_exact, relative, large)


def activation(name, x):
    if name == "relu":
        return F.relu(x)
    if name in ("gelu_new", "gelu_pytorch_tanh"):
        return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x.pow(3))))
    if name == "gelu":
        return F.gelu(x)
    if name == "silu":
        return F.silu(x)
    raise SystemExit(f"activation {name}")


def main():
    model_dir, ids_file, mask_file, B, S, labels_file, T, out_file = sys.argv[1:]
    B, S, T = int(B), int(S), int(T)
    cfg = json.load(open(f"{model_dir}/config.json"))
    w = {k: v.requires_grad_() for k, v in read_safetensors(f"{model_dir}/model.safetensors").items()}
    D, H, dkv = cfg["d_model"], cfg["num_heads"], cfg["d_kv"]
    L, Ld = cfg["num_layers"], cfg.get("num_decoder_layers") or cfg["num_layers"]
    eps, nb, md = cfg["layer_norm_epsilon"], cfg["relative_attention_num_buckets"], cfg["relative_attention_max_distance"]
    proj = cfg["feed_forward_proj"]
    gated = proj.startswith("gated-")
    act = "gelu_new" if proj == "gated-gelu" else proj.split("-")[-1]
    tied = cfg.get("tie_word_embeddings", True)
    start, pad = cfg.get("decoder_start_token_id", 0), cfg.get("pad_token_id", 0)
    ids = torch.from_numpy(np.fromfile(ids_file, dtype=np.int64).reshape(B, S))
    mask = torch.from_numpy(np.fromfile(mask_file, dtype=np.int64).reshape(B, S))
    labels = torch.from_numpy(np.fromfile(labels_file, dtype=np.int64).reshape(B, T))
    dec_ids = torch.cat([torch.full((B, 1), start, dtype=torch.long), labels[:, :-1]], 1)
    dec_ids = dec_ids.masked_fill(dec_ids == -100, pad)
    neg = torch.finfo(torch.float32).min

    def attention(x, kv, p, bias):
        q = (x @ w[p + "q.weight"].T).view(B, -1, H, dkv).transpose(1, 2)
        k = (kv @ w[p + "k.weight"].T).view(B, -1, H, dkv).transpose(1, 2)
        v = (kv @ w[p + "v.weight"].T).view(B, -1, H, dkv).transpose(1, 2)
        scores = q @ k.transpose(-1, -2) + bias  # no 1/sqrt(d_kv) in T5
        y = (torch.softmax(scores.float(), -1) @ v).transpose(1, 2).reshape(B, -1, H * dkv)
        return y @ w[p + "o.weight"].T

    def feed_forward(x, p):
        if gated:
            h = activation(act, x @ w[p + "wi_0.weight"].T) * (x @ w[p + "wi_1.weight"].T)
        else:
            h = activation(act, x @ w[p + "wi.weight"].T)
        return h @ w[p + "wo.weight"].T

    def position_bias(p, q_len, k_len, bidirectional):
        rel = torch.arange(k_len)[None, :] - torch.arange(q_len)[:, None]
        return w[p][bucket(rel, bidirectional, nb, md)].permute(2, 0, 1)[None]  # [1, H, q, k]

    # Encoder.
    x = w["shared.weight"][ids]
    pad_bias = (1 - mask[:, None, None, :].float()) * neg
    enc_bias = position_bias("encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight", S, S, True) + pad_bias
    for l in range(L):
        p = f"encoder.block.{l}.layer."
        h = rms_norm(x, w[p + "0.layer_norm.weight"], eps)
        x = x + attention(h, h, p + "0.SelfAttention.", enc_bias)
        x = x + feed_forward(rms_norm(x, w[p + "1.layer_norm.weight"], eps), p + "1.DenseReluDense.")
    enc = rms_norm(x, w["encoder.final_layer_norm.weight"], eps)

    # Decoder: causal self-attention with its own bias, then attention over the encoder states.
    y = w["shared.weight"][dec_ids]
    causal = torch.tril(torch.ones(T, T, dtype=torch.bool))
    dec_bias = position_bias("decoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight", T, T, False)
    dec_bias = dec_bias + torch.zeros(T, T).masked_fill(~causal, neg)[None, None]
    for l in range(Ld):
        p = f"decoder.block.{l}.layer."
        h = rms_norm(y, w[p + "0.layer_norm.weight"], eps)
        y = y + attention(h, h, p + "0.SelfAttention.", dec_bias)
        y = y + attention(rms_norm(y, w[p + "1.layer_norm.weight"], eps), enc, p + "1.EncDecAttention.", pad_bias)
        y = y + feed_forward(rms_norm(y, w[p + "2.layer_norm.weight"], eps), p + "2.DenseReluDense.")
    y = rms_norm(y, w["decoder.final_layer_norm.weight"], eps)
    logits = (y * D ** -0.5) @ w["shared.weight"].T if tied else y @ w["lm_head.weight"].T
    loss = F.cross_entropy(logits.reshape(-1, logits.size(-1)), labels.reshape(-1), ignore_index=-100)
    loss.backward()
    grads = [w[n].grad.flatten() for n in ("shared.weight",
                                          "encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight",
                                          "decoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight")]
    out = torch.cat([logits.detach().flatten(), loss.detach().reshape(1)] + grads)
    out.numpy().astype(np.float32).tofile(out_file)


if __name__ == "__main__":
    main()
