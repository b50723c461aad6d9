#include "CachedRead.hpp"

namespace rollcall::api {

http::Response cachedRead(ApiContext& api, const http::RequestContext& ctx, const std::string& key,
                          std::span<const std::string_view> tables, const std::function<Result<AnswerText>()>& read) {
    // Taken before the read's snapshot opens: an answer filed under it is never newer than it.
    const auto generation = api.store.changes().of(tables);
    auto found = api.answers.getOrRead(key, generation, [&]() -> Result<std::shared_ptr<const CachedAnswer>> {
        auto text = read();
        if (!text) return std::unexpected(text.error());
        auto fresh = std::make_shared<CachedAnswer>();
        fresh->etag = answerEtag(text->body);
        fresh->body = std::move(text->body);
        fresh->contentType = std::move(text->contentType);
        fresh->generation = generation;
        return fresh;
    });
    if (!found) return fromError(found.error());
    const auto& answer = *found;
    http::Response res;
    if (auto tags = ctx.header("If-None-Match"); tags && etagMatches(*tags, answer->etag)) {
        res = http::Response{http::Status::not_modified, 11};
    } else {
        res = http::textResponse(http::Status::ok, answer->body, answer->contentType);
    }
    res.set(http::bhttp::field::etag, answer->etag);
    res.set(http::bhttp::field::cache_control, "private, no-cache");
    return res;
}

}  // namespace rollcall::api
