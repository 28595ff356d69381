#!/usr/bin/env python3
"""Reference for bench/train_throughput.cpp: the same training step in a plain PyTorch Python loop
(Debian's python3-torch, run with /usr/bin/python3): the model built from the same config.json (sizes,
vocabulary, dropout), batch 8, sequence 64, one thread, AdamW, gradient clipping to norm 1.0. Random
weights: throughput does not depend on them.

usage: train_throughput_reference.py [--forward] NAME=MODEL_DIR:STEPS ...
Prints "REF<TAB>NAME<TAB>tokens/s" per model. --forward: the forward pass and loss only (eval mode,
no gradients), as an inference benchmark. bench/run does not run it on its own: the C++ bench
does, for its reference column."""
import json
import math
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

BATCH, SEQ, WARMUP = 8, 64, 3


class Attention(nn.Module):
    # GPT-2 projects q, k, v with one fused layer (c_attn); BERT has three (query, key, value), as
    # transformers' modules do, so each reference does the same matrix products as the model it stands for.
    def __init__(self, hidden, heads, causal, attn_drop, resid_drop, fused=True):
        super().__init__()
        self.heads, self.causal, self.fused = heads, causal, fused
        if fused:
            self.qkv = nn.Linear(hidden, 3 * hidden)
        else:
            self.q, self.k, self.v = nn.Linear(hidden, hidden), nn.Linear(hidden, hidden), nn.Linear(hidden, hidden)
        self.proj = nn.Linear(hidden, hidden)
        self.attn_drop, self.resid_drop = nn.Dropout(attn_drop), nn.Dropout(resid_drop)

    def forward(self, x, additive_mask=None):  # x: [B, T, C]; additive_mask: [B, 1, 1, T] (BERT's padding mask)
        B, T, C = x.shape
        q, k, v = self.qkv(x).split(C, dim=2) if self.fused else (self.q(x), self.k(x), self.v(x))
        q, k, v = (t.view(B, T, self.heads, C // self.heads).transpose(1, 2) for t in (q, k, v))
        att = (q @ k.transpose(-1, -2)) / math.sqrt(C // self.heads)  # [B, H, T, T]
        if additive_mask is not None:
            att = att + additive_mask
        if self.causal:
            att = att.masked_fill(~torch.tril(torch.ones(T, T, dtype=torch.bool)), torch.finfo(att.dtype).min)
        y = self.attn_drop(torch.softmax(att, -1)) @ v
        return self.resid_drop(self.proj(y.transpose(1, 2).reshape(B, T, C)))


class Gpt2Block(nn.Module):  # pre-norm; GELU (tanh) MLP
    def __init__(self, c):
        super().__init__()
        C, inner = c["n_embd"], c.get("n_inner") or 4 * c["n_embd"]
        eps = c.get("layer_norm_epsilon", 1e-5)
        self.ln_1, self.ln_2 = nn.LayerNorm(C, eps=eps), nn.LayerNorm(C, eps=eps)
        self.attn = Attention(C, c["n_head"], True, c.get("attn_pdrop", 0.1), c.get("resid_pdrop", 0.1))
        self.fc, self.out = nn.Linear(C, inner), nn.Linear(inner, C)
        self.drop = nn.Dropout(c.get("resid_pdrop", 0.1))

    def forward(self, x):
        x = x + self.attn(self.ln_1(x))
        return x + self.drop(self.out(F.gelu(self.fc(self.ln_2(x)), approximate="tanh")))


class Gpt2LM(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.vocab = c["vocab_size"]
        self.wte, self.wpe = nn.Embedding(self.vocab, c["n_embd"]), nn.Embedding(c["n_positions"], c["n_embd"])
        self.drop = nn.Dropout(c.get("embd_pdrop", 0.1))
        self.h = nn.ModuleList(Gpt2Block(c) for _ in range(c["n_layer"]))
        self.ln_f = nn.LayerNorm(c["n_embd"], eps=c.get("layer_norm_epsilon", 1e-5))

    def loss(self, ids, labels):
        x = self.drop(self.wte(ids) + self.wpe(torch.arange(ids.shape[1]))[None])
        for block in self.h:
            x = block(x)
        logits = self.ln_f(x) @ self.wte.weight.T  # tied head: [B, T, V]
        return F.cross_entropy(logits[:, :-1].reshape(-1, self.vocab), ids[:, 1:].reshape(-1))


class BertLayer(nn.Module):  # post-norm; GELU (erf) MLP
    def __init__(self, c):
        super().__init__()
        C, p, eps = c["hidden_size"], c.get("hidden_dropout_prob", 0.1), c.get("layer_norm_eps", 1e-12)
        self.attn = Attention(C, c["num_attention_heads"], False, c.get("attention_probs_dropout_prob", 0.1), p, fused=False)
        self.ln_1, self.ln_2 = nn.LayerNorm(C, eps=eps), nn.LayerNorm(C, eps=eps)
        self.fc, self.out = nn.Linear(C, c["intermediate_size"]), nn.Linear(c["intermediate_size"], C)
        self.drop = nn.Dropout(p)

    def forward(self, x, additive_mask):
        x = self.ln_1(x + self.attn(x, additive_mask))
        return self.ln_2(x + self.drop(self.out(F.gelu(self.fc(x)))))


class BertClassifier(nn.Module):
    def __init__(self, c, labels=2):
        super().__init__()
        C, p = c["hidden_size"], c.get("hidden_dropout_prob", 0.1)
        self.vocab = c["vocab_size"]
        self.word, self.pos = nn.Embedding(self.vocab, C), nn.Embedding(c["max_position_embeddings"], C)
        self.token_type = nn.Embedding(c.get("type_vocab_size", 2), C)
        self.ln, self.drop = nn.LayerNorm(C, eps=c.get("layer_norm_eps", 1e-12)), nn.Dropout(p)
        self.layers = nn.ModuleList(BertLayer(c) for _ in range(c["num_hidden_layers"]))
        p_cls = c.get("classifier_dropout")
        self.pooler, self.cls_drop, self.classifier = nn.Linear(C, C), nn.Dropout(p if p_cls is None else p_cls), nn.Linear(C, labels)

    def loss(self, ids, labels):
        T = ids.shape[1]
        x = self.drop(self.ln(self.word(ids) + self.pos(torch.arange(T))[None] + self.token_type(torch.zeros_like(ids))))
        # Every token is real here (no padding), but the mask is built and added as BertModel does.
        keep = torch.ones_like(ids, dtype=x.dtype)
        additive_mask = ((1.0 - keep) * torch.finfo(x.dtype).min)[:, None, None, :]
        for layer in self.layers:
            x = layer(x, additive_mask)
        return F.cross_entropy(self.classifier(self.cls_drop(torch.tanh(self.pooler(x[:, 0])))), labels)


def tokens_per_second(model, steps):
    model.train()
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4, weight_decay=0.0)
    g = torch.Generator().manual_seed(0)
    start = None
    for step in range(WARMUP + steps):
        if step == WARMUP:
            start = time.perf_counter()
        ids = torch.randint(0, model.vocab, (BATCH, SEQ), generator=g)
        labels = torch.randint(0, 2, (BATCH,), generator=g)
        optimizer.zero_grad()
        model.loss(ids, labels).backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
    return steps * BATCH * SEQ / (time.perf_counter() - start)


def forward_tokens_per_second(model, steps):
    model.eval()
    g = torch.Generator().manual_seed(0)
    start = None
    with torch.no_grad():
        for step in range(WARMUP + steps):
            if step == WARMUP:
                start = time.perf_counter()
            ids = torch.randint(0, model.vocab, (BATCH, SEQ), generator=g)
            labels = torch.randint(0, 2, (BATCH,), generator=g)
            model.loss(ids, labels)
    return steps * BATCH * SEQ / (time.perf_counter() - start)


def main():
    torch.set_num_threads(1)
    torch.manual_seed(0)
    forward = "--forward" in sys.argv[1:]
    for arg in sys.argv[1:]:
        if arg == "--forward":
            continue
        name, rest = arg.split("=", 1)
        folder, steps = rest.rsplit(":", 1)
        config = json.load(open(f"{folder}/config.json"))
        model = Gpt2LM(config) if config["model_type"] == "gpt2" else BertClassifier(config)
        rate = forward_tokens_per_second(model, int(steps)) if forward else tokens_per_second(model, int(steps))
        print(f"REF\t{name}\t{rate:.1f}", flush=True)


if __name__ == "__main__":
    main()
