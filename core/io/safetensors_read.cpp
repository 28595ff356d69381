// Reading side of safetensors.h: header parsing and the reference reader's validation, rule by rule.
#include <algorithm>
#include <limits>
#include <set>

#include <nlohmann/json.hpp>

#include "core/io/safetensors.h"
#include "core/io/utf8.h"

namespace ft::io {
namespace {

constexpr uint64_t kMaxHeaderSize = 100'000'000;  // safetensors MAX_HEADER_SIZE

struct RawEntry {
    TensorView view;
    uint64_t begin = 0;
    uint64_t end = 0;
    std::vector<uint64_t> dims;
};

class HeaderParser {
public:
    explicit HeaderParser(const std::filesystem::path& file) : m_file(file.string()) {}

    Error fail(const std::string& code, const std::string& what, const std::string& tensor = {}) const {
        std::string msg = "Invalid safetensors file " + m_file;
        if (!tensor.empty()) msg += ", tensor \"" + tensor + "\"";
        return makeError(code, msg + ": " + what, m_file, -1, tensor);
    }

    // One tensor entry: exactly {dtype, shape, data_offsets}.
    Result<RawEntry> entry(const std::string& name, const nlohmann::json& e) const {
        if (!e.is_object()) return fail("safetensors.invalid_header", "the entry is not a JSON object.", name);
        for (const char* key : {"dtype", "shape", "data_offsets"})
            if (!e.contains(key))
                return fail("safetensors.invalid_header", std::string("the key \"") + key + "\" is missing.",
                            name);
        for (auto it = e.begin(); it != e.end(); ++it)
            if (it.key() != "dtype" && it.key() != "shape" && it.key() != "data_offsets")
                return fail("safetensors.invalid_header", "unexpected key \"" + it.key() + "\".", name);

        RawEntry out;
        out.view.name = name;
        const nlohmann::json& dt = e["dtype"];
        if (!dt.is_string()) return fail("safetensors.invalid_header", "\"dtype\" is not a string.", name);
        const std::string dtName = dt.get<std::string>();
        if (auto d = dtypeFromName(dtName)) {
            out.view.dtype = *d;
        } else if (isKnownUnsupportedDtype(dtName)) {
            return fail("safetensors.unsupported_dtype",
                        "dtype " + dtName + " is not supported (supported: BOOL, U8, I8, I16, I32, I64, "
                        "F16, BF16, F32, F64).", name);
        } else {
            return fail("safetensors.invalid_header", "unknown dtype \"" + dtName + "\".", name);
        }

        const nlohmann::json& shape = e["shape"];
        if (!shape.is_array())
            return fail("safetensors.invalid_header", "\"shape\" is not an array.", name);
        for (const nlohmann::json& d : shape) {
            if (!d.is_number_unsigned())
                return fail("safetensors.invalid_header", "\"shape\" holds a value that is not a natural number.",
                            name);
            out.dims.push_back(d.get<uint64_t>());
        }
        const nlohmann::json& off = e["data_offsets"];
        if (!off.is_array() || off.size() != 2 || !off[0].is_number_unsigned() || !off[1].is_number_unsigned())
            return fail("safetensors.invalid_header", "\"data_offsets\" is not a pair of natural numbers.", name);
        out.begin = off[0].get<uint64_t>();
        out.end = off[1].get<uint64_t>();
        return out;
    }

    Status metadata(const nlohmann::json& m, std::map<std::string, std::string>& out) const {
        if (m.is_null()) return Status::success();
        if (!m.is_object()) return fail("safetensors.invalid_header", "\"__metadata__\" is not an object.");
        for (auto it = m.begin(); it != m.end(); ++it) {
            if (!it.value().is_string())
                return fail("safetensors.invalid_header",
                            "\"__metadata__\" value of \"" + it.key() + "\" is not a string.");
            out[it.key()] = it.value().get<std::string>();
        }
        return Status::success();
    }

    // Offsets contiguous from 0, sizes consistent, numel without overflow (reference `validate`).
    Result<uint64_t> validate(std::vector<RawEntry>& entries) const {
        std::sort(entries.begin(), entries.end(), [](const RawEntry& a, const RawEntry& b) {
            return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
        });
        uint64_t prevEnd = 0;
        for (RawEntry& r : entries) {
            const std::string& name = r.view.name;
            if (r.begin != prevEnd || r.end < r.begin)
                return fail("safetensors.invalid_offset",
                            "data_offsets [" + std::to_string(r.begin) + ", " + std::to_string(r.end) +
                                "] do not start where the previous tensor ends (" + std::to_string(prevEnd) +
                                "); tensors must be contiguous, without gaps or overlaps.",
                            name);
            uint64_t numel = 1;
            for (uint64_t d : r.dims)
                if (__builtin_mul_overflow(numel, d, &numel))
                    return fail("safetensors.overflow", "the element count of the shape overflows.", name);
            uint64_t nbytes = 0;
            if (numel > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()) ||
                __builtin_mul_overflow(numel, static_cast<uint64_t>(dtypeSize(r.view.dtype)), &nbytes))
                return fail("safetensors.overflow", "the byte size of the shape overflows.", name);
            if (r.end - r.begin != nbytes)
                return fail("safetensors.tensor_invalid_info",
                            "data_offsets span " + std::to_string(r.end - r.begin) + " bytes but shape and " +
                                dtypeName(r.view.dtype) + " need " + std::to_string(nbytes) + ".",
                            name);
            for (uint64_t d : r.dims) r.view.shape.push_back(static_cast<int64_t>(d));
            r.view.nbytes = static_cast<size_t>(nbytes);
            prevEnd = r.end;
        }
        return prevEnd;
    }

private:
    std::string m_file;
};

}  // namespace

int64_t TensorView::numel() const {
    int64_t n = 1;
    for (int64_t d : shape) n *= d;
    return n;
}

const TensorView* SafetensorsFile::find(std::string_view name) const {
    auto it = m_byName.find(name);
    return it == m_byName.end() ? nullptr : &m_tensors[it->second];
}

Result<SafetensorsFile> SafetensorsFile::open(const std::filesystem::path& file) {
    auto mapped = MappedFile::open(file);
    if (!mapped) return mapped.error();
    const HeaderParser parser(file);
    const unsigned char* bytes = mapped->data();
    const size_t fileSize = mapped->size();

    if (fileSize < 8)
        return parser.fail("safetensors.header_too_small",
                           "the file has " + std::to_string(fileSize) + " bytes, fewer than the 8-byte header length.");
    uint64_t n = 0;
    for (int i = 7; i >= 0; --i) n = (n << 8) | bytes[i];  // little-endian u64
    if (n > kMaxHeaderSize)
        return parser.fail("safetensors.header_too_large",
                           "the header claims " + std::to_string(n) + " bytes, more than the 100,000,000 allowed.");
    if (n > fileSize - 8)
        return parser.fail("safetensors.invalid_header_length",
                           "the header claims " + std::to_string(n) + " bytes but the file has only " +
                               std::to_string(fileSize - 8) + " after the length field.");
    const std::string_view headerText(reinterpret_cast<const char*>(bytes + 8), static_cast<size_t>(n));
    if (!isValidUtf8(headerText))
        return parser.fail("safetensors.invalid_utf8", "the header is not valid UTF-8.");

    // nlohmann stops at a NUL byte as if the input ended; in JSON it is never valid.
    if (headerText.find('\0') != std::string_view::npos)
        return parser.fail("safetensors.invalid_header", "the header contains a NUL byte, which is not valid JSON.");
    // Duplicate top-level keys would silently collapse in a JSON object; catch them while parsing.
    std::set<std::string> seen;
    std::string duplicate;
    auto onEvent = [&](int depth, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
        if (event == nlohmann::json::parse_event_t::key && depth == 1 && parsed.is_string() &&
            !seen.insert(parsed.get<std::string>()).second && duplicate.empty())
            duplicate = parsed.get<std::string>();
        return true;
    };
    nlohmann::json header;
    try {
        header = nlohmann::json::parse(headerText.begin(), headerText.end(), onEvent);
    } catch (const nlohmann::json::parse_error& e) {
        return parser.fail("safetensors.invalid_header",
                           "the header is not valid JSON (at byte " + std::to_string(e.byte) + ").");
    }
    if (!header.is_object()) return parser.fail("safetensors.invalid_header", "the header is not a JSON object.");
    if (!duplicate.empty())
        return parser.fail("safetensors.invalid_header", "the name appears twice in the header.", duplicate);

    SafetensorsFile out;
    out.m_path = file;
    std::vector<RawEntry> entries;
    for (auto it = header.begin(); it != header.end(); ++it) {
        if (it.key() == "__metadata__") {
            Status s = parser.metadata(it.value(), out.m_metadata);
            if (!s) return s.error();
            continue;
        }
        auto entry = parser.entry(it.key(), it.value());
        if (!entry) return entry.error();
        entries.push_back(std::move(*entry));
    }
    auto bufferEnd = parser.validate(entries);
    if (!bufferEnd) return bufferEnd.error();
    const uint64_t dataStart = 8 + n;
    if (*bufferEnd != fileSize - dataStart)
        return parser.fail("safetensors.incomplete_buffer",
                           "the tensors cover " + std::to_string(*bufferEnd) + " data bytes but the file has " +
                               std::to_string(fileSize - dataStart) +
                               "; the data must be indexed entirely, without trailing bytes.");

    out.m_tensors.reserve(entries.size());
    for (RawEntry& r : entries) {
        r.view.data = bytes + dataStart + r.begin;
        out.m_byName.emplace(r.view.name, out.m_tensors.size());
        out.m_tensors.push_back(std::move(r.view));
    }
    out.m_map = std::move(*mapped);
    return out;
}

}  // namespace ft::io
