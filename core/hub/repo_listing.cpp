#include "core/hub/repo_listing.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/hub/hub_names.h"

namespace ft::hub {

Result<RepoListing> parseModelInfo(const std::string& json, const RequestContext& c) {
    auto bad = [&](const std::string& why) {
        return makeError("hub.bad_response",
                         "The Hub's file list for " + c.repoId + " (revision '" + c.revision +
                             "') is not usable: " + why + ".",
                         {}, -1, c.repoId);
    };
    const nlohmann::json doc = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
    if (!doc.is_object()) return bad("it is not a JSON object");
    RepoListing listing;
    listing.repoId = c.repoId;
    listing.revision = c.revision;
    const auto sha = doc.find("sha");
    if (sha == doc.end() || !sha->is_string() || !isCommitHash(sha->get<std::string>()))
        return bad("no commit id (\"sha\")");
    listing.commit = sha->get<std::string>();
    const auto siblings = doc.find("siblings");
    if (siblings == doc.end() || !siblings->is_array()) return bad("no \"siblings\" list");
    for (const nlohmann::json& s : *siblings) {
        if (!s.is_object()) return bad("an entry of \"siblings\" is not an object");
        const auto name = s.find("rfilename");
        if (name == s.end() || !name->is_string())
            return bad("an entry of \"siblings\" has no \"rfilename\"");
        RepoFile file;
        file.path = name->get<std::string>();
        if (const auto size = s.find("size");
            size != s.end() && size->is_number_integer() && size->get<int64_t>() >= 0)
            file.size = size->get<int64_t>();
        if (const auto lfs = s.find("lfs"); lfs != s.end() && lfs->is_object()) {
            if (const auto h = lfs->find("sha256");
                h != lfs->end() && h->is_string() && isSha256Hex(h->get<std::string>()))
                file.lfsSha256 = h->get<std::string>();
            if (const auto size = lfs->find("size");
                file.size < 0 && size != lfs->end() && size->is_number_integer())
                file.size = std::max<int64_t>(-1, size->get<int64_t>());
        }
        listing.files.push_back(std::move(file));
    }
    return listing;
}

}  // namespace ft::hub
