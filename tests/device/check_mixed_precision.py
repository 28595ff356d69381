"""Mixed precision and exact resume on the GPU, through the `finetune` CLI built there.

usage: check_mixed_precision.py FINETUNE_BINARY WORK_DIR OUT_JSON

1. The demo job (starter model, 150 steps) in fp32, bf16 and fp16: final metrics and tokens/s.
2. Throughput on a GPT-2-small shape (12 layers, hidden 768), causal LM, per precision.
3. Exact resume on CUDA: a bf16 run killed with SIGKILL after a checkpoint and resumed, against the
   same run uninterrupted (weights compared tensor by tensor).
"""
import json
import os
import signal
import subprocess
import sys
import time

import torch

try:
    from safetensors.torch import load_file
except ImportError:  # compare the files' bytes only
    load_file = None

finetune, work, out_json = sys.argv[1], sys.argv[2], sys.argv[3]
root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
demo_csv = os.path.join(root, "resources/demo/definitions.csv")
starter = os.path.join(root, "resources/models/starter-gpt2")
os.makedirs(work, exist_ok=True)
results = {"device": torch.cuda.get_device_name(0) if torch.cuda.is_available() else "none"}
quick = os.environ.get("FT_CHECK_QUICK") == "1"  # a smoke test on a CPU: few steps, no GPT-2-small shape


def write_job(name, precision, **overrides):
    job = json.load(open(os.path.join(root, "resources/demo/job.json")))
    job["name"] = name
    job["model"]["path"] = starter
    job["data"]["train"] = demo_csv
    job["training"].update({"device": "cuda", "precision": precision})
    job["output"] = {"run_dir": os.path.join(work, name)}
    for section, values in overrides.items():
        job.setdefault(section, {}).update(values)
    path = os.path.join(work, name + ".json")
    json.dump(job, open(path, "w"), indent=2)
    return path


def train(job_path, kill_at_checkpoint=None):
    """Runs `finetune train --json`; returns the events (and kills it after the given checkpoint)."""
    proc = subprocess.Popen([finetune, "train", job_path, "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    events = []
    for line in proc.stdout:
        try:
            e = json.loads(line)
        except json.JSONDecodeError:
            continue
        events.append(e)
        if kill_at_checkpoint and e["event"] == "checkpoint" and e["step"] >= kill_at_checkpoint:
            proc.send_signal(signal.SIGKILL)
            break
    proc.wait()
    err = proc.stderr.read()
    return events, proc.returncode, err


def summary(events, rc, err, skip_steps=5):
    steps = [e for e in events if e["event"] == "step"]
    rates = [e["tokens_per_second"] for e in steps[skip_steps:] if e["tokens_per_second"] > 0]
    finished = [e for e in events if e["event"] == "finished"]
    started = [e for e in events if e["event"] == "started"]
    warnings = [e["code"] + ": " + e["message"] for e in events if e["event"] == "warning"]
    s = {"exit": rc, "started": started[0]["message"] if started else None, "warnings": warnings,
         "tokens_per_second": sum(rates) / len(rates) if rates else None,
         "first_loss": steps[0]["loss"] if steps else None, "last_loss": steps[-1]["loss"] if steps else None}
    if finished:
        f = finished[0]
        s.update({"eval_loss": f["eval_loss"], "eval_accuracy": f["eval_accuracy"], "eval_f1_macro": f["eval_f1_macro"],
                  "eval_perplexity": f["eval_perplexity"]})
    if rc != 0:
        s["stderr"] = err[-2000:]
    return s


# 1. The demo job per precision.
results["demo"] = {}
for precision in ["fp32", "bf16", "fp16"]:
    t0 = time.time()
    ev, rc, err = train(write_job("demo-" + precision, precision, **({"training": {"max_steps": 6, "eval_every_steps": 3}} if quick else {})))
    results["demo"][precision] = summary(ev, rc, err)
    results["demo"][precision]["seconds"] = round(time.time() - t0, 1)
    print("demo", precision, json.dumps(results["demo"][precision]), flush=True)

json.dump(results, open(out_json, "w"), indent=2)
# 2. Throughput on a GPT-2-small shape.
small = os.path.join(work, "gpt2-small-shape")
subprocess.run([finetune, "make-tiny-model", "--arch", "gpt2", "--out", small, "--layers", "12", "--hidden", "768", "--heads", "12",
                "--positions", "256", "--vocab", "4096"], check=True, stdout=subprocess.DEVNULL)
results["gpt2_small_causal_lm"] = {}
for precision in ([] if quick else ["fp32", "bf16", "fp16"]):
    job = write_job("small-" + precision, precision,
                    data={"max_length": 128, "label_column": ""},
                    training={"max_steps": 40, "batch_size": 32, "eval_every_steps": 1000, "log_every_steps": 1, "learning_rate": 3e-4},
                    evaluation={"before_training": False, "counterfactual": False})
    j = json.load(open(job))
    j["task"] = "causal_lm"
    j["model"]["path"] = small
    j["data"]["group_columns"] = []
    j["data"].pop("label_column", None)
    json.dump(j, open(job, "w"), indent=2)
    ev, rc, err = train(job)
    results["gpt2_small_causal_lm"][precision] = summary(ev, rc, err, skip_steps=10)
    print("gpt2-small", precision, json.dumps(results["gpt2_small_causal_lm"][precision]), flush=True)

json.dump(results, open(out_json, "w"), indent=2)
# 3. Exact resume on CUDA (bf16, dropout on): SIGKILL after the step-20 checkpoint, then resume.
resume = {}
for precision in ["fp32", "bf16"]:
    over = {"training": {"max_steps": 40, "save_every_steps": 10, "eval_every_steps": 20}, "evaluation": {"counterfactual": False}}
    straight = write_job("resume-straight-" + precision, precision, **over)
    split = write_job("resume-split-" + precision, precision, **over)
    ev_a, rc_a, err_a = train(straight)
    ev_b, rc_b, _ = train(split, kill_at_checkpoint=20)
    ev_c, rc_c, err_c = train(split)
    started = [e["message"] for e in ev_c if e["event"] == "started"]
    r = {"straight_exit": rc_a, "killed_exit": rc_b, "resumed_exit": rc_c, "resumed": started[0] if started else None}
    fa = os.path.join(work, "resume-straight-" + precision, "checkpoints/step-0000040/model.safetensors")
    fb = os.path.join(work, "resume-split-" + precision, "checkpoints/step-0000040/model.safetensors")
    if os.path.exists(fa) and os.path.exists(fb):
        r["bit_identical_file"] = open(fa, "rb").read() == open(fb, "rb").read()
        if load_file:
            a, b = load_file(fa), load_file(fb)
            r["max_abs_diff"] = max((a[k].float() - b[k].float()).abs().max().item() for k in a)
            r["tensors_differing"] = sum(1 for k in a if not torch.equal(a[k], b[k]))
    else:
        r["error"] = (err_a + err_c)[-1500:]
    resume[precision] = r
    print("resume", precision, json.dumps(r), flush=True)
results["resume_after_sigkill"] = resume

json.dump(results, open(out_json, "w"), indent=2)
