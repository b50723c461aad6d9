#pragma once
// Answers a frequent GET from the answer cache when nothing it was read from has changed,
// else reads it and files it. Either way the answer carries an ETag and "private, no-cache"
// (a browser may keep it but asks again), and an If-None-Match naming the current ETag gets
// 304 without a body. Call it only after authorisation, with a key that holds the caller's
// scope and every parameter of the read.
#include <functional>
#include <span>
#include <string>
#include <string_view>

#include "ApiContext.hpp"

namespace rollcall::api {

struct AnswerText {
    std::string body;
    std::string contentType;
};

http::Response cachedRead(ApiContext& api, const http::RequestContext& ctx, const std::string& key,
                          std::span<const std::string_view> tables, const std::function<Result<AnswerText>()>& read);

}  // namespace rollcall::api
