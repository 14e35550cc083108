// libFuzzer target: the GA 467 frame decoder, the response and read-payload parsers and the
// 256-byte text-block decoder on arbitrary bytes from a reader (or from anything plugged into its
// port). Beyond not crashing: a stream decodes to the same frames however it is split, every
// frame re-encodes to bytes that decode to it again, and a text block that decodes survives
// being encoded and decoded once more.

#include "drivers/protocols/sam_idcard/id_card_text_decoder.h"
#include "drivers/protocols/sam_idcard/id_card_text_encoder.h"
#include "drivers/protocols/sam_idcard/sam_command.h"
#include "drivers/protocols/sam_idcard/sam_frame.h"
#include "drivers/protocols/sam_idcard/sam_frame_decoder.h"
#include "drivers/protocols/sam_idcard/sam_response.h"

#include <cstdlib>

using namespace hk;

namespace {

std::vector<std::vector<std::uint8_t>> frames(const std::vector<SamFrameDecoder::Event> &events)
{
    std::vector<std::vector<std::uint8_t>> out;
    for (const auto &e : events) {
        if (e.kind == SamFrameDecoder::Event::Kind::Frame)
            out.push_back(e.body);
    }
    return out;
}

void check(bool condition)
{
    if (!condition)
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    SamFrameDecoder whole;
    const auto expected = frames(whole.feed(data, size));

    // The same stream in two pieces split where the first byte says, then byte by byte.
    const std::size_t split = size == 0 ? 0 : data[0] % (size + 1);
    SamFrameDecoder twoPieces;
    auto got = frames(twoPieces.feed(data, split));
    const auto rest = frames(twoPieces.feed(data + split, size - split));
    got.insert(got.end(), rest.begin(), rest.end());
    check(got == expected);
    check(twoPieces.buffered() == whole.buffered());
    if (size < 4096) {
        SamFrameDecoder bytewise;
        std::vector<std::vector<std::uint8_t>> one;
        for (std::size_t i = 0; i < size; ++i) {
            const auto f = frames(bytewise.feed(data + i, 1));
            one.insert(one.end(), f.begin(), f.end());
        }
        check(one == expected);
    }

    for (const auto &body : expected) {
        check(body.size() + 1 <= sam::kMaxLength);
        // Re-encoded, a frame decodes to itself.
        SamFrameDecoder again;
        const auto back = frames(again.feed(sam::encodeFrame(body)));
        check(back.size() == 1 && back.front() == body);
        if (const auto response = SamResponse::fromBody(body)) {
            (void)samStatusText(response->status());
            (void)classOf(response->status());
            for (bool fingerprint : {false, true}) {
                if (const auto payload = SamReadPayload::parse(response->data, fingerprint)) {
                    check(payload->text.size() == IdCardTextDecoder::kSize);
                    (void)IdCardTextDecoder::decode(payload->text.data(), payload->text.size());
                }
            }
        }
        (void)SamCommand::fromBody(body);
    }

    // Any 256 bytes as a card's text block.
    if (size >= IdCardTextDecoder::kSize) {
        const auto text = IdCardTextDecoder::decode(data, IdCardTextDecoder::kSize);
        if (text) {
            const auto block = IdCardTextEncoder::encode(text.value());
            check(block.has_value());
            const auto twice = IdCardTextDecoder::decode(block->data(), block->size());
            check(twice.ok() && twice.value() == text.value());
        }
    }
    return 0;
}
