"""Greedy generation (token ids and decoded text) (KV cache, RoPE scaling types) against transformers' generate().

usage: check_generation.py FINETUNE_BINARY WORK_DIR OUT_JSON

For tiny GPT-2, Llama and Qwen2 models made by `finetune make-tiny-model` (Llama also with linear,
llama3 and yarn rope_scaling written into config.json), `finetune generate --temperature 0` and
transformers' greedy generate() continue the same prompts; the continuations must be equal. Tiny T5
models (original layout, and v1.1's gated GELU with an untied head saved by transformers itself)
generate from the same encoder ids; the new token ids must be equal.
"""
import json
import shutil
import os
import subprocess
import sys

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

finetune, work, out_json = sys.argv[1], sys.argv[2], sys.argv[3]
os.makedirs(work, exist_ok=True)
prompts = ["The cat sat on the", "In the beginning", "a small dog that"]
NEW = 24

ropes = {
    "linear": {"rope_type": "linear", "factor": 2.0},
    "llama3": {"rope_type": "llama3", "factor": 8.0, "low_freq_factor": 1.0, "high_freq_factor": 4.0,
               "original_max_position_embeddings": 32},
    "yarn": {"rope_type": "yarn", "factor": 4.0, "original_max_position_embeddings": 32},
}
cases = [("gpt2", None), ("llama", None), ("qwen2", None)] + [("llama", name) for name in ropes] + [("llama", "llama3-v5")]
results = {"cases": [], "passed": 0, "failed": 0}
for arch, rope in cases:
    name = arch + ("-" + rope if rope else "")
    folder = os.path.join(work, name)
    subprocess.run([finetune, "make-tiny-model", "--arch", arch, "--out", folder, "--positions", "128", "--seed", "7"],
                   check=True, stdout=subprocess.DEVNULL)
    if rope:
        cfg = json.load(open(os.path.join(folder, "config.json")))
        if rope.endswith("-v5"):  # transformers v5's layout: rope_parameters only, rope_theta inside
            cfg.pop("rope_scaling", None)
            cfg.pop("rope_theta", None)
            cfg["rope_parameters"] = dict(ropes[rope[:-3]], rope_theta=10000.0)
        else:  # v4's layout (most checkpoints on the Hub): rope_scaling beside rope_theta
            cfg.pop("rope_parameters", None)
            cfg["rope_scaling"] = ropes[rope]
        json.dump(cfg, open(os.path.join(folder, "config.json"), "w"), indent=2)
    tok = AutoTokenizer.from_pretrained(folder)
    model = AutoModelForCausalLM.from_pretrained(folder, torch_dtype=torch.float32).eval()
    for prompt in prompts:
        ours = subprocess.run([finetune, "generate", folder, "--prompt", prompt, "--max-new-tokens", str(NEW), "--temperature", "0", "--json"],
                              capture_output=True, text=True)
        our_text, our_ids = None, None
        for line in ours.stdout.splitlines():
            j = json.loads(line)
            if j.get("done"):
                our_text, our_ids = j["text"], j.get("token_ids")
        enc = tok(prompt, return_tensors="pt")
        with torch.no_grad():
            out = model.generate(**enc, max_new_tokens=NEW, do_sample=False, num_beams=1,
                                 pad_token_id=tok.pad_token_id if tok.pad_token_id is not None else tok.eos_token_id)
        their_ids = out[0, enc["input_ids"].shape[1]:].tolist()
        text_ids = their_ids
        if tok.eos_token_id is not None and tok.eos_token_id in their_ids:
            their_ids = their_ids[: their_ids.index(tok.eos_token_id) + 1]  # ours stop at EOS too, keeping it
            text_ids = their_ids[:-1]
        their_text = tok.decode(text_ids, skip_special_tokens=True)  # as the Playground and `finetune generate` show it
        ok = our_text == their_text and our_ids == their_ids
        results["passed" if ok else "failed"] += 1
        case = {"case": name, "prompt": prompt, "equal": ok}
        if not ok:
            case.update({"ours": our_text, "transformers": their_text, "our_ids": our_ids, "their_ids": their_ids,
                         "stderr": ours.stderr[-500:]})
        results["cases"].append(case)
        print(("OK  " if ok else "FAIL"), name, repr(prompt), "" if ok else repr(our_text) + " vs " + repr(their_text), flush=True)

# T5 (encoder-decoder): the same encoder ids (ours, from `finetune tokenize`, so transformers' T5
# tokenizer conversion is not needed), greedy decoding from decoder_start_token_id; new ids compared.
from transformers import AutoModelForSeq2SeqLM
for variant in ("t5", "t5-v11"):
    folder = os.path.join(work, variant)
    made_here = os.path.join(os.path.dirname(__file__), "..", "..", ".devcheck", "t5")  # by `device-check prepare`
    if os.path.isdir(made_here):
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(made_here, folder)
    else:
        subprocess.run([finetune, "make-tiny-model", "--arch", "t5", "--out", folder, "--seed", "7"], check=True, stdout=subprocess.DEVNULL)
    if variant == "t5-v11":  # gated GELU, untied head, one decoder block fewer (transformers v5
        # sizes its decoder cache by num_layers, so a deeper decoder fails there): fresh weights from transformers
        cfg = json.load(open(os.path.join(folder, "config.json")))
        cfg.update({"feed_forward_proj": "gated-gelu", "tie_word_embeddings": False, "num_decoder_layers": 1})
        json.dump(cfg, open(os.path.join(folder, "config.json"), "w"), indent=2)
        from transformers import T5Config, T5ForConditionalGeneration
        torch.manual_seed(3)
        T5ForConditionalGeneration(T5Config.from_pretrained(folder)).save_pretrained(folder)
    model = AutoModelForSeq2SeqLM.from_pretrained(folder, torch_dtype=torch.float32).eval()
    for prompt in prompts:
        ids = json.loads(subprocess.run([finetune, "tokenize", folder, "--text", prompt, "--json"], capture_output=True, text=True,
                                        check=True).stdout.splitlines()[0])["ids"]
        ours = subprocess.run([finetune, "generate", folder, "--prompt", prompt, "--max-new-tokens", str(NEW), "--temperature", "0", "--json"],
                              capture_output=True, text=True)
        our_ids = next((json.loads(l).get("token_ids") for l in ours.stdout.splitlines() if json.loads(l).get("done")), None)
        with torch.no_grad():
            out = model.generate(input_ids=torch.tensor([ids]), max_new_tokens=NEW, do_sample=False, num_beams=1)
        their_ids = out[0, 1:].tolist()  # after decoder_start_token_id
        if model.config.eos_token_id in their_ids:
            their_ids = their_ids[: their_ids.index(model.config.eos_token_id) + 1]
        ok = our_ids == their_ids
        results["passed" if ok else "failed"] += 1
        case = {"case": variant, "prompt": prompt, "equal": ok}
        if not ok:
            case.update({"our_ids": our_ids, "their_ids": their_ids, "stderr": ours.stderr[-500:]})
        results["cases"].append(case)
        print(("OK  " if ok else "FAIL"), variant, repr(prompt), "" if ok else repr(our_ids) + " vs " + repr(their_ids), flush=True)

json.dump(results, open(out_json, "w"), indent=2)
print("generation parity:", results["passed"], "equal,", results["failed"], "different")
sys.exit(1 if results["failed"] else 0)
