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
    peak = [0]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

    def sample():
        while proc.poll() is None:
            out = subprocess.run(["nvidia-smi", "--query-compute-apps=pid,used_memory", "--format=csv,noheader,nounits"],
                                 capture_output=True, text=True).stdout
            for line in out.splitlines():
                parts = [p.strip() for p in line.split(",")]
                if len(parts) == 2 and parts[0] == str(proc.pid):
                    peak[0] = max(peak[0], int(parts[1]))
            time.sleep(0.1)

    t = threading.Thread(target=sample)
    t.start()
    proc.wait()
    t.join()
    return peak[0] * 1024 * 1024, proc.returncode, proc.stderr.read()[-800:]


results = []
for task, precision, batch in [("causal_lm", "fp32", 32), ("causal_lm", "bf16", 32), ("causal_lm", "fp32", 8),
                               ("sequence_classification", "fp32", 32)]:
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
    peak, rc, err = peak_during([finetune, "train", path])
    r = {"run": name, "estimate_mib": round(est["total"] / 2**20), "measured_peak_mib": round(peak / 2**20),
         "ratio": round(est["total"] / peak, 3) if peak else None, "exit": rc,
         "parts_mib": {k: round(est[k] / 2**20) for k in ["weights", "gradients", "optimizer", "activations", "cast_cache", "runtime"]}}
    if rc != 0:
        r["stderr"] = err
    results.append(r)
    print(json.dumps(r), flush=True)
json.dump(results, open(out_json, "w"), indent=2)
