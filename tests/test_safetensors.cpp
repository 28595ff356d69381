// safetensors reader/writer: bit-exact round trips, the reference layout, and every validation rule
// exercised by a file built byte by byte.
#include <QTemporaryDir>
#include <QTest>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>

#include "core/io/safetensors.h"

namespace fs = std::filesystem;
using ft::io::DType;
using ft::io::SafetensorsFile;
using ft::io::TensorView;

Q_DECLARE_METATYPE(std::string)

namespace {

std::string le64(uint64_t n) {
    std::string s(8, '\0');
    for (int i = 0; i < 8; ++i) s[i] = static_cast<char>(n >> (8 * i));
    return s;
}

// A file with the given header text and `dataBytes` zero bytes of buffer.
std::string stFile(const std::string& header, size_t dataBytes) {
    return le64(header.size()) + header + std::string(dataBytes, '\0');
}

void writeBytes(const fs::path& p, const std::string& bytes) {
    std::ofstream out(p, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::string readBytes(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

std::vector<unsigned char> randomBytes(size_t n, unsigned seed) {
    std::mt19937 rng(seed);
    std::vector<unsigned char> v(n);
    for (auto& b : v) b = static_cast<unsigned char>(rng());
    return v;
}

}  // namespace

class TestSafetensors : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    fs::path path(const char* name) const { return fs::path(m_dir.path().toStdString()) / name; }

private Q_SLOTS:
    void roundTripEveryDtype() {
        const std::vector<DType> dtypes{DType::Bool, DType::U8, DType::I8, DType::I16, DType::I32,
                                        DType::I64, DType::F16, DType::BF16, DType::F32, DType::F64};
        std::vector<std::vector<unsigned char>> buffers;
        std::vector<TensorView> tensors;
        unsigned seed = 1;
        for (DType d : dtypes) {
            const std::vector<int64_t> shape{3, 5};
            buffers.push_back(randomBytes(15 * ft::io::dtypeSize(d), seed++));
            if (d == DType::Bool)
                for (auto& b : buffers.back()) b &= 1;
            tensors.push_back({std::string("t.") + ft::io::dtypeName(d), d, shape, buffers.back().data(),
                               buffers.back().size()});
        }
        tensors.push_back({"empty", DType::F32, {0, 4}, nullptr, 0});
        static const float scalar = 3.5f;
        tensors.push_back({"scalar", DType::F32, {}, &scalar, sizeof scalar});

        const fs::path file = path("all.safetensors");
        ft::Status s = ft::io::writeSafetensors(file, tensors, {{"note", "hello"}});
        QVERIFY2(s.ok(), s.ok() ? "" : s.error().describe().c_str());

        auto r = SafetensorsFile::open(file);
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().describe().c_str());
        QCOMPARE(r->tensors().size(), tensors.size());
        for (const TensorView& want : tensors) {
            const TensorView* got = r->find(want.name);
            QVERIFY2(got, want.name.c_str());
            QCOMPARE(got->dtype, want.dtype);
            QCOMPARE(got->shape, want.shape);
            QCOMPARE(got->nbytes, want.nbytes);
            QCOMPARE(got->numel(), want.numel());
            if (want.nbytes) QVERIFY(std::memcmp(got->data, want.data, want.nbytes) == 0);
        }
        QCOMPARE(r->find("scalar")->numel(), int64_t(1));
        QCOMPARE(r->find("empty")->numel(), int64_t(0));
        QVERIFY(r->find("missing") == nullptr);
        QCOMPARE(r->metadata().at("format"), std::string("pt"));
        QCOMPARE(r->metadata().at("note"), std::string("hello"));
        QCOMPARE(r->path(), file);

        // Reference order: dtype alignment descending (I64 > F64 > F32 > I32 > BF16 > F16 > I16 > I8 > U8 > BOOL).
        std::vector<std::string> order;
        for (const TensorView& t : r->tensors()) order.push_back(t.name);
        const std::vector<std::string> expected{"t.I64", "t.F64", "empty", "scalar", "t.F32", "t.I32", "t.BF16",
                                                "t.F16", "t.I16", "t.I8", "t.U8", "t.BOOL"};
        QCOMPARE(order, expected);
        // Data section is 8-aligned and every tensor naturally aligned.
        for (const TensorView& t : r->tensors())
            QCOMPARE(reinterpret_cast<uintptr_t>(t.data) % ft::io::dtypeSize(t.dtype), uintptr_t(0));
    }

    void exactReferenceLayout() {
        const int64_t a = 7;
        const float b[2] = {1.f, 2.f};
        const unsigned char c[3] = {1, 2, 3};
        const fs::path file = path("layout.safetensors");
        QVERIFY(ft::io::writeSafetensors(file, {{"c", DType::U8, {3}, c, 3},
                                                {"b", DType::F32, {2}, b, 8},
                                                {"a", DType::I64, {1}, &a, 8}}).ok());
        const std::string bytes = readBytes(file);
        std::string header =
            R"({"__metadata__":{"format":"pt"},"a":{"dtype":"I64","shape":[1],"data_offsets":[0,8]},)"
            R"("b":{"dtype":"F32","shape":[2],"data_offsets":[8,16]},"c":{"dtype":"U8","shape":[3],"data_offsets":[16,19]}})";
        header.append((8 - header.size() % 8) % 8, ' ');
        QCOMPARE(bytes.substr(0, 8), le64(header.size()));
        QCOMPARE(bytes.substr(8, header.size()), header);
        QCOMPARE((8 + header.size()) % 8, size_t(0));
        QCOMPARE(bytes.size(), 8 + header.size() + 19);
    }

    void atomicWriteLeavesNoTempFile() {
        QTemporaryDir dir;
        const fs::path file = fs::path(dir.path().toStdString()) / "m.safetensors";
        const float x = 1.f;
        QVERIFY(ft::io::writeSafetensors(file, {{"x", DType::F32, {1}, &x, 4}}).ok());
        QVERIFY(ft::io::writeSafetensors(file, {{"x", DType::F32, {1}, &x, 4}}).ok());
        std::vector<std::string> names;
        for (const auto& e : fs::directory_iterator(file.parent_path())) names.push_back(e.path().filename().string());
        QCOMPARE(names, std::vector<std::string>{"m.safetensors"});
    }

    void overwriteWhileMapped() {
        const fs::path file = path("live.safetensors");
        const float before[2] = {1.f, 2.f}, after[3] = {4.f, 5.f, 6.f};
        QVERIFY(ft::io::writeSafetensors(file, {{"w", DType::F32, {2}, before, 8}}).ok());
        auto old = SafetensorsFile::open(file);
        QVERIFY(old.ok());
        // Writing from the mapped tensor's own bytes must also work (the source stays valid).
        QVERIFY(ft::io::writeSafetensors(file, {{"w", DType::F32, {3}, after, 12},
                                                {"copy", DType::F32, {2}, old->find("w")->data, 8}}).ok());
        QCOMPARE(std::memcmp(old->find("w")->data, before, 8), 0);  // old mapping keeps old bytes
        auto fresh = SafetensorsFile::open(file);
        QVERIFY(fresh.ok());
        QCOMPARE(fresh->find("w")->shape, std::vector<int64_t>{3});
        QCOMPARE(std::memcmp(fresh->find("w")->data, after, 12), 0);
        QCOMPARE(std::memcmp(fresh->find("copy")->data, before, 8), 0);
    }

    void movedFileKeepsViews() {
        const fs::path file = path("move.safetensors");
        const float x[2] = {9.f, 8.f};
        QVERIFY(ft::io::writeSafetensors(file, {{"x", DType::F32, {2}, x, 8}}).ok());
        auto r = SafetensorsFile::open(file);
        QVERIFY(r.ok());
        SafetensorsFile moved = std::move(*r);
        QCOMPARE(std::memcmp(moved.find("x")->data, x, 8), 0);
    }

    void writerRejects_data() {
        QTest::addColumn<int>("which");
        QTest::addColumn<std::string>("code");
        QTest::newRow("duplicate name") << 0 << std::string("safetensors.duplicate_tensor");
        QTest::newRow("nbytes != numel * size") << 1 << std::string("safetensors.tensor_invalid_info");
        QTest::newRow("negative dimension") << 2 << std::string("safetensors.tensor_invalid_info");
        QTest::newRow("reserved name") << 3 << std::string("safetensors.invalid_header");
        QTest::newRow("non-UTF-8 name") << 4 << std::string("safetensors.invalid_utf8");
        QTest::newRow("null data") << 5 << std::string("safetensors.tensor_invalid_info");
    }
    void writerRejects() {
        QFETCH(int, which);
        QFETCH(std::string, code);
        const float x[4] = {};
        std::vector<TensorView> t;
        switch (which) {
        case 0: t = {{"a", DType::F32, {1}, x, 4}, {"a", DType::F32, {1}, x, 4}}; break;
        case 1: t = {{"a", DType::F32, {2}, x, 4}}; break;
        case 2: t = {{"a", DType::F32, {-1}, x, 4}}; break;
        case 3: t = {{"__metadata__", DType::F32, {1}, x, 4}}; break;
        case 4: t = {{"bad\xff", DType::F32, {1}, x, 4}}; break;
        case 5: t = {{"a", DType::F32, {1}, nullptr, 4}}; break;
        }
        const fs::path file = path("rejected.safetensors");
        ft::Status s = ft::io::writeSafetensors(file, t);
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, code);
        QVERIFY(s.error().message.find("rejected.safetensors") != std::string::npos);
        QVERIFY(!fs::exists(file));
    }

    void acceptsLenientHeaders_data() {
        QTest::addColumn<std::string>("bytes");
        QTest::addColumn<int>("count");
        const std::string one = R"("x":{"dtype":"F32","shape":[1],"data_offsets":[0,4]})";
        QTest::newRow("trailing spaces") << stFile("{" + one + "}      ", 4) << 1;
        QTest::newRow("leading whitespace") << stFile(" \n\t{" + one + "}\r\n", 4) << 1;
        QTest::newRow("null metadata") << stFile(R"({"__metadata__":null,)" + one + "}", 4) << 1;
        QTest::newRow("no tensors") << stFile("{}", 0) << 0;
        QTest::newRow("zero-size tensor") << stFile(R"({"z":{"dtype":"I64","shape":[3,0],"data_offsets":[0,0]}})", 0) << 1;
        QTest::newRow("scalar") << stFile(R"({"s":{"dtype":"F64","shape":[],"data_offsets":[0,8]}})", 8) << 1;
        QTest::newRow("unicode name") << stFile("{\"caf\xc3\xa9\xf0\x9f\x98\x80\":{\"dtype\":\"U8\",\"shape\":[2],\"data_offsets\":[0,2]}}", 2) << 1;
    }
    void acceptsLenientHeaders() {
        QFETCH(std::string, bytes);
        QFETCH(int, count);
        const fs::path file = path("lenient.safetensors");
        writeBytes(file, bytes);
        auto r = SafetensorsFile::open(file);
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().describe().c_str());
        QCOMPARE(int(r->tensors().size()), count);
    }

    void rejectsMalformed_data() {
        QTest::addColumn<std::string>("bytes");
        QTest::addColumn<std::string>("code");
        const auto t = [](const char* name, const char* dtype, const char* shape, const char* offsets) {
            return std::string("\"") + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape +
                   ",\"data_offsets\":" + offsets + "}";
        };
        const std::string a16 = t("a", "F32", "[4]", "[0,16]");
        QTest::newRow("empty file") << std::string() << std::string("safetensors.header_too_small");
        QTest::newRow("7-byte file") << std::string("\x02\0\0\0\0\0\0", 7) << std::string("safetensors.header_too_small");
        QTest::newRow("header length beyond file") << (le64(100) + "{}") << std::string("safetensors.invalid_header_length");
        QTest::newRow("header length max-1 overflow") << (le64(~0ull) + "{}") << std::string("safetensors.header_too_large");
        QTest::newRow("header claims > 100 MB") << (le64(100'000'001) + "{}") << std::string("safetensors.header_too_large");
        QTest::newRow("header exactly 100 MB, short file") << (le64(100'000'000) + "{}") << std::string("safetensors.invalid_header_length");
        QTest::newRow("truncated data") << stFile("{" + a16 + "}", 8) << std::string("safetensors.incomplete_buffer");
        QTest::newRow("trailing bytes") << stFile("{" + a16 + "}", 20) << std::string("safetensors.incomplete_buffer");
        QTest::newRow("overlapping offsets") << stFile("{" + a16 + "," + t("b", "F32", "[4]", "[8,24]") + "}", 24) << std::string("safetensors.invalid_offset");
        QTest::newRow("gap") << stFile("{" + a16 + "," + t("b", "F32", "[4]", "[20,36]") + "}", 36) << std::string("safetensors.invalid_offset");
        QTest::newRow("first offset not 0") << stFile("{" + t("a", "F32", "[4]", "[4,20]") + "}", 20) << std::string("safetensors.invalid_offset");
        QTest::newRow("end before begin") << stFile("{" + t("a", "U8", "[8]", "[0,8]") + "," + t("b", "U8", "[0]", "[8,4]") + "}", 8) << std::string("safetensors.invalid_offset");
        QTest::newRow("wrong byte size") << stFile("{" + t("a", "F32", "[2]", "[0,12]") + "}", 12) << std::string("safetensors.tensor_invalid_info");
        QTest::newRow("numel overflow") << stFile("{" + t("a", "F32", "[4294967296,4294967296,16]", "[0,4]") + "}", 4) << std::string("safetensors.overflow");
        QTest::newRow("unknown dtype") << stFile("{" + t("a", "F33", "[1]", "[0,4]") + "}", 4) << std::string("safetensors.invalid_header");
        QTest::newRow("unsupported dtype F8_E4M3") << stFile("{" + t("a", "F8_E4M3", "[4]", "[0,4]") + "}", 4) << std::string("safetensors.unsupported_dtype");
        QTest::newRow("unsupported dtype U32") << stFile("{" + t("a", "U32", "[1]", "[0,4]") + "}", 4) << std::string("safetensors.unsupported_dtype");
        QTest::newRow("non-UTF-8 header") << stFile("{" + t("a\xff", "U8", "[1]", "[0,1]") + "}", 1) << std::string("safetensors.invalid_utf8");
        QTest::newRow("overlong UTF-8") << stFile("{" + t("a\xc0\xaf", "U8", "[1]", "[0,1]") + "}", 1) << std::string("safetensors.invalid_utf8");
        QTest::newRow("UTF-16 surrogate") << stFile("{" + t("a\xed\xa0\x80", "U8", "[1]", "[0,1]") + "}", 1) << std::string("safetensors.invalid_utf8");
        QTest::newRow("missing key") << stFile(R"({"a":{"dtype":"U8","data_offsets":[0,1]}})", 1) << std::string("safetensors.invalid_header");
        QTest::newRow("extra key") << stFile(R"({"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1],"x":1}})", 1) << std::string("safetensors.invalid_header");
        QTest::newRow("non-string metadata value") << stFile(R"({"__metadata__":{"format":"pt","n":3}})", 0) << std::string("safetensors.invalid_header");
        QTest::newRow("metadata not an object") << stFile(R"({"__metadata__":"pt"})", 0) << std::string("safetensors.invalid_header");
        QTest::newRow("header not an object") << stFile("[1,2]", 0) << std::string("safetensors.invalid_header");
        QTest::newRow("header not JSON") << stFile("{\"a\":", 0) << std::string("safetensors.invalid_header");
        QTest::newRow("NUL in header") << stFile(std::string("{}\0\0", 4), 0) << std::string("safetensors.invalid_header");
        QTest::newRow("negative dimension") << stFile("{" + t("a", "U8", "[-1]", "[0,1]") + "}", 1) << std::string("safetensors.invalid_header");
        QTest::newRow("float dimension") << stFile("{" + t("a", "U8", "[1.0]", "[0,1]") + "}", 1) << std::string("safetensors.invalid_header");
        QTest::newRow("three offsets") << stFile("{" + t("a", "U8", "[1]", "[0,1,2]") + "}", 1) << std::string("safetensors.invalid_header");
        QTest::newRow("entry not an object") << stFile(R"({"a":[1]})", 0) << std::string("safetensors.invalid_header");
        QTest::newRow("duplicate name") << stFile("{" + t("a", "U8", "[1]", "[0,1]") + "," + t("a", "U8", "[1]", "[1,2]") + "}", 2) << std::string("safetensors.invalid_header");
    }
    void rejectsMalformed() {
        QFETCH(std::string, bytes);
        QFETCH(std::string, code);
        const fs::path file = path("broken-input.safetensors");
        writeBytes(file, bytes);
        auto r = SafetensorsFile::open(file);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, code);
        QVERIFY2(r.error().message.find("broken-input.safetensors") != std::string::npos, r.error().message.c_str());
        QCOMPARE(r.error().file, file.string());
    }

    void missingFile() {
        auto r = SafetensorsFile::open(path("does-not-exist.safetensors"));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, std::string("io.not_found"));
        QVERIFY(r.error().message.find("does-not-exist.safetensors") != std::string::npos);
    }

    void dtypeNames() {
        QCOMPARE(std::string(ft::io::dtypeName(DType::BF16)), std::string("BF16"));
        QCOMPARE(std::string(ft::io::dtypeName(DType::Bool)), std::string("BOOL"));
        QCOMPARE(ft::io::dtypeSize(DType::F64), size_t(8));
        QCOMPARE(ft::io::dtypeFromName("I16"), std::optional<DType>(DType::I16));
        QVERIFY(!ft::io::dtypeFromName("F8_E5M2"));
        QVERIFY(!ft::io::dtypeFromName("f32"));
        QVERIFY(ft::io::isKnownUnsupportedDtype("C64"));
        QVERIFY(!ft::io::isKnownUnsupportedDtype("F32"));
    }
};

QTEST_GUILESS_MAIN(TestSafetensors)
#include "test_safetensors.moc"
