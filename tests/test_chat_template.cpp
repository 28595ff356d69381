// Chat templates against jinja2 itself: the real templates in tests/data/chat_templates (GPT-2,
// ChatML, Llama-2 / 3 / 3.1 / 3.2, Qwen2 / 2.5, Mistral v0.1-v0.3, SmolLM2, TinyLlama, Zephyr)
// rendered over several conversations and compared byte-for-byte with
// tests/reference/render_chat_template.py (Debian's python3-jinja2, transformers' settings); then
// the folder rules, Tokenizer::applyChatTemplate, and malformed or unsupported templates.
#include "core/tokenize/chat_template.h"
#include "core/tokenize/tokenizer.h"

#include <nlohmann/json.hpp>

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;
using ojson = nlohmann::ordered_json;

namespace {

std::string readFile(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void writeFile(const fs::path& p, const std::string& text) {
    std::ofstream(p, std::ios::binary) << text;
}

fs::path templatePath(const std::string& name) {
    return fs::path(FT_TEST_DATA_DIR) / "chat_templates" / (name + ".jinja");
}

struct Case {
    std::string name, templateName;
    ojson messages, specialTokens, extra;
    bool addGenerationPrompt = false;
};

ojson msg(const char* role, const char* content) {
    return {{"role", role}, {"content", content}};
}

ojson weatherTools() {
    return ojson::parse(R"([{"type": "function", "function": {"name": "get_weather",
        "description": "Get the current weather in a city",
        "parameters": {"type": "object", "properties": {"city": {"type": "string", "description": "City name"},
                       "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]}}, "required": ["city"]}}}])");
}

std::vector<std::pair<std::string, ojson>> conversations(bool tools) {
    std::vector<std::pair<std::string, ojson>> out;
    out.emplace_back("user", ojson::array({msg("user", "Hello, how are you?")}));
    out.emplace_back(
        "system_multi",
        ojson::array({msg("system", "  You are a friendly chatbot who answers like a pirate.\n"),
                      msg("user", "Hi! Say \"h\xc3\xa9llo\" in \xf0\x9f\x8c\x8d languages\\n?"),
                      msg("assistant", "  H\xc3\xa9llo, w\xc3\xb6rld! It's {{ not }} a template.  "),
                      msg("user", "Tabs\tand\nnewlines  ")}));
    out.emplace_back("alternating", ojson::array({msg("user", "What is 2+2?"), msg("assistant", "4"),
                                                  msg("user", "And 3+3?"), msg("assistant", "6")}));
    if (tools)
        out.emplace_back("tools", ojson::parse(R"([
            {"role": "user", "content": "What is the weather in Paris?"},
            {"role": "assistant", "content": "", "tool_calls": [{"id": "call12345", "type": "function",
                "function": {"name": "get_weather", "arguments": {"city": "Paris", "unit": "celsius"}}}]},
            {"role": "tool", "tool_call_id": "call12345", "name": "get_weather", "content": "22 degrees"},
            {"role": "assistant", "content": "It is 22 degrees in Paris."},
            {"role": "user", "content": "Thanks"}])"));
    return out;
}

std::vector<Case> allCases() {
    const ojson llama2 = {{"bos_token", "<s>"}, {"eos_token", "</s>"}, {"unk_token", "<unk>"}};
    const ojson chatml = {{"eos_token", "<|im_end|>"}, {"pad_token", "<|endoftext|>"}};
    const ojson llama3 = {{"bos_token", "<|begin_of_text|>"}, {"eos_token", "<|eot_id|>"}};
    const ojson date = {{"date_string", "26 Jul 2024"}};
    struct Family {
        const char* name;
        ojson specialTokens, extra;
        bool tools;
    };
    const std::vector<Family> families = {
        {"gpt2", {{"bos_token", "<|endoftext|>"}, {"eos_token", "<|endoftext|>"}}, {}, false},
        {"chatml", chatml, {}, false},
        {"llama2_chat", llama2, {}, false},
        {"llama3_instruct", llama3, {}, false},
        {"llama31_instruct", llama3, date, true},
        {"llama32_instruct", llama3, date, true},
        {"qwen2_instruct", chatml, {}, false},
        {"qwen25_instruct", chatml, {}, true},
        {"mistral_v01", llama2, {}, false},
        {"mistral_v02", llama2, {}, false},
        {"mistral_v03", llama2, {}, true},
        {"smollm2_instruct", {{"bos_token", "<|im_start|>"}, {"eos_token", "<|im_end|>"}}, {}, false},
        {"tinyllama_chat", llama2, {}, false},
        {"zephyr", llama2, {}, false},
    };
    std::vector<Case> cases;
    for (const auto& f : families) {
        for (const auto& [convName, messages] : conversations(f.tools)) {
            for (bool gen : {false, true}) {
                Case c{std::string(f.name) + "/" + convName + (gen ? "/gen" : ""),
                       f.name,
                       messages,
                       f.specialTokens,
                       f.extra.is_null() ? ojson::object() : f.extra,
                       gen};
                if (convName == "tools") c.extra["tools"] = weatherTools();
                cases.push_back(std::move(c));
            }
        }
    }
    // strftime_now: Llama 3.2 dates the system prompt itself when no date_string is given.
    cases.push_back({"llama32_instruct/user/strftime_now", "llama32_instruct",
                     ojson::array({msg("user", "What day is it?")}), llama3, ojson::object(), true});
    return cases;
}

// The template's own error text from jinja2's "TemplateError: text".
std::string raisedText(const std::string& referenceError) {
    const std::string prefix = "TemplateError: ";
    return referenceError.rfind(prefix, 0) == 0 ? referenceError.substr(prefix.size()) : std::string();
}

}  // namespace

class TestChatTemplate : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::vector<Case> m_cases = allCases();
    ojson m_reference;
    QString m_referenceProblem;

    fs::path dir() const { return fs::path(m_dir.path().toStdString()); }

    // A tokenizer folder: a fixture tokenizer.json plus the given config and files.
    fs::path folder(const std::string& name, const char* fixture, const ojson& config,
                    const std::vector<std::pair<std::string, std::string>>& files = {}) {
        const fs::path f = dir() / name;
        fs::create_directories(f);
        fs::copy_file(fs::path(FT_TEST_DATA_DIR) / "tokenize" / (std::string(fixture) + ".json"),
                      f / "tokenizer.json", fs::copy_options::overwrite_existing);
        writeFile(f / "tokenizer_config.json", config.dump(2));
        for (const auto& [file, text] : files) {
            fs::create_directories((f / file).parent_path());
            writeFile(f / file, text);
        }
        return f;
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        ojson requests = ojson::array();
        for (const auto& c : m_cases)
            requests.push_back({{"template", readFile(templatePath(c.templateName))},
                                {"messages", c.messages},
                                {"add_generation_prompt", c.addGenerationPrompt},
                                {"special_tokens", c.specialTokens},
                                {"extra", c.extra}});
        const QString in = m_dir.filePath(QStringLiteral("cases.json"));
        const QString out = m_dir.filePath(QStringLiteral("reference.json"));
        writeFile(in.toStdString(), requests.dump());
        QProcess p;
        p.start(QStringLiteral("/usr/bin/python3"),
                {QStringLiteral(FT_REFERENCE_DIR "/render_chat_template.py"), in, out});
        if (!p.waitForFinished(120000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
            m_referenceProblem = QStringLiteral(
                                     "the jinja2 reference failed (scripts/setup-deps installs "
                                     "python3-jinja2): ") +
                                 QString::fromUtf8(p.readAllStandardError());
            return;
        }
        m_reference = ojson::parse(readFile(out.toStdString()));
    }

    void matchesJinja2_data() {
        QTest::addColumn<int>("index");
        for (size_t i = 0; i < m_cases.size(); ++i) QTest::newRow(m_cases[i].name.c_str()) << int(i);
    }
    void matchesJinja2() {
        QFETCH(int, index);
        QVERIFY2(m_referenceProblem.isEmpty(), qPrintable(m_referenceProblem));
        QCOMPARE(m_reference.size(), m_cases.size());
        const Case& c = m_cases[size_t(index)];
        const ojson& ref = m_reference[size_t(index)];
        auto templates = ft::tok::ChatTemplates::fromSource(readFile(templatePath(c.templateName)));
        auto tmpl = templates.select({}, false);
        QVERIFY2(tmpl, tmpl ? "" : tmpl.error().describe().c_str());
        auto out = ft::tok::renderChat(**tmpl, c.messages, c.addGenerationPrompt, c.specialTokens, c.extra);
        if (ref.contains("error")) {
            const std::string expected = raisedText(ref["error"].get<std::string>());
            QVERIFY2(!expected.empty(), ref["error"].get<std::string>().c_str());
            QVERIFY2(!out, ("jinja2 raised " + ref["error"].get<std::string>() + " but we rendered").c_str());
            QCOMPARE(QString::fromStdString(out.error().code), QStringLiteral("chat_template.raised"));
            QVERIFY2(out.error().message.find(expected) != std::string::npos, out.error().message.c_str());
            return;
        }
        QVERIFY2(out, out ? "" : out.error().describe().c_str());
        QCOMPARE(QByteArray::fromStdString(*out), QByteArray::fromStdString(ref["text"].get<std::string>()));
    }

    // Small templates for the constructs the real ones use only in passing.
    void constructs_data() {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("expected");
        auto row = [](const char* name, const char* source, const char* expected) {
            QTest::newRow(name) << QString::fromUtf8(source) << QString::fromUtf8(expected);
        };
        row("loop vars",
            "{% for x in 'abc' %}{{ loop.index0 }}{{ loop.index }}{{ loop.first }}{{ loop.last }}"
            "{{ loop.length }}{{ loop.revindex }},{% endfor %}",
            "01TrueFalse33,12FalseFalse32,23FalseTrue31,");
        row("loop filter and else",
            "{% for x in [1,2,3,4] if x is even %}{{ x }}{{ loop.last }}{% else %}none{% endfor %}"
            "{% for y in [] %}{% else %}empty{% endfor %}",
            "2False4Trueempty");
        row("break continue",
            "{% for i in range(10) %}{% if i == 2 %}{% continue %}{% endif %}{% if i > 4 %}{% break %}"
            "{% endif %}{{ i }}{% endfor %}",
            "0134");
        row("scoping",
            "{% set x = 5 %}{% for i in [1, 2] %}[{{ x }}]{% set x = i %}{% endfor %}[{{ x }}]"
            "{% if true %}{% set y = 3 %}{% endif %}{{ y }}",
            "[5][5][5]3");
        row("namespace",
            "{% set ns = namespace(n=0, s='') %}{% for i in [1,2,3] %}{% set ns.n = ns.n + i %}"
            "{% set ns.s = ns.s ~ i %}{% endfor %}{{ ns.n }} {{ ns.s }}",
            "6 123");
        row("slices",
            "{{ [1,2,3,4][1:] }} {{ [1,2,3,4][:-1] }} {{ [1,2,3,4][::2] }} {{ 'h\xc3\xa9llo'[::-1] }}"
            " {{ 'abc'[1] }} {{ [1,2][-1] }}",
            "[2, 3, 4] [1, 2, 3] [1, 3] oll\xc3\xa9h b 2");
        row("python reprs", "{{ [1, 'a', none, true, 1.5, {'k': (1, 2)}, \"it's\"] }}",
            "[1, 'a', None, True, 1.5, {'k': (1, 2)}, \"it's\"]");
        row("arithmetic",
            "{{ 7 // 2 }} {{ -7 % 3 }} {{ 7 / 2 }} {{ 2 ** 10 }} {{ 1e16 }} {{ 0.00001 }} {{ 1 + 2 * 3 }}",
            "3 2 3.5 1024 1e+16 1e-05 7");
        row("strings",
            "{{ 'a' ~ 1 ~ none }} {{ 'ab' * 2 }} {{ '  x  '.strip() }}|{{ 'a,b'.split(',') }}"
            " {{ 'Hello'.startswith('He') }} {{ 'x'.upper() + 'Y'.lower() }}",
            "a1None abab x|['a', 'b'] True Xy");
        row("escapes", "{{ 'tab\\there\\x41\\u00e9\\n' }}{{ \"q\\\"q\" }}", "tab\there\x41\xc3\xa9\nq\"q");
        row("tests",
            "{{ x is defined }} {{ none is none }} {{ 'a' is string }} {{ {} is mapping }} {{ 3 is odd }}"
            " {{ 4 is divisibleby 2 }} {{ [] is iterable }} {{ x is not defined }}",
            "False True True True True True True True");
        row("in",
            "{{ 'b' in 'abc' }} {{ 'k' in {'k': 1} }} {{ 1 not in [1, 2] }} {{ 'x' in undefined_thing }}",
            "True True False False");
        row("filters",
            "{{ ' x '|trim }}|{{ 'aBc'|upper }}|{{ 'aBC dEF'|capitalize }}|{{ 'hello world-foo'|title }}|"
            "{{ [1, 2]|join(', ') }}|{{ 'abc'|replace('b', 'X') }}|{{ [3, 1]|first }}{{ [3, 1]|last }}|"
            "{{ 'h\xc3\xa9'|length }}|{{ x|default('d') }}|{{ ''|default('e', true) }}|{{ {'a': "
            "1}|items|list }}",
            "x|ABC|Abc def|Hello World-Foo|1, 2|aXc|31|2|d|e|[('a', 1)]");
        row("select and map",
            "{{ [{'r': 'u', 'n': 1}, {'r': 'a', 'n': 2}, {'r': 'u', 'n': 3}]|selectattr('r', 'equalto', 'u')"
            "|map(attribute='n')|list }} {{ [1, 2, 3]|reject('odd')|list }} {{ ['a', 'b']|map('upper')|join "
            "}}",
            "[1, 3] [2] AB");
        row("tojson",
            "{{ {'b': [1, 2.5, none, true, 'x\"\\\\y'], 'a': '\xc3\xa9'}|tojson }} {{ {'a': "
            "{}}|tojson(indent=2) }}",
            "{\"b\": [1, 2.5, null, true, \"x\\\"\\\\y\"], \"a\": \"\xc3\xa9\"} {\n  \"a\": {}\n}");
        row("whitespace control",
            "  {% if true %}\n  x\n  {% endif %}\n  y {{- ' z ' -}} w\n{#- c #}\n  {%+ if true %}k{% endif "
            "%}\n",
            "  x\n  y z w  k");
        row("macro",
            "{% macro greet(name, punct='!') %}Hi {{ name }}{{ punct }}{% endmacro %}{{ greet('Bo') }} {{ "
            "greet('Al', '?') }}",
            "Hi Bo! Hi Al?");
        row("set block", "{% set s %}a{{ 1 + 1 }}b{% endset %}[{{ s }}]", "[a2b]");
        row("conditional expression", "{{ 'y' if 1 > 2 else 'n' }}{{ 'z' if false }}{{ (1, 2)[0] }}", "n1");
        row("raw", "{% raw %}{{ not rendered }}{% endraw %}", "{{ not rendered }}");
        row("generation tag", "{% generation %}kept{% endgeneration %}", "kept");
        row("dict methods",
            "{% for k, v in {'a': 1, 'b': 2}.items() %}{{ k }}={{ v }};{% endfor %}{{ {'a': 1}.get('z', 0) "
            "}}",
            "a=1;b=2;0");
    }
    void constructs() {
        QFETCH(QString, source);
        QFETCH(QString, expected);
        const auto templates = ft::tok::ChatTemplates::fromSource(source.toStdString());
        auto tmpl = templates.select({}, false);
        QVERIFY2(tmpl, tmpl ? "" : tmpl.error().describe().c_str());
        auto out = ft::tok::renderChat(**tmpl, ojson::array(), false, ojson::object(), ojson::object());
        QVERIFY2(out, out ? "" : out.error().describe().c_str());
        QCOMPARE(QString::fromStdString(*out), expected);
    }

    void errors_data() {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("mentions");  // '|'-separated parts the message must contain
        auto row = [](const char* name, const std::string& source, const char* code, const char* mentions) {
            QTest::newRow(name) << QString::fromStdString(source) << QString::fromLatin1(code)
                                << QString::fromLatin1(mentions);
        };
        row("unclosed if", "a\n{% if x %}b", "chat_template.syntax", "line 2|endif");
        row("unknown filter", "{{ x | frobnicate }}", "chat_template.unsupported", "line 1|frobnicate");
        row("unknown test", "\n\n{{ x is frobnicated }}", "chat_template.unsupported", "line 3|frobnicated");
        row("include", "{% include 'other.jinja' %}", "chat_template.unsupported", "include");
        row("call block", "{% call foo() %}x{% endcall %}", "chat_template.unsupported", "call");
        row("unknown tag", "{% frob %}", "chat_template.syntax", "frob");
        row("mismatched end", "{% for x in y %}{% endif %}", "chat_template.syntax", "endif");
        row("stray brace", "{{ 'abc' }", "chat_template.syntax", "line 1");
        row("unterminated variable", "x\ny\n{{ foo(", "chat_template.syntax", "line 3");
        row("unterminated string", "{{ 'abc }}", "chat_template.syntax", "string");
        row("unclosed comment", "{# never closed", "chat_template.syntax", "comment");
        row("break outside loop", "{% break %}", "chat_template.syntax", "break");
        row("recursive loop", "{% for x in y recursive %}{% endfor %}", "chat_template.unsupported",
            "recursive");
        row("bad escape", "{{ '\\x4' }}", "chat_template.syntax", "\\x");
        row("deep nesting", "{{ " + std::string(5000, '(') + "1" + std::string(5000, ')') + " }}",
            "chat_template.syntax", "nested");
        row("raise_exception", "{% if true %}\n{{ raise_exception('Roles must alternate') }}{% endif %}",
            "chat_template.raised", "line 2|Roles must alternate");
        row("undefined attribute chain", "{{ messages[0].content.foo.bar }}", "chat_template.undefined",
            "foo");
        row("undefined call", "{{ nothing_here() }}", "chat_template.undefined", "nothing_here");
        row("type error", "\n{{ 1 + 'a' }}", "chat_template.render", "line 2|'int' and 'str'");
        row("concat error", "{{ 'a' + 1 }}", "chat_template.render", "can only concatenate str");
        row("namespace assignment", "{% set y = 1 %}{% set y.a = 2 %}", "chat_template.render",
            "non-namespace");
        row("unpack", "{% for a, b in [1] %}{% endfor %}", "chat_template.render", "unpack");
        row("not callable", "{{ messages() }}", "chat_template.render", "not callable");
        row("string format", "{{ '%d' % 3 }}", "chat_template.unsupported", "%");
        row("list mutation", "{{ messages.append(1) }}", "chat_template.unsupported", "append");
        row("tojson undefined", "{{ nothing|tojson }}", "chat_template.render", "JSON");
        row("range limit", "{{ range(1000000)|length }}", "chat_template.render", "range");
        row("runaway loops",
            "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
            "chat_template.render", "too long");
    }
    void errors() {
        QFETCH(QString, source);
        QFETCH(QString, code);
        QFETCH(QString, mentions);
        auto templates = ft::tok::ChatTemplates::fromSource(source.toStdString());
        auto tmpl = templates.select({}, false);
        ft::Error error;
        if (tmpl) {
            auto out = ft::tok::renderChat(**tmpl, ojson::array({msg("user", "hi")}), false, ojson::object(),
                                           ojson::object());
            QVERIFY2(!out, ("rendered instead of failing: " + (out ? *out : std::string())).c_str());
            error = out.error();
        } else {
            error = tmpl.error();
        }
        QCOMPARE(QString::fromStdString(error.code), code);
        for (const auto& part : mentions.split(QLatin1Char('|')))
            QVERIFY2(QString::fromStdString(error.describe()).contains(part), error.describe().c_str());
    }

    void messagesMustBeObjects() {
        const auto templates = ft::tok::ChatTemplates::fromSource("{{ messages }}");
        auto tmpl = templates.select({}, false);
        QVERIFY(tmpl);
        auto out = ft::tok::renderChat(**tmpl, ojson::array({"just a string"}), false, ojson::object(),
                                       ojson::object());
        QVERIFY(!out);
        QCOMPARE(QString::fromStdString(out.error().code), QStringLiteral("chat_template.invalid_messages"));
    }

    // tokenizer_config.json: the inline template, the special tokens as strings or AddedToken dicts,
    // model_max_length; the rendered text is encoded without adding special tokens.
    void tokenizerAppliesTemplate() {
        const ojson config = {
            {"tokenizer_class", "Qwen2Tokenizer"},
            {"bos_token", nullptr},
            {"eos_token", {{"content", "<|im_end|>"}, {"lstrip", false}, {"special", true}}},
            {"pad_token", "<|endoftext|>"},
            {"model_max_length", 1e30},
            {"chat_template", readFile(templatePath("qwen25_instruct"))}};
        auto tok = ft::tok::Tokenizer::load(folder("qwen", "qwen2", config));
        QVERIFY2(tok, tok ? "" : tok.error().describe().c_str());
        QVERIFY(tok->hasChatTemplate());
        QCOMPARE(tok->modelMaxLength(), int64_t(0));
        QCOMPARE(tok->specialTokens().eos, std::optional<int32_t>(778));
        auto chat = tok->applyChatTemplate({{"system", "Be brief."}, {"user", "Hi"}}, true);
        QVERIFY2(chat, chat ? "" : chat.error().describe().c_str());
        QCOMPARE(QString::fromStdString(chat->text),
                 QStringLiteral("<|im_start|>system\nBe "
                                "brief.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n"));
        QCOMPARE(chat->encoding.ids, tok->encode(chat->text, false).ids);
        QCOMPARE(chat->encoding.ids.front(), 777);  // <|im_start|> is one added token
        QCOMPARE(std::count(chat->encoding.ids.begin(), chat->encoding.ids.end(), 778), 2L);
    }

    void templateUsesSpecialTokens() {
        const ojson config = {{"tokenizer_class", "PreTrainedTokenizerFast"},
                              {"bos_token", "<|begin_of_text|>"},
                              {"eos_token", "<|eot_id|>"},
                              {"chat_template", readFile(templatePath("llama3_instruct"))}};
        auto tok = ft::tok::Tokenizer::load(folder("llama3", "llama3", config));
        QVERIFY2(tok, tok ? "" : tok.error().describe().c_str());
        auto chat = tok->applyChatTemplate({{"user", "  hi  "}}, false);
        QVERIFY2(chat, chat ? "" : chat.error().describe().c_str());
        QCOMPARE(QString::fromStdString(chat->text),
                 QStringLiteral("<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nhi<|eot_id|>"));
        QCOMPARE(chat->encoding.ids.front(), 776);
    }

    void jinjaFileWinsOverInlineTemplate() {
        const ojson config = {{"chat_template", "inline"}, {"eos_token", "<|im_end|>"}};
        auto tok = ft::tok::Tokenizer::load(
            folder("sidecar", "qwen2", config, {{"chat_template.jinja", "from file\n"}}));
        QVERIFY(tok);
        auto chat = tok->applyChatTemplate({{"user", "x"}}, false);
        QVERIFY(chat);
        QCOMPARE(QString::fromStdString(chat->text), QStringLiteral("from file"));
    }

    void namedTemplates() {
        const ojson config = {{"chat_template", ojson::array({{{"name", "default"}, {"template", "plain"}},
                                                              {{"name", "tool_use"},
                                                               {"template", "tools: {{ tools|length }}"}}})}};
        auto tok = ft::tok::Tokenizer::load(folder(
            "named", "qwen2", config, {{"additional_chat_templates/rag.jinja", "rag {{ documents }}"}}));
        QVERIFY(tok);
        auto plain = tok->applyChatTemplateJson(R"([{"role": "user", "content": "x"}])", false);
        QVERIFY(plain);
        QCOMPARE(QString::fromStdString(plain->text), QStringLiteral("plain"));
        auto tools =
            tok->applyChatTemplateJson(R"([])", false, R"({"tools": [{"name": "a"}, {"name": "b"}]})");
        QVERIFY(tools);
        QCOMPARE(QString::fromStdString(tools->text), QStringLiteral("tools: 2"));
        auto rag = tok->applyChatTemplateJson(R"([])", false, R"({"documents": ["d"]})", "rag");
        QVERIFY2(rag, rag ? "" : rag.error().describe().c_str());
        QCOMPARE(QString::fromStdString(rag->text), QStringLiteral("rag ['d']"));
        auto missing = tok->applyChatTemplateJson(R"([])", false, {}, "nope");
        QVERIFY(!missing);
        QCOMPARE(QString::fromStdString(missing.error().code), QStringLiteral("chat_template.missing"));
    }

    void folderProblemsAreReportedOnUse() {
        auto noTemplate = ft::tok::Tokenizer::load(folder("none", "qwen2", ojson::object()));
        QVERIFY(noTemplate);
        QVERIFY(!noTemplate->hasChatTemplate());
        auto r = noTemplate->applyChatTemplate({{"user", "x"}}, false);
        QVERIFY(!r);
        QCOMPARE(QString::fromStdString(r.error().code), QStringLiteral("chat_template.missing"));

        auto badField = ft::tok::Tokenizer::load(folder("badfield", "qwen2", {{"chat_template", 42}}));
        QVERIFY2(badField, "a bad chat_template must not stop the tokenizer from loading");
        QCOMPARE(badField->encode("hi", false).ids, noTemplate->encode("hi", false).ids);
        auto b = badField->applyChatTemplate({{"user", "x"}}, false);
        QVERIFY(!b);
        QCOMPARE(QString::fromStdString(b.error().code), QStringLiteral("chat_template.invalid_field"));

        auto badFile = ft::tok::Tokenizer::load(
            folder("badfile", "qwen2", ojson::object(), {{"chat_template.jinja", "line 1\n{% if %}\n"}}));
        QVERIFY(badFile);
        auto s = badFile->applyChatTemplate({{"user", "x"}}, false);
        QVERIFY(!s);
        QCOMPARE(QString::fromStdString(s.error().code), QStringLiteral("chat_template.syntax"));
        QVERIFY2(s.error().file.find("chat_template.jinja") != std::string::npos && s.error().line == 2,
                 s.error().describe().c_str());

        auto badJson = noTemplate->applyChatTemplateJson("[{", false);
        QVERIFY(!badJson);
        QCOMPARE(QString::fromStdString(badJson.error().code),
                 QStringLiteral("chat_template.invalid_messages"));
    }
};

QTEST_GUILESS_MAIN(TestChatTemplate)
#include "test_chat_template.moc"
