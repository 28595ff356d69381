#include "core/hub/hub_errors.h"

namespace ft::hub {
namespace {

std::string where(const RequestContext& c) {
    return c.file.empty() ? c.repoId : c.repoId + "/" + c.file;
}

Error hubError(const char* code, const std::string& message, const RequestContext& c) {
    return makeError(code, message, {}, -1, where(c));
}

}  // namespace

Status checkResponse(const HttpResponse& r, const RequestContext& c) {
    if (r.status >= 200 && r.status < 400) return Status::success();
    const std::string code = r.header("x-error-code");
    std::string detail = r.header("x-error-message");
    const std::string page = c.endpoint + "/" + c.repoId;

    if (code == "GatedRepo") {
        if (c.haveToken)
            return hubError("hub.gated",
                            "The model " + c.repoId +
                                " is gated and your access token has no access to it yet: accept its "
                                "licence on " +
                                page + " with the account the token belongs to, then try again.",
                            c);
        return hubError(
            "hub.gated",
            "The model " + c.repoId + " is gated: accept its licence on " + page +
                " (signed in), create an access token at " + c.endpoint +
                "/settings/tokens and set the environment variable HF_TOKEN to it, then try again.",
            c);
    }
    if (code == "RepoNotFound" || (code.empty() && r.status == 404 && c.file.empty()))
        return hubError(
            "hub.not_found",
            "The repository " + c.repoId + " does not exist on " + c.endpoint +
                (c.haveToken
                     ? ", or your access token cannot read it."
                     : ", or it is private: check the name, or set HF_TOKEN to a token that can read it."),
            c);
    if (code == "RevisionNotFound")
        return hubError(
            "hub.revision_not_found",
            "The repository " + c.repoId + " has no revision '" + c.revision + "' (branch, tag or commit).",
            c);
    if (code == "EntryNotFound" || (code.empty() && r.status == 404))
        return hubError(
            "hub.entry_not_found",
            "The repository " + c.repoId + " has no file " + c.file + " at revision '" + c.revision + "'.",
            c);
    if (r.status == 401 || r.status == 403)
        return hubError("hub.unauthorized",
                        "The Hub refused access to " + where(c) + " (HTTP " + std::to_string(r.status) + ")" +
                            (detail.empty() ? "" : ": " + detail) +
                            (c.haveToken ? ". Check that HF_TOKEN holds a valid access token."
                                         : ". Set HF_TOKEN to an access token that can read it."),
                        c);
    if (r.status == 429)
        return hubError("hub.rate_limited",
                        "The Hub asks to slow down (HTTP 429) for " + where(c) + "; try again later.", c);
    if (detail.empty() && r.body.size() < 300) detail = r.body;
    return hubError("hub.http",
                    "The Hub answered HTTP " + std::to_string(r.status) + " for " + where(c) +
                        (detail.empty() ? "." : ": " + detail),
                    c);
}

}  // namespace ft::hub
