#!/usr/bin/env python3
"""What pretraining buys: the bundled demo job (resources/demo/job.json, WordNet definitions → 5 topics)
fine-tuned from the starter model vs the same architecture from random initialisation
(job-from-scratch.json): same steps, seed, data and settings. Prints macro-F1 and accuracy side by side.

Run by bench/run (FT_BENCH_BUILD_DIR/app/finetune) or alone: bench/starter_transfer.py [FINETUNE_BINARY]."""
import json
import os
import subprocess
import sys
import tempfile

repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
finetune = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.environ.get("FT_BENCH_BUILD_DIR", os.path.join(repo, "build")), "app", "finetune")
steps = json.load(open(os.path.join(repo, "resources", "demo", "job.json")))["training"]["max_steps"]
results = {}
with tempfile.TemporaryDirectory() as tmp:
    for name in ("job", "job-from-scratch"):
        run = os.path.join(tmp, name)
        subprocess.run([finetune, "train", os.path.join(repo, "resources", "demo", name + ".json"), "--run-dir", run],
                       check=True, stdout=subprocess.DEVNULL)
        overall = json.load(open(os.path.join(run, "eval", "report.json")))["overall"]
        results[name] = (overall["f1_macro"]["value"], overall["accuracy"]["value"])
(f1, acc), (f1_r, acc_r) = results["job"], results["job-from-scratch"]
print(f"BENCH\tdemo macro-F1 after {steps} steps, starter model\t{f1:.4f}\tF1\t{f1_r:.4f}\tsame steps from random init")
print(f"BENCH\tdemo accuracy after {steps} steps, starter model\t{acc:.4f}\tacc\t{acc_r:.4f}\tsame steps from random init")
