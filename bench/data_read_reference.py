"""Reference for bench/data_read.cpp: one full pass over the same files with Python's csv module and
json.loads per line (the standard library's C parsers), touching every cell as the C++ pass does.
Prints "REF<TAB>csv|jsonl<TAB>seconds<TAB>rows", the best of two rounds. Usage: data_read_reference.py CSV JSONL"""
import csv
import json
import sys
import time


def csv_pass(path):
    rows = 0
    cells = 0
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        next(reader)  # header
        for row in reader:
            rows += 1
            for cell in row:
                cells += len(cell)
    return rows


def jsonl_pass(path):
    rows = 0
    cells = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            obj = json.loads(line)
            rows += 1
            for value in obj.values():
                cells += len(str(value))
    return rows


def best_of(fn, path, rounds=2):
    best, rows = float("inf"), 0
    for _ in range(rounds):
        t0 = time.perf_counter()
        rows = fn(path)
        best = min(best, time.perf_counter() - t0)
    return best, rows


def main():
    csv_path, jsonl_path = sys.argv[1], sys.argv[2]
    for kind, fn, path in (("csv", csv_pass, csv_path), ("jsonl", jsonl_pass, jsonl_path)):
        seconds, rows = best_of(fn, path)
        print(f"REF\t{kind}\t{seconds:.4f}\t{rows}", flush=True)


if __name__ == "__main__":
    main()
