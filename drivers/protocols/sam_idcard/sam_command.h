#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace hk {

// A host → reader command of GA 467 (reference §1.3), e.g. find card = AA AA AA 96 69 00 03 20 01 22.
struct SamCommand {
    std::uint8_t cmd = 0;
    std::uint8_t para = 0;
    std::vector<std::uint8_t> data;

    static SamCommand reset() { return {0x10, 0xFF, {}}; }       // 复位 SAM_A
    static SamCommand status() { return {0x11, 0xFF, {}}; }      // 状态检测
    static SamCommand readSamId() { return {0x12, 0xFF, {}}; }   // 读安全模块号
    static SamCommand findCard() { return {0x20, 0x01, {}}; }    // 寻找居民身份证
    static SamCommand selectCard() { return {0x20, 0x02, {}}; }  // 选取居民身份证
    static SamCommand readText() { return {0x30, 0x01, {}}; }    // 读机读文字和相片
    static SamCommand readTextAndFingerprint() { return {0x30, 0x10, {}}; }
    static SamCommand setMaxRfBytes(std::uint8_t n) { return {0x61, 0xFF, {n}}; }

    std::vector<std::uint8_t> encode() const;
    // The command a decoded frame body carries (the simulator's side); none if it is too short.
    static std::optional<SamCommand> fromBody(const std::vector<std::uint8_t> &body);

    friend bool operator==(const SamCommand &, const SamCommand &) = default;
};

} // namespace hk
