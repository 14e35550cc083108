#include "drivers/protocols/sam_idcard/sam_response.h"

#include "drivers/protocols/sam_idcard/sam_frame.h"

namespace hk {

std::vector<std::uint8_t> SamResponse::encode() const
{
    std::vector<std::uint8_t> body;
    body.reserve(3 + data.size());
    body.push_back(sw1);
    body.push_back(sw2);
    body.push_back(sw3);
    for (std::uint8_t b : data)
        body.push_back(b);
    return sam::encodeFrame(body);
}

std::optional<SamResponse> SamResponse::fromBody(const std::vector<std::uint8_t> &body)
{
    if (body.size() < 3)
        return std::nullopt;
    return SamResponse{body[0], body[1], body[2], std::vector<std::uint8_t>(body.begin() + 3, body.end())};
}

std::optional<SamReadPayload> SamReadPayload::parse(const std::vector<std::uint8_t> &data, bool withFingerprint, Error *error)
{
    const auto failWith = [error](Error e) {
        if (error)
            *error = e;
        return std::optional<SamReadPayload>();
    };
    const std::size_t header = withFingerprint ? 6 : 4;
    if (data.size() < header)
        return failWith(Error::TooShort);
    const auto be16 = [&data](std::size_t at) { return (std::size_t(data[at]) << 8) | data[at + 1]; };
    const std::size_t textLength = be16(0);
    SamReadPayload payload;
    payload.photoLength = be16(2);
    payload.fingerprintLength = withFingerprint ? be16(4) : 0;
    if (textLength != 256)
        return failWith(Error::LengthsDisagree);
    if (data.size() != header + textLength + payload.photoLength + payload.fingerprintLength)
        return failWith(data.size() < header + textLength ? Error::TooShort : Error::LengthsDisagree);
    payload.text.assign(data.begin() + std::ptrdiff_t(header), data.begin() + std::ptrdiff_t(header + textLength));
    return payload;
}

} // namespace hk
