#!/usr/bin/env python3
"""Compares Finetune Studio's outputs (from make_parity_artifacts) with transformers and PEFT.

Usage: check_transformers.py ARTIFACTS_DIR [REPORT_JSON]
For every case: transformers' logits for the exported base model (CPU and, when present, CUDA),
PEFT's logits for our adapter, transformers' logits for our merged export, PEFT's merge_and_unload
weights against ours, and the tokenizer's ids. Prints one line per check; exit status 1 on a failure.
"""
import json
import sys

import torch
from safetensors.torch import load_file
from transformers import AutoModelForCausalLM, AutoModelForSeq2SeqLM, AutoModelForSequenceClassification, AutoTokenizer

TOL = 1e-4
root = sys.argv[1]
report_path = sys.argv[2] if len(sys.argv) > 2 else None
cases = json.load(open(f"{root}/manifest.json"))
results = []


def record(case, check, diff, ok=None, note=""):
    ok = (diff <= TOL) if ok is None else ok
    results.append({"case": case, "check": check, "max_abs_diff": diff, "ok": bool(ok), "note": note})
    print(f"{'OK  ' if ok else 'FAIL'} {case:22s} {check:28s} {diff:.3e} {note}", flush=True)


def compare(case, check, theirs, ours, mask, causal):
    theirs = theirs.detach().float().cpu()
    if causal is not False:  # padded positions (ignored labels for seq2seq: `causal` is then their mask) are not meaningful
        keep = mask.bool()
        theirs, ours = theirs[keep], ours[keep]
    record(case, check, (theirs - ours).abs().max().item())


devices = ["cpu"] + (["cuda"] if torch.cuda.is_available() else [])
try:
    import peft
    from peft import PeftModel
except Exception as e:  # noqa: BLE001
    peft = None
    print("PEFT unavailable:", e)

for c in cases:
    name, causal, seq2seq = c["name"], c["head"] == "causal_lm", c["head"] == "seq2seq_lm"
    d = f"{root}/{name}"
    ours = load_file(f"{d}/ours.safetensors")
    ids, mask = ours["input_ids"], ours["attention_mask"]
    cls = AutoModelForCausalLM if causal else AutoModelForSeq2SeqLM if seq2seq else AutoModelForSequenceClassification
    labels = ours["labels"]
    kept = labels.ne(-100) if seq2seq else causal  # the positions compared: a mask, or True (causal) / False (classifier)
    if seq2seq:
        mask_for = labels.ne(-100).long()

    def run(m, dev="cpu"):
        kwargs = {"input_ids": ids.to(dev), "attention_mask": mask.to(dev)}
        if seq2seq:  # transformers shifts the labels right itself (-100 → pad) and returns the loss
            kwargs["labels"] = labels.to(dev)
        with torch.no_grad():
            return m(**kwargs)

    def load(folder):
        m = cls.from_pretrained(folder, torch_dtype=torch.float32, attn_implementation="eager")
        return m.eval()

    try:
        base = load(f"{d}/base")
        for dev in devices:
            m = base.to(dev)
            result = run(m, dev)
            compare(name, f"base logits ({dev})", result.logits, ours["logits"], mask_for if seq2seq else mask, kept)
            if seq2seq:
                record(name, f"seq2seq loss ({dev})", abs(result.loss.item() - ours["loss"].item()))
        base = base.to("cpu")
        merged = load(f"{d}/merged")
        out = run(merged).logits
        compare(name, "merged export logits", out, ours["lora_logits"], mask_for if seq2seq else mask, kept)
        if peft is not None:
            pm = PeftModel.from_pretrained(load(f"{d}/base"), f"{d}/adapter").eval()
            out = run(pm).logits
            compare(name, "PEFT adapter logits", out, ours["lora_logits"], mask_for if seq2seq else mask, kept)
            unloaded = pm.merge_and_unload().state_dict()
            mine = load_file(f"{d}/merged/model.safetensors")
            worst, missing = 0.0, []
            for k, v in mine.items():
                if k not in unloaded:
                    missing.append(k)
                    continue
                worst = max(worst, (unloaded[k].float() - v.float()).abs().max().item())
            record(name, "PEFT merge_and_unload weights", worst, ok=worst <= TOL and not missing,
                   note=f"missing {missing[:3]}" if missing else "")
    except Exception as e:  # noqa: BLE001
        record(name, "load/run", float("inf"), ok=False, note=repr(e)[:300])

    try:
        tok = AutoTokenizer.from_pretrained(f"{d}/base")
        bad = [e["text"] for e in c["encodings"] if tok(e["text"])["input_ids"] != e["ids"]]
        record(name, "tokenizer ids", 0.0 if not bad else 1.0, ok=not bad, note=f"differs on {bad!r}" if bad else "")
    except Exception as e:  # noqa: BLE001
        record(name, "tokenizer", float("inf"), ok=False, note=repr(e)[:300])

failed = [r for r in results if not r["ok"]]
print(f"{len(results) - len(failed)}/{len(results)} checks passed "
      f"(torch {torch.__version__}, transformers {__import__('transformers').__version__}, "
      f"peft {getattr(peft, '__version__', 'n/a')})")
if report_path:
    json.dump(results, open(report_path, "w"), indent=2)
sys.exit(1 if failed else 0)
