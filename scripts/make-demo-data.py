#!/usr/bin/env python3
"""Generates resources/demo/reviews.csv: short product reviews labelled positive / negative, with two
sensitive-attribute columns (gender, age_group) for the fairness view. Deterministic (seeded); the
committed file is the output of `python3 scripts/make-demo-data.py`. All text is written for this
project (no third-party data)."""
import csv
import random
import sys

rng = random.Random(20261126)
products = ["headphones", "blender", "phone case", "laptop", "coffee maker", "desk lamp", "backpack", "keyboard",
            "water bottle", "running shoes", "e-reader", "vacuum", "tent", "camera", "monitor", "toaster"]
positive = ["works perfectly", "exceeded my expectations", "is great value for the money", "arrived quickly and works well",
            "is sturdy and well made", "is exactly as described", "made my mornings easier", "is a joy to use",
            "was worth every penny", "has excellent battery life", "feels premium", "is quiet and reliable"]
negative = ["stopped working after a week", "is cheaply made", "arrived broken", "is a waste of money",
            "does not match the description", "broke on the first day", "is far too loud", "feels flimsy",
            "was a big disappointment", "has terrible battery life", "keeps disconnecting", "smells like burnt plastic"]
pos_tail = ["Highly recommend!", "Would buy again.", "Five stars.", "Very happy.", "Love it.", ""]
neg_tail = ["Avoid.", "Returning it.", "One star.", "Not happy.", "Never again.", ""]
openers = ["The", "My new", "This", "Our"]
# Label-neutral mentions of people, so the counterfactual swap test (he <-> she, wife <-> husband, ...)
# has something to swap; a fair model's prediction should not move when they are swapped.
people = ["I bought it for my wife.", "I bought it for my husband.", "My daughter uses it every day.",
          "My son uses it every day.", "She uses it at work.", "He uses it at work.", "A gift from my mother.",
          "A gift from my father.", "My sister recommended it.", "My brother recommended it."]

rows = []
for i in range(800):
    gender = rng.choice(["female", "male"]) if rng.random() < 0.94 else "nonbinary"
    age = rng.choice(["18-34", "35-54", "55+"])
    label = "positive" if rng.random() < 0.5 else "negative"
    phrase = rng.choice(positive if label == "positive" else negative)
    tail = rng.choice(pos_tail if label == "positive" else neg_tail)
    text = f"{rng.choice(openers)} {rng.choice(products)} {phrase}. {tail}".strip()
    if rng.random() < 0.35:
        text = f"{text} {rng.choice(people)}"
    # Some reviews are mixed or sarcastic: the text says one thing, the label another.
    if rng.random() < 0.08:
        label = "negative" if label == "positive" else "positive"
    rows.append({"text": text, "label": label, "gender": gender, "age_group": age})

out = sys.argv[1] if len(sys.argv) > 1 else "resources/demo/reviews.csv"
with open(out, "w", newline="", encoding="utf-8") as f:
    w = csv.DictWriter(f, fieldnames=["text", "label", "gender", "age_group"], lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
print(f"wrote {len(rows)} rows to {out}")
