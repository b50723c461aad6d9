#pragma once
// Headers every answer carries: a strict Content-Security-Policy (no inline script or style,
// nothing from elsewhere), no MIME sniffing, no framing, no referrer leaks.
#include "rollcall/http/Message.hpp"

namespace rollcall::http {

void applySecurityHeaders(Response& response);

}  // namespace rollcall::http
