#pragma once
// One file's content into blobs/<etag>: written to blobs/<etag>.incomplete, resumed with a Range
// request after a dropped connection or in a later run, checked (size, and sha256 for LFS files), and
// only then renamed into place.

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

#include "core/common/result.h"
#include "core/hub/hub_cache.h"
#include "core/hub/hub_errors.h"
#include "core/hub/hub_settings.h"

namespace ft::hub {

class HttpSession;

struct BlobSource {
    std::string url;           // the resolve URL or the CDN location from HEAD
    bool sendToken = true;     // false for a location an absolute redirect named
    std::string etag;          // names the blob
    int64_t size = -1;         // expected bytes; -1 when unknown
    bool checkSha256 = false;  // the ETag is the content's sha256 (LFS files)
};

// `onBytes` sees the bytes of this file written so far (it may go down to 0 when the server ignores
// the Range). hub.cancelled keeps the .incomplete file for the next run; a size or sha256 mismatch
// (hub.size_mismatch, hub.checksum) deletes it.
Status downloadBlob(HttpSession& http, const HubSettings& settings, const RepoCache& cache,
                    const BlobSource& source, const RequestContext& context,
                    const std::function<void(int64_t)>& onBytes, const std::atomic<bool>* cancel);

}  // namespace ft::hub
