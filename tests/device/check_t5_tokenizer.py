#!/usr/bin/env python3
"""T5's fast tokenizer (tokenizer.json with the Precompiled normalizer) against transformers.

usage: check_t5_tokenizer.py FINETUNE_CLI T5_FOLDER WORK_DIR [REPORT.json]

transformers converts the tiny T5's spiece.model into a fast tokenizer and saves it (tokenizer.json,
sentencepiece's compiled nmt_nfkc rules in it); spiece.model is then removed from that copy, so our
CLI must tokenize from tokenizer.json alone. Ids are compared on texts that the rules change."""
import json
import os
import shutil
import subprocess
import sys

from transformers import AutoTokenizer

cli, source, work = sys.argv[1:4]
report = sys.argv[4] if len(sys.argv) > 4 else None
folder = os.path.join(work, "t5-tokenizer-json")
shutil.rmtree(folder, ignore_errors=True)
tok = AutoTokenizer.from_pretrained(source)
tok.save_pretrained(folder)
for name in ("spiece.model", "tokenizer.model"):
    if os.path.exists(os.path.join(folder, name)):
        os.remove(os.path.join(folder, name))
spec = json.load(open(os.path.join(folder, "tokenizer.json")))
normalizer = json.dumps(spec.get("normalizer"))
print("normalizer types:", [t for t in ("Precompiled", "Replace", "Strip", "Sequence") if t in normalizer])

texts = [
    "plain text for the model",
    "\uff21\uff22\uff23 \uff11\uff12\uff13",          # full width
    "\ufb01nance \ufb02ow",                            # ligatures
    "\u2460 \u2461 x\u00b2 \u216b",                   # circled, superscript, roman numeral
    "cafe\u0301 cre\u0300me",                         # decomposed accents
    "x\u1d62\u0306y",                                 # the reference's shortest-rule quirk
    "\uff76\uff9e\uff77",                             # half-width kana: a 6-byte cluster, per character
    "no\u00a0break\u2003em  two  spaces ",
    "\u337f \u2122 \u2103 \u65e5\u672c\u8a9e",
    "emoji \U0001F642 \U0001F44D\U0001F3FD",
]
results = []
for text in texts:
    theirs = tok(text)["input_ids"]
    out = subprocess.run([cli, "tokenize", folder, "--text", text, "--json"], capture_output=True, text=True)
    ours = json.loads(out.stdout)["ids"] if out.returncode == 0 else None
    ok = ours == theirs
    results.append({"text": text, "ok": ok, "theirs": theirs, "ours": ours, "error": out.stderr[-300:] if out.returncode else ""})
    print(("ok  " if ok else "FAIL"), repr(text), "" if ok else f"transformers {theirs} ours {ours} {out.stderr[-200:]}")
passed = sum(r["ok"] for r in results)
print(f"{passed}/{len(results)} T5 tokenizer.json encodings equal (transformers {__import__('transformers').__version__})")
if report:
    json.dump(results, open(report, "w"), indent=2)
sys.exit(0 if passed == len(results) else 1)
