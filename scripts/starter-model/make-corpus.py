#!/usr/bin/env python3
"""Builds the starter model's pretraining corpus and the demo classification dataset from openly
licensed English text that Debian packages ship (licences: docs/starter-model.md):

  bible-kjv (+ bible-kjv-text)  King James Version, public domain        one line per chapter
  wordnet-base                  WordNet 3.0 glosses, WordNet 3.0 licence  one line per synset
  dict-jargon                   Jargon File 4.4.7, public domain          one line per paragraph
  dict-devil                    The Devil's Dictionary, public domain     one line per paragraph

Writes OUT/corpus-train.txt and OUT/corpus-validation.txt (every 50th document, seeded order) and
OUT/definitions.csv: WordNet noun definitions labelled with their lexicographer category (animal,
plant, food, artifact, person) and a `gender_mentioned` column (female / male / none, from the words
of the definition) for the fairness view. The definitions in definitions.csv are left out of the
corpus, so the demo classifies text the starter model never saw. Deterministic: same packages, same
files.

usage: make-corpus.py OUT_DIR [--definitions-per-class N]
"""
import csv
import gzip
import os
import random
import re
import subprocess
import sys

CATEGORIES = {"05": "animal", "20": "plant", "13": "food", "06": "artifact", "18": "person"}
FEMALE = {"woman", "women", "female", "females", "girl", "girls", "she", "her", "hers", "herself", "mother", "mothers",
          "wife", "wives", "daughter", "daughters", "sister", "sisters", "queen", "lady", "ladies", "feminine"}
MALE = {"man", "men", "male", "males", "boy", "boys", "he", "him", "his", "himself", "father", "fathers", "husband",
        "husbands", "son", "sons", "brother", "brothers", "king", "gentleman", "gentlemen", "masculine"}


def die(message):
    sys.stderr.write(f"make-corpus: {message}\n")
    sys.exit(1)


def kjv_chapters():
    try:
        text = subprocess.run(["bible", "-f", "gen1:1-rev22:21"], check=True, capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError) as e:
        die(f"cannot run `bible` (install bible-kjv): {e}")
    chapters, current, key = [], [], None
    for line in text.splitlines():
        m = re.match(r"^(\S+?)(\d+):(\d+) (.*)$", line)
        if not m:
            continue
        chapter = (m.group(1), m.group(2))
        if chapter != key and current:
            chapters.append(" ".join(current))
            current = []
        key = chapter
        current.append(m.group(4).strip())
    if current:
        chapters.append(" ".join(current))
    return chapters


def wordnet_synsets(root="/usr/share/wordnet"):
    """(offset, pos, lexfile, words, gloss) for every synset."""
    out = []
    for pos in ("noun", "verb", "adj", "adv"):
        path = os.path.join(root, f"data.{pos}")
        if not os.path.exists(path):
            die(f"{path} is missing (install wordnet-base)")
        with open(path, encoding="latin-1") as f:
            for line in f:
                if line.startswith("  "):
                    continue  # licence header
                head, _, gloss = line.partition(" | ")
                fields = head.split()
                count = int(fields[3], 16)
                words = [fields[4 + 2 * i].replace("_", " ") for i in range(count)]
                words = [re.sub(r"\([a-z]+\)$", "", w) for w in words]  # adjective markers such as (a)
                out.append((fields[0], pos, fields[1], words, gloss.strip()))
    return out


def dict_paragraphs(name):
    path = f"/usr/share/dictd/{name}.dict.dz"
    if not os.path.exists(path):
        die(f"{path} is missing (install dict-{name})")
    with gzip.open(path, "rt", encoding="utf-8", errors="replace") as f:
        text = f.read()
    paragraphs = []
    for block in re.split(r"\n\s*\n", text):
        lines = [l.strip() for l in block.splitlines() if l.strip()]
        if not lines or lines[0].startswith("00-database") or "dictfmt" in lines[0]:
            continue
        para = " ".join(lines)
        if len(para.split()) >= 4:
            paragraphs.append(para)
    return paragraphs


def definition_of(gloss):
    """The definition part of a WordNet gloss (before the quoted examples)."""
    return gloss.split('; "')[0].strip().rstrip(";").strip()


def gender_mentioned(text):
    words = set(re.findall(r"[a-z]+", text.lower()))
    female, male = bool(words & FEMALE), bool(words & MALE)
    if female and not male:
        return "female"
    if male and not female:
        return "male"
    return "both" if female and male else "none"


def main():
    if len(sys.argv) < 2:
        die("usage: make-corpus.py OUT_DIR [--definitions-per-class N]")
    out_dir = sys.argv[1]
    per_class = int(sys.argv[sys.argv.index("--definitions-per-class") + 1]) if "--definitions-per-class" in sys.argv else 300
    os.makedirs(out_dir, exist_ok=True)
    rng = random.Random(20261126)

    synsets = wordnet_synsets()
    # The demo's definitions: per category, nouns whose definition has at least five words.
    held_out, rows = set(), []
    for lexfile, label in CATEGORIES.items():
        pool = [s for s in synsets if s[1] == "noun" and s[2] == lexfile and len(definition_of(s[4]).split()) >= 5]
        pool.sort(key=lambda s: s[0])
        for s in rng.sample(pool, min(per_class, len(pool))):
            held_out.add((s[1], s[0]))
            text = definition_of(s[4])
            rows.append({"text": text, "label": label, "gender_mentioned": gender_mentioned(text), "term": s[3][0]})
    rng.shuffle(rows)

    documents = [(f"kjv", c) for c in kjv_chapters()]
    for offset, pos, _, words, gloss in synsets:
        if (pos, offset) not in held_out:
            documents.append(("wordnet", f"{', '.join(words)}: {gloss}"))
    documents += [("jargon", p) for p in dict_paragraphs("jargon")]
    documents += [("devil", p) for p in dict_paragraphs("devil")]
    rng.shuffle(documents)

    stats = {}
    with open(os.path.join(out_dir, "corpus-train.txt"), "w", encoding="utf-8") as train, \
         open(os.path.join(out_dir, "corpus-validation.txt"), "w", encoding="utf-8") as validation:
        for i, (source, text) in enumerate(documents):
            text = " ".join(text.split())
            target = validation if i % 50 == 0 else train
            target.write(text + "\n")
            s = stats.setdefault(source, [0, 0])
            s[0] += 1
            s[1] += len(text.split())
    with open(os.path.join(out_dir, "definitions.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=["text", "label", "gender_mentioned", "term"], lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    for source, (docs, words) in sorted(stats.items()):
        print(f"{source:8s} {docs:7d} documents {words:9d} words")
    print(f"total    {sum(s[0] for s in stats.values()):7d} documents {sum(s[1] for s in stats.values()):9d} words")
    print(f"definitions.csv: {len(rows)} rows held out of the corpus")


if __name__ == "__main__":
    main()
