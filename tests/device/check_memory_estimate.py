"""`finetune estimate` against the GPU memory a run really takes (nvidia-smi's per-process figure,
sampled every 0.1 s: the CUDA context and the caching allocator's reserve included).

usage: check_memory_estimate.py FINETUNE_BINARY WORK_DIR OUT_JSON
"""
import json
import os
import subprocess
import sys
import threading
import time

finetune, work, out_json = sys.argv[1], sys.argv[2], sys.argv[3]
root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.makedirs(work, exist_ok=True)
model = os.path.join(work, "gpt2-small-shape")
if not os.path.exists(os.path.join(model, "config.json")):
    subprocess.run([finetune, "make-tiny-model", "--arch", "gpt2", "--out", model, "--layers", "12", "--hidden", "768", "--heads", "12",
                    "--positions", "256", "--vocab", "4096"], check=True, stdout=subprocess.DEVNULL)


def peak_during(cmd):
    """Peak GPU memory of the process while it trains (up to its last step event) and after (best
    model reloaded, final evaluation, reports)."""
    samples = []  # (time, bytes)
    proc = subprocess.Popen(cmd + ["--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def sample():
        while proc.poll() is None:
            out = subprocess.run(["nvidia-smi", "--query-compute-apps=pid,used_memory", "--format=csv,noheader,nounits"],
                                 capture_output=True, text=True).stdout
            for line in out.splitlines():
                parts = [p.strip() for p in line.split(",")]
                if len(parts) == 2 and parts[0] == str(proc.pid):
                    samples.append((time.time(), int(parts[1]) * 1024 * 1024))
            time.sleep(0.1)

    t = threading.Thread(target=sample)
    t.start()
    last_step = None
    for line in proc.stdout:
        if line.startswith('{"event":"step"'):
            last_step = time.time()
    proc.wait()
    t.join()
    during = max((m for ts, m in samples if last_step is None or ts <= last_step), default=0)
    after = max((m for ts, m in samples if last_step is not None and ts > last_step), default=0)
    return max(during, after), during, after, proc.returncode, proc.stderr.read()[-800:]


results = []
cases = [("causal_lm", "fp32", 32), ("causal_lm", "bf16", 32), ("causal_lm", "fp32", 8), ("sequence_classification", "fp32", 32)]
if os.environ.get("FT_MEMORY_CASES") == "classification":  # the open question of 2026-11-26
    cases = [("causal_lm", "fp32", 32), ("sequence_classification", "fp32", 32), ("sequence_classification", "fp32", 8)]
for task, precision, batch in cases:
    job = json.load(open(os.path.join(root, "resources/demo/job.json")))
    job["task"] = task
    job["model"]["path"] = model
    job["data"]["train"] = os.path.join(root, "resources/demo/definitions.csv")
    job["data"]["max_length"] = 128
    job["data"]["group_columns"] = []
    if task == "causal_lm":
        job["data"].pop("label_column", None)
    job["training"].update({"device": "cuda", "precision": precision, "batch_size": batch, "max_steps": 15,
                            "eval_every_steps": 1000})
    job["evaluation"] = {"before_training": False, "counterfactual": False}
    name = f"{task}-{precision}-b{batch}"
    job["output"] = {"run_dir": os.path.join(work, name)}
    path = os.path.join(work, name + ".json")
    json.dump(job, open(path, "w"), indent=2)
    est = json.loads(subprocess.run([finetune, "estimate", path, "--json"], capture_output=True, text=True).stdout)
    peak, during, after, rc, err = peak_during([finetune, "train", path])
    r = {"run": name, "estimate_mib": round(est["total"] / 2**20), "measured_peak_mib": round(peak / 2**20),
         "peak_while_training_mib": round(during / 2**20), "peak_after_training_mib": round(after / 2**20),
         "ratio": round(est["total"] / peak, 3) if peak else None, "exit": rc,
         "parts_mib": {k: round(est[k] / 2**20) for k in ["weights", "gradients", "optimizer", "activations", "cast_cache", "runtime"]}}
    if rc != 0:
        r["stderr"] = err
    results.append(r)
    print(json.dumps(r), flush=True)
json.dump(results, open(out_json, "w"), indent=2)
