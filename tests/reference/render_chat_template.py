#!/usr/bin/env python3
"""Renders chat templates with jinja2 the way transformers' apply_chat_template does (Debian's
python3-jinja2; run with /usr/bin/python3), for the C++ chat-template test.

The environment copies transformers' _compile_jinja_template: ImmutableSandboxedEnvironment with
trim_blocks and lstrip_blocks, the loopcontrols extension, the {% generation %} tag of its
AssistantTracker (rendered unchanged), raise_exception, strftime_now, and its tojson override.
The variables copy apply_chat_template: messages, tools, documents, add_generation_prompt, the
special tokens, then any extra keyword arguments.

usage: render_chat_template.py CASES_JSON OUT_JSON
CASES_JSON: [{"template", "messages", "add_generation_prompt", "special_tokens", "extra"}, ...]
OUT_JSON:   [{"text": rendered} or {"error": "ExceptionType: message"}, ...] in the same order."""
import json
import sys
from datetime import datetime

import jinja2
from jinja2 import nodes
from jinja2.ext import Extension
from jinja2.sandbox import ImmutableSandboxedEnvironment


class AssistantTracker(Extension):
    tags = {"generation"}

    def parse(self, parser):
        lineno = next(parser.stream).lineno
        body = parser.parse_statements(["name:endgeneration"], drop_needle=True)
        return nodes.CallBlock(self.call_method("_render", []), [], [], body).set_lineno(lineno)

    def _render(self, caller):
        return caller()


def raise_exception(message):
    raise jinja2.exceptions.TemplateError(message)


def tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False):
    return json.dumps(x, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys)


def strftime_now(format):
    return datetime.now().strftime(format)


def environment():
    env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True,
                                        extensions=[AssistantTracker, "jinja2.ext.loopcontrols"])
    env.filters["tojson"] = tojson
    env.globals["raise_exception"] = raise_exception
    env.globals["strftime_now"] = strftime_now
    return env


def render(env, case):
    extra = dict(case.get("extra") or {})
    variables = {"messages": case["messages"], "tools": extra.pop("tools", None),
                 "documents": extra.pop("documents", None),
                 "add_generation_prompt": case.get("add_generation_prompt", False)}
    variables.update(case.get("special_tokens") or {})
    variables.update(extra)
    try:
        return {"text": env.from_string(case["template"]).render(**variables)}
    except Exception as e:  # the C++ side compares the kind of failure and its message
        return {"error": f"{type(e).__name__}: {e}"}


def main():
    cases_file, out_file = sys.argv[1:]
    with open(cases_file, encoding="utf-8") as f:
        cases = json.load(f)
    env = environment()
    with open(out_file, "w", encoding="utf-8") as f:
        json.dump([render(env, c) for c in cases], f, ensure_ascii=False)


if __name__ == "__main__":
    main()
