// Feeds arbitrary bytes to the frame decoder and the message decoder. Neither may crash, hang
// or leak; and whatever decodes must re-encode to bytes that decode to the same encoding.
#include <cstdint>
#include <cstdlib>
#include <span>

#include "rollcall/proto/Codec.hpp"
#include "rollcall/proto/Frame.hpp"

namespace {

void checkPayload(std::span<const std::uint8_t> payload) {
    auto message = rollcall::proto::decodePayload(payload);
    if (!message) return;
    const auto once = rollcall::proto::encodePayload(*message);
    auto again = rollcall::proto::decodePayload(once);
    if (!again || rollcall::proto::encodePayload(*again) != once) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::span<const std::uint8_t> input(data, size);
    // As a byte stream of frames, split where the input says.
    rollcall::proto::FrameDecoder decoder(64 * 1024);
    const std::size_t split = size > 0 ? data[0] % (size + 1) : 0;
    if (decoder.feed(input.first(split)) && decoder.feed(input.subspan(split))) {
        while (auto payload = decoder.next()) checkPayload(*payload);
        (void)decoder.finish();
    }
    // As one payload.
    checkPayload(input);
    return 0;
}
